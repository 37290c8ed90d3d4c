#!/usr/bin/env bash
# Fetching as a good citizen: a server that says 429 with Retry-After is
# left alone for that long, a failing source waits longer after each
# failure, and the waits live in Redis, shared by every fetcher.
. "$(dirname "$0")/lib.sh"
require_services

start_fixture_server "$TOP/examples/site"
write_base_config "$work/precis.yml"
cat >>"$work/precis.yml" <<YML
fetcher:
  allow_private: [127.0.0.1]
  # every fixture is on one host: politeness is t24's subject, not this test's
  host_delay_ms: 0
  host_concurrency: 8
  backoff_base_s: 2
sources:
  - {name: Limited, url: "http://127.0.0.1:$port/limited/feed.xml"}
  - {name: Gone, url: "http://127.0.0.1:$port/gone/feed.xml"}
  - {name: Fine, url: "http://127.0.0.1:$port/feeds/wire-brief.xml"}
YML
poll() { precis-fetcher --config "$work/precis.yml" --once >"$work/$1.log" 2>&1 || fail "$1 failed"; }

poll first
grep -q "source Limited: .*answered HTTP 429; next try in 120 s" "$work/first.log" ||
	fail "Retry-After not honoured: $(grep Limited "$work/first.log")"
grep -q "source Gone: .*answered HTTP 404; next try in [12] s (1 failures in a row)" "$work/first.log" ||
	fail "no backoff after a failure: $(grep Gone "$work/first.log")"
grep -q "3 pages produced" "$work/first.log" || fail "the healthy source suffered: $(grep 'poll done' "$work/first.log")"

poll second # at once: both failing sources are waiting
grep -q "source Limited: not polled: it is failing (.*HTTP 429) and backs off for 1[01][0-9] s more" \
	"$work/second.log" || fail "Limited was asked again: $(grep Limited "$work/second.log")"
grep -q "source Gone: not polled: it is failing" "$work/second.log" || fail "Gone was asked again at once"
[ "$(grep -c 'GET /limited/' "$work/fixture.log")" = 1 ] || fail "the rate-limited server was asked twice"

sleep 2.1
poll third # Gone's wait is over: it fails again and waits twice as long
grep -q "source Gone: .*next try in [2-4] s (2 failures in a row)" "$work/third.log" ||
	fail "the wait did not grow: $(grep Gone "$work/third.log")"
grep -q "source Fine: not modified" "$work/third.log" || fail "no conditional GET for Fine"
# The operator's view of the same.
set +e
precis sources status --config "$work/precis.yml" >"$work/status.out" 2>&1
rc=$?
set -e
[ "$rc" = 1 ] || fail "sources status exited $rc with failing sources: $(cat "$work/status.out")"
grep -Eq '^Gone +.* 2 +- +[0-9]+s +.*HTTP 404' "$work/status.out" || fail "status: $(cat "$work/status.out")"
grep -Eq '^Limited +.* 1 +- +1[01][0-9]s +.*HTTP 429' "$work/status.out" || fail "status: $(cat "$work/status.out")"
grep -Eq '^Fine +20[0-9-]+T[0-9:]+Z +- +0 +3 +- *$' "$work/status.out" || fail "status: $(cat "$work/status.out")"
echo "politeness: Retry-After honoured, backoff grows, healthy sources unaffected"

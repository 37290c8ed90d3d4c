#!/usr/bin/env bash
# robots.txt is honoured for article pages and cached: the disallowed page
# is never requested, the allowed ones are, and a second poll does not ask
# for robots.txt again.
. "$(dirname "$0")/lib.sh"
require_services

start_fixture_server "$TOP/tests/fixtures/robots"
write_base_config "$work/precis.yml"
cat >>"$work/precis.yml" <<YML
fetcher:
  allow_private: [127.0.0.1]
  # every fixture is on one host: politeness is t24's subject, not this test's
  host_delay_ms: 0
  host_concurrency: 8
sources:
  - {name: Fixture, url: "http://127.0.0.1:$port/feed.xml"}
YML
precis-fetcher --config "$work/precis.yml" --once >"$work/first.log" 2>&1 || fail "fetcher failed"
grep -q "2 pages produced.* 1 disallowed by robots.txt" "$work/first.log" ||
	fail "first poll: $(grep 'poll done' "$work/first.log")"
grep -q "robots.txt disallows http://127.0.0.1:$port/private/secret-story.html" "$work/first.log" ||
	fail "no word of the disallowed page"
! grep -q "GET /private/secret-story.html" "$work/fixture.log" || fail "the disallowed page was requested"
grep -q "GET /private/press/press-story.html" "$work/fixture.log" || fail "the allowed press page was not fetched"
[ "$(topic_count "$ns.pages")" = 2 ] || fail "expected two pages on the topic"

# Again, with the feed's validators dropped so the poll walks the entries (not a 304):
# the disallowed page is judged again, from the cached robots.txt.
redis-cli -u "$TEST_REDIS_URL" HDEL "$ns:source:Fixture" etag last_modified >/dev/null
precis-fetcher --config "$work/precis.yml" --once >"$work/second.log" 2>&1 || fail "second poll failed"
grep -q "robots.txt disallows" "$work/second.log" || fail "second poll did not judge the page again"
[ "$(grep -c 'GET /robots.txt' "$work/fixture.log")" = 1 ] || fail "robots.txt was not cached"
! grep -q "GET /private/secret-story.html" "$work/fixture.log" || fail "the disallowed page was requested"
echo "robots: disallowed page never requested; robots.txt cached"

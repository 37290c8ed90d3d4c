#!/usr/bin/env bash
# Hostile servers: redirect loops, redirects to a private address, a gzip
# bomb, an endless body, a slow drip, an image where a feed or page should
# be, invalid UTF-8, billion laughs and an external entity. Each is refused
# (or, for invalid UTF-8, repaired) with a clear reason, nothing crashes,
# the run ends in bounded time, and the healthy feed and pages still flow.
. "$(dirname "$0")/lib.sh"
require_services

python3 "$TOP/tests/scaffold/hostile_server.py" "$work/hport" 2>"$work/hostile.log" &
pids+=($!)
wait_until 30 test -f "$work/hport" || fail "hostile server did not start"
hp=$(cat "$work/hport")
cfg="$work/precis.yml"
write_base_config "$cfg"
cat >>"$cfg" <<YML
fetcher:
  allow_private: [127.0.0.1]
  host_delay_ms: 0
  host_concurrency: 16
  timeout_ms: 4000
  max_feed_bytes: 1048576
  max_page_bytes: 1048576
sources:
YML
for route in loop to-private gzip-bomb endless slow-drip wrong-type invalid-utf8.xml \
	billion-laughs.xml xxe.xml good.xml feed-of-bad-pages.xml; do
	echo "  - {name: \"$route\", url: \"http://127.0.0.1:$hp/$route\"}" >>"$cfg"
done

SECONDS=0
precis-fetcher --config "$cfg" --once >"$work/fetcher.log" 2>&1 || fail "the fetcher failed: $(tail -5 "$work/fetcher.log")"
[ "$SECONDS" -lt 40 ] || fail "the poll took $SECONDS s"
expect() { grep -q -- "$1" "$work/fetcher.log" || fail "no '$1' in the log: $(grep -i "$2" "$work/fetcher.log" | head -3)"; }
# feeds
expect "source loop: .*Number of redirects hit maximum amount" loop
expect "source to-private: .*refused to connect to non-public address 169.254.169.254" private
expect "source gzip-bomb: .*response larger than 1048576 bytes" bomb
expect "source endless: .*response larger than 1048576 bytes" endless
expect "source slow-drip: .*Timeout was reached" slow
expect "source wrong-type: .*is not a feed (Content-Type image/png)" wrong
expect "source billion-laughs.xml: .*refused: the document declares entities" laughs
expect "source xxe.xml: .*refused: the document declares entities" xxe
# pages linked from a healthy feed
for route in loop to-private gzip-bomb endless slow-drip; do
	grep -q "source feed-of-bad-pages.xml: http://127.0.0.1:$hp/$route" "$work/fetcher.log" ||
		fail "bad page /$route not refused: $(grep "$route" "$work/fetcher.log" | head -3)"
done
expect "source feed-of-bad-pages.xml: http://127.0.0.1:$hp/wrong-type is not a web page (Content-Type image/png)" wrong
# what is healthy flows: good 1, 2, 3, the page of the invalid UTF-8 feed, and the page
# whose Content-Type has a byte beyond ASCII (once its page message was refused and it was lost)
[ "$(topic_count "$ns.pages")" = 5 ] || fail "$(topic_count "$ns.pages") pages, 5 expected: $(grep 'poll done' "$work/fetcher.log")"
kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.pages" -e -q -f '%s\n' | precis proto check page >/dev/null ||
	fail "a page message breaks its contract"
kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.pages" -e -q -f '%s\n' |
	python3 -c '
import json, sys
ms = [json.loads(l) for l in sys.stdin]
u = [m for m in ms if m["url"].endswith("/good/utf8.html")][0]
# Bytes the UTF-8 label cannot read send the feed to detection; the entry flows whole.
s = u["entry"]["summary"]
assert s.startswith("Ab") and s.endswith("out /good/utf8.html.") and s != "About /good/utf8.html.", u["entry"]
' || fail "the feed with invalid UTF-8 was not read whole"
precis sources status --config "$cfg" >"$work/status.out" || true
grep -q "^gzip-bomb .*larger than" "$work/status.out" || fail "status: $(cat "$work/status.out")"
grep -q "^good.xml .* 0 " "$work/status.out" || fail "status: $(cat "$work/status.out")"
echo "hostile servers: every trick refused with its reason in $SECONDS s; healthy sources flowed"

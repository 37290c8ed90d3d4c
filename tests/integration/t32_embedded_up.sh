#!/usr/bin/env bash
# `precis up`: the embedded services kept running. It polls on its interval,
# the publisher publishes at its scheduled minute with every article once
# (later polls find nothing new), and SIGTERM stops everything cleanly; a
# second start over the same data folder fetches nothing again.
. "$(dirname "$0")/lib.sh"

expected=$(ls "$TOP"/examples/site/*/*.html | wc -l)
# The slot is the next minute, so the first poll has drained before it.
ahead='+1 minute'
[ "$(date +%S)" -lt 45 ] || ahead='+2 minutes' # never a slot that comes before the first drain
slot=$(TZ=UTC date -d "$ahead" +%H:%M)
flags=(--config "$TOP/examples/precis.yml" --fetcher.poll_interval_s=10
	--publisher.publish_at="$slot" --publisher.timezone=UTC --publisher.schedule=daily)
start up precis up "${flags[@]}" --data-dir "$work/data"
upid=$pid
wait_until 150 sh -c "ls '$work'/data/digests/*/*/precis-*.md >/dev/null 2>&1" ||
	fail "no scheduled edition: $(tail -5 "$work/up.log")"
[ "$(grep -c 'poll done; next in 10 s' "$work/up.log")" -ge 2 ] || fail "it did not keep polling: $(grep poll "$work/up.log")"
kill -TERM "$upid"
wait "$upid" || fail "precis up exited $? on SIGTERM"
grep -q "stopping on request" "$work/up.log" || fail "no clean stop"
digest=$(ls "$work"/data/digests/*/*/precis-*.json)
python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
urls = [s["url"] for i in d["items"] for s in i["sources"]]
assert d["stats"]["articles"] == int(sys.argv[2]) and len(set(urls)) == len(urls) == int(sys.argv[2]), d["stats"]' \
	"$digest" "$expected" || fail "the edition does not hold every article once"
# Restarted: everything was confirmed, nothing is fetched again.
start up2 precis up "${flags[@]}" --data-dir "$work/data"
wait_until 60 grep -q "poll done; next in" "$work/up2.log" || fail "second start: $(tail -3 "$work/up2.log")"
kill -TERM "$pid"
wait "$pid" || fail "second precis up exited $?"
grep -q "0 pages produced" "$work/up2.log" || fail "the second start fetched again: $(grep 'pages produced' "$work/up2.log")"
echo "embedded up: polled on its interval, published at $slot, every article once"

#!/usr/bin/env bash
# Two fetcher replicas against two local sites with many feeds and pages:
# every article reaches the pages topic exactly once, whichever replica saw
# it first (feeds repeat each other's items), no page is requested twice,
# each feed is polled once per interval, robots.txt is obeyed, and each
# host sees at most fetcher.host_concurrency requests at once, spaced by
# fetcher.host_delay_ms, across both replicas together. Then a replica that
# "died" holding claims: its articles are fetched once the claims expire.
. "$(dirname "$0")/lib.sh"
require_services

start_site() { # NAME: a synthetic site on its own port (its own origin); sets $sp
	rm -f "$work/$1.port"
	python3 "$TOP/tests/scaffold/site_server.py" "$work/$1.port" "$work/$1.requests" \
		--feeds 5 --items 10 --delay 0.05 2>"$work/$1-server.log" &
	pids+=($!)
	wait_until 10 test -f "$work/$1.port" || fail "site $1 did not start"
	sp=$(cat "$work/$1.port")
}
start_site a
pa=$sp
start_site b
pb=$sp

cfg="$work/precis.yml"
write_base_config "$cfg"
cat >>"$cfg" <<YML
fetcher:
  allow_private: [127.0.0.1]
  concurrency: 16
  host_concurrency: 2
  host_delay_ms: 50
  poll_interval_s: 600
sources:
YML
for p in "$pa" "$pb"; do
	for n in 0 1 2 3; do
		echo "  - {name: site$p-f$n, url: \"http://127.0.0.1:$p/feeds/f$n.xml\"}" >>"$cfg"
	done
done

# 2 sites x (4 feeds x 10 items): 80 articles; feed 2 repeats 5 of feed 1's.
start r1 precis-fetcher --config "$cfg"
start r2 precis-fetcher --config "$cfg"
wait_until 90 topic_has_at_least "$ns.pages" 80 || fail "$(topic_count "$ns.pages") of 80 pages"
sleep 3 # anything twice would show by now
[ "$(topic_count "$ns.pages")" = 80 ] || fail "$(topic_count "$ns.pages") page messages for 80 articles"
[ "$(kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.pages" -e -q -f '%k\n' | sort -u | wc -l)" = 80 ] ||
	fail "duplicate articles on the pages topic"
grep -h "poll done" "$work/r1.log" "$work/r2.log" >&2 || true

cat "$work/a.requests" "$work/b.requests" >/dev/null
python3 - "$work/a.requests" "$work/b.requests" <<'PY' || fail "requests broke the rules (see above)"
import collections, json, sys
bad = False
for path in sys.argv[1:]:
    reqs = [json.loads(l) for l in open(path)]
    paths = collections.Counter(r["path"] for r in reqs)
    twice = [p for p, n in paths.items() if n > 1 and p != "/robots.txt"]
    if twice:
        print("requested twice:", twice[:5]); bad = True
    if any(p.startswith("/private/") for p in paths):
        print("robots.txt ignored:", [p for p in paths if p.startswith("/private/")]); bad = True
    if sum(1 for p in paths if p.startswith("/feeds/")) != 4:
        print("feeds polled:", [p for p in paths if p.startswith("/feeds/")]); bad = True
    # At most two in flight at any moment, across both replicas.
    events = sorted([(r["start"], 1) for r in reqs] + [(r["end"], -1) for r in reqs])
    cur = peak = 0
    for _, d in events:
        cur += d
        peak = max(peak, cur)
    # Starts 50 ms apart: any nine in a row span 400 ms. The server sees a
    # start late by however long a loaded machine keeps it from accepting,
    # so one gap can shrink to nothing; across eight gaps only the two ends
    # can be late, hence 100 ms of slack. Without spacing, two at a time of
    # 50 ms pages, nine starts would span about 200 ms.
    starts = sorted(r["start"] for r in reqs)
    span = min(b - a for a, b in zip(starts, starts[8:]))
    print("%s: %d requests, at most %d at once, any 9 starts span at least %.0f ms" % (path, len(reqs), peak, span * 1000))
    if peak > 2:
        bad = True
    if span < 0.300:
        bad = True
sys.exit(1 if bad else 0)
PY

# A replica that died holding claims: 3 of feed 4's articles are claimed by
# it; the first poll leaves them, the poll after their expiry takes them.
kill "${pids[-1]}" "${pids[-2]}" 2>/dev/null || true
echo "  - {name: site$pa-f4, url: \"http://127.0.0.1:$pa/feeds/f4.xml\"}" >>"$cfg"
for i in 0 1 2; do
	id=$(python3 -c 'import hashlib, sys; print(hashlib.sha256(sys.argv[1].encode()).hexdigest()[:32])' \
		"http://127.0.0.1:$pa/news/f4/story-$i.html")
	redis-cli -u "$TEST_REDIS_URL" SET "$ns:claim:$id" dead-replica PX 5000 >/dev/null
done
precis-fetcher --config "$cfg" --once >"$work/once1.log" 2>&1 || fail "once1: $(tail -3 "$work/once1.log")"
[ "$(topic_count "$ns.pages")" = 87 ] || fail "$(topic_count "$ns.pages") pages after the first poll, 87 expected"
grep -q "poll done: 7 pages produced" "$work/once1.log" || fail "$(grep 'poll done' "$work/once1.log")"
sleep 5
precis-fetcher --config "$cfg" --once >"$work/once2.log" 2>&1 || fail "once2: $(tail -3 "$work/once2.log")"
[ "$(topic_count "$ns.pages")" = 90 ] || fail "$(topic_count "$ns.pages") pages after the claims expired, 90 expected"
[ "$(kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.pages" -e -q -f '%k\n' | sort -u | wc -l)" = 90 ] ||
	fail "duplicate articles after the claims expired"
echo "fetch replicas: 90 articles once each, politeness held across replicas, dead claims expire"

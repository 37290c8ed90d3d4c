#!/usr/bin/env bash
# Faults: every article exactly once, whatever dies, restarts or stalls.
#
# Two replicas of every stage on a broker and a Redis of this test's own,
# a local site of a few hundred articles, and for FAULT_SECONDS: kill -9
# of random replicas of every stage (each restarted a moment later), an
# edition published mid-run, a restart of Redis without persistence (its
# state is lost), a restart of the broker, a summarizer stopped (SIGSTOP)
# past its session timeout and let go, a second edition mid-run. Then the
# pipeline drains and a last edition is published. Across all editions
# every article appears exactly once, no edition id is used twice, and the
# files and the digest topic (read with kcat) hold the same editions.
#
# Seeded: FAULT_SEED=N replays the same faults in the same order.
# FAULT_MEMBERSHIP=static|dynamic and FAULT_SESSION_MS choose how replicas
# rejoin their groups (docs/operations.md compares them).
. "$(dirname "$0")/lib.sh"

seed=${FAULT_SEED:-$((RANDOM * 32768 + RANDOM))}
RANDOM=$seed
membership=${FAULT_MEMBERSHIP:-static}
session_ms=${FAULT_SESSION_MS:-10000}
fault_seconds=${FAULT_SECONDS:-100}
feeds=10 items=30
expected=$((feeds * items))
began=$SECONDS
echo "faults: seed $seed (FAULT_SEED=$seed replays them), $membership membership," \
	"session timeout $session_ms ms"

# The broker and Redis are this test's own: it restarts them. Stopped whatever happens.
own="$work/own"
stop_own() {
	# A replica stopped (SIGSTOP) when the test ends would never see its SIGTERM.
	for p in "${pids[@]+"${pids[@]}"}"; do
		kill -CONT "$p" 2>/dev/null || true
	done
	"$TOP/scripts/kafka.sh" stop "$own/kafka" || true
	"$TOP/scripts/redis.sh" stop "$own/redis" || true
}
trap 'rc=$?; stop_own; (exit $rc); cleanup' EXIT
bootstrap=$("$TOP/scripts/kafka.sh" start "$own/kafka") || fail "no broker"
redis_url=$("$TOP/scripts/redis.sh" start "$own/redis") || fail "no Redis"

python3 "$TOP/tests/scaffold/site_server.py" "$work/site.port" "$work/site.requests" \
	--feeds "$feeds" --items "$items" --delay 0.02 --etag 1 --grow $((fault_seconds + 40)) \
	2>"$work/site.log" &
pids+=($!)
wait_until 10 test -f "$work/site.port" || fail "the site did not start"
sp=$(cat "$work/site.port")

cfg="$work/precis.yml"
cat >"$cfg" <<YML
kafka:
  bootstrap.servers: $bootstrap
  session.timeout.ms: $session_ms
  heartbeat.interval.ms: $((session_ms / 4 < 3000 ? session_ms / 4 : 3000))
redis:
  url: $redis_url
topics:
  partitions: 4
pipeline:
  connect_timeout_ms: 5000
  flush_timeout_ms: 10000
  shutdown_timeout_ms: 5000
fetcher:
  allow_private: [127.0.0.1]
  poll_interval_s: 10
  claim_ttl_s: 10
  host_delay_ms: 0
  host_concurrency: 8
  host_lease_ms: 2000
  timeout_ms: 5000
publisher:
  output_dir: $work/digests
  publish_at: ""
  lock_ttl_ms: 5000
  sink_attempts: 3
  retry_backoff_ms: 200
sources:
YML
for n in $(seq 0 $((feeds - 1))); do
	echo "  - {name: f$n, url: \"http://127.0.0.1:$sp/feeds/f$n.xml\", lang: en}" >>"$cfg"
done

# ---- replicas ----
declare -A rpid
replicas=(fetcher1 fetcher2 extractor1 extractor2 summarizer1 summarizer2 publisher1 publisher2)
launch() { # NAME: (re)starts a replica; logs accumulate in $work/NAME.log
	local name=$1 extra=()
	[ "$membership" = static ] && extra=(--kafka.group.instance.id="$name")
	"precis-${name%[0-9]}" --config "$cfg" "${extra[@]}" >>"$work/$name.log" 2>&1 &
	rpid[$name]=$!
	pids+=($!)
}
alive() { kill -0 "${rpid[$1]}" 2>/dev/null; }
for r in "${replicas[@]}"; do launch "$r"; done

kills=0 broker_restarts=0 redis_restarts=0 stalls=0 mid_publishes=0
kill9() { # NAME, restarted after 0-2 s
	kill -9 "${rpid[$1]}" 2>/dev/null || true
	wait "${rpid[$1]}" 2>/dev/null || true
	sleep $((RANDOM % 3))
	launch "$1"
	kills=$((kills + 1))
}
restart() { # redis|kafka: stops one of the test's own services and starts it again
	"$TOP/scripts/$1.sh" stop "$own/$1"
	"$TOP/scripts/$1.sh" start "$own/$1" >/dev/null || fail "$1 did not come back"
}
publish_now() { # an edition now; another publisher may hold the lock for a moment
	local deadline=$((SECONDS + 90))
	until precis digest publish --now --config "$cfg" >>"$work/publish.out" 2>>"$work/publish.log"; do
		[ "$SECONDS" -lt "$deadline" ] || fail "no publication in 90 s: $(tail -3 "$work/publish.log")"
		sleep 1
	done
}

# ---- faults ----
wait_until 120 grep -q "pages produced" "$work/fetcher1.log" "$work/fetcher2.log" ||
	fail "the fetchers never polled"
start_faults=$SECONDS
# Every stage loses a replica first, in an order of the seed's choosing; then any.
order=(fetcher extractor summarizer publisher)
for i in 3 2 1; do
	j=$((RANDOM % (i + 1)))
	t=${order[$i]} order[$i]=${order[$j]} order[$j]=$t
done
declare -A done_once
while [ $((SECONDS - start_faults)) -lt "$fault_seconds" ]; do
	at=$((SECONDS - start_faults))
	if [ "$at" -ge 25 ] && [ -z "${done_once[publish1]:-}" ]; then
		done_once[publish1]=1
		publish_now
		mid_publishes=$((mid_publishes + 1))
		echo "faults: $at s: an edition published mid-run"
	elif [ "$at" -ge 40 ] && [ -z "${done_once[redis]:-}" ]; then
		done_once[redis]=1
		restart redis
		redis_restarts=$((redis_restarts + 1))
		echo "faults: $at s: Redis restarted without its data"
	elif [ "$at" -ge 55 ] && [ -z "${done_once[broker]:-}" ]; then
		done_once[broker]=1
		restart kafka
		broker_restarts=$((broker_restarts + 1))
		echo "faults: $at s: broker restarted"
	elif [ "$at" -ge 65 ] && [ -z "${done_once[stall]:-}" ]; then
		done_once[stall]=1
		stalled=summarizer$((RANDOM % 2 + 1))
		alive "$stalled" || launch "$stalled"
		kill -STOP "${rpid[$stalled]}"
		sleep $((session_ms / 1000 + 5))
		kill -CONT "${rpid[$stalled]}"
		stalls=$((stalls + 1))
		echo "faults: $at s: $stalled stopped $((session_ms / 1000 + 5)) s, past its session timeout"
	elif [ "$at" -ge 85 ] && [ -z "${done_once[publish2]:-}" ]; then
		done_once[publish2]=1
		publish_now
		mid_publishes=$((mid_publishes + 1))
		echo "faults: $at s: a second edition published mid-run"
	else
		if [ "$kills" -lt 4 ]; then
			stage=${order[$kills]}
		else
			all=(fetcher extractor summarizer publisher)
			stage=${all[$((RANDOM % 4))]}
		fi
		kill9 "$stage$((RANDOM % 2 + 1))"
		sleep $((3 + RANDOM % 3))
	fi
done
if [ -z "${done_once[publish2]:-}" ]; then # a long stall can end the window first
	publish_now
	mid_publishes=$((mid_publishes + 1))
fi
for r in "${replicas[@]}"; do alive "$r" || launch "$r"; done
# The last faults: one replica of each consuming stage dies and comes back while
# the last articles still arrive (the site lists all of them some 20 s later).
# Draining is timed from here.
for s in extractor summarizer publisher; do kill9 "$s$((RANDOM % 2 + 1))"; done
faults_end=$SECONDS
echo "faults: $kills kill -9, $broker_restarts broker and $redis_restarts Redis restarts," \
	"$stalls stall, $mid_publishes editions mid-run in $((faults_end - start_faults)) s"

# ---- drain ----
distinct_pages() {
	kcat -b "$bootstrap" -C -t precis.pages -e -q -f '%k\n' 2>/dev/null | sort -u | wc -l
}
total_lag() {
	precis lag --config "$cfg" 2>/dev/null | awk '/ lag /{ s += $NF; n++ } END { print (n == 3 ? s : -1) }'
}
quiet=0 deadline=$((SECONDS + 240))
while [ "$quiet" -lt 2 ]; do
	[ "$SECONDS" -lt "$deadline" ] ||
		fail "not drained 240 s after the faults: $(distinct_pages) of $expected articles fetched, lag $(total_lag)"
	for r in "${replicas[@]}"; do alive "$r" || fail "$r died: $(tail -5 "$work/$r.log")"; done
	pages=$(kcat -b "$bootstrap" -C -t precis.pages -e -q -f 'x\n' 2>/dev/null | wc -l)
	if [ "$(distinct_pages)" -ge "$expected" ] && [ "$(total_lag)" = 0 ] &&
		[ "${last_pages:-}" = "$pages" ]; then
		quiet=$((quiet + 1))
	else
		quiet=0
	fi
	last_pages=$pages
	sleep 2
done
drain=$((SECONDS - faults_end))
publish_now
for r in "${replicas[@]}"; do
	kill -TERM "${rpid[$r]}" 2>/dev/null || true
done
for r in "${replicas[@]}"; do
	wait "${rpid[$r]}" 2>/dev/null || true
done

# ---- every article exactly once ----
kcat -b "$bootstrap" -C -t precis.digests -e -q -f '%k\t%s\n' >"$work/digests.tsv"
kcat -b "$bootstrap" -C -t precis.deadletter -e -q -f '%s\n' >"$work/deadletters.jsonl"
python3 - "$work/digests.tsv" "$work/digests" "$expected" "$feeds" "$items" "$sp" \
	"$work/deadletters.jsonl" >"$work/verdict" <<'PY' || fail "$(cat "$work/verdict")"
import collections, glob, json, os, sys
tsv, folder, expected, feeds, items, port, dead = sys.argv[1:]
want = {"http://127.0.0.1:%s/news/f%d/story-%d.html" % (port, f, i)
        for f in range(int(feeds)) for i in range(int(items))}
topic, seen = {}, collections.Counter()
bad = []
for line in open(tsv, encoding="utf-8"):
    key, _, value = line.rstrip("\n").partition("\t")
    d = json.loads(value)
    if key in topic:
        bad.append("edition %s twice on the digest topic" % key)
    topic[key] = d
    for item in d["items"]:
        for s in item["sources"]:
            seen[s["url"]] += 1
files = {}
for path in glob.glob(os.path.join(folder, "*", "*", "precis-*.json")):
    d = json.load(open(path, encoding="utf-8"))
    files[d["edition"]] = d
twice = sorted(u for u, n in seen.items() if n > 1)
lost = sorted(want - set(seen))
strange = sorted(set(seen) - want)
if twice:
    bad.append("%d articles in more than one place, e.g. %s" % (len(twice), twice[:3]))
if lost:
    bad.append("%d articles in no edition, e.g. %s" % (len(lost), lost[:3]))
if strange:
    bad.append("articles nobody asked for: %s" % strange[:3])
if set(files) != set(topic):
    bad.append("files hold editions %s, the topic %s" % (sorted(files), sorted(topic)))
for e in set(files) & set(topic):
    if files[e] != topic[e]:
        bad.append("edition %s differs between its file and the topic" % e)
deadletters = [json.loads(l) for l in open(dead, encoding="utf-8") if l.strip()]
if deadletters:
    bad.append("%d dead letters, e.g. %s" % (len(deadletters), deadletters[0].get("reason")))
print("%d articles in %d editions (%s); %d duplicates, %d lost" % (
    sum(seen.values()), len(topic), ", ".join(sorted(topic)), len(twice), len(lost)))
for b in bad:
    print("FAIL: " + b)
sys.exit(1 if bad else 0)
PY
# Redis came back empty: the publisher said what it read again, and only then.
grep -q "which lost its state" "$work"/publisher[12].log ||
	fail "no publisher said that Redis lost its state"
sed 's/^/faults: /' "$work/publish.out"
echo "faults: $(cat "$work/verdict"); drained $drain s after the last fault; $((SECONDS - began)) s in all"

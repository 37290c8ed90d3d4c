#!/usr/bin/env bash
# The whole pipeline: ARTICLES synthetic articles served by a local site
# (bench-site-server), through the fetcher, extractor, summarizer
# (extractive) and publisher over real Kafka and Redis. Prints articles/s end
# to end (first poll to the last summary gathered by the publisher), each
# stage's processing time percentiles (from its /metrics histogram) and
# each service's resident memory: peak, and at steady state (median of
# samples taken while it worked).
#
# Usage: bench/pipeline.sh [--articles N]
. "$(dirname "$0")/lib.sh"

articles=10000
while [ $# -gt 0 ]; do
	case "$1" in
	--articles) articles=$2; shift ;;
	*) echo "usage: $0 [--articles N]" >&2; exit 2 ;;
	esac
	shift
done
feeds=40
items=$(( (articles + feeds - 1) / feeds ))
build_release
start_services
"$bin/bench-site-server" "$work/port" "$feeds" "$items" 3000 &
pids+=($!)
for _ in $(seq 50); do [ -f "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
ns="pipe$$"
cat >"$work/precis.yml" <<YML
kafka:
  bootstrap.servers: $bootstrap
redis:
  url: $redis_url
  prefix: "$ns:"
topics: {pages: $ns.pages, articles: $ns.articles, summaries: $ns.summaries, digests: $ns.digests,
  deadletter: $ns.deadletter, partitions: 6}
pipeline: {group_prefix: $ns}
log: {level: warn}
fetcher:
  allow_private: [127.0.0.1]
  concurrency: 64
  host_concurrency: 64
  host_delay_ms: 0
  max_items: 100000
publisher:
  publish_at: ""
  output_dir: $work/digests
sources:
YML
for n in $(seq 0 $((feeds - 1))); do
	echo "  - {name: f$n, url: \"http://127.0.0.1:$port/feeds/f$n.xml\"}" >>"$work/precis.yml"
done

declare -A pid_of port_of
for s in extractor summarizer publisher; do
	port_of[$s]=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	"$bin/precis-$s" --config "$work/precis.yml" --http.listen="127.0.0.1:${port_of[$s]}" 2>"$work/$s.log" &
	pid_of[$s]=$!
	pids+=($!)
done
# Every consumer holds its partitions before the clock starts.
for _ in $(seq 300); do
	ready=0
	for s in extractor summarizer publisher; do
		python3 -c 'import sys, urllib.request; urllib.request.urlopen("http://127.0.0.1:%s/readyz" % sys.argv[1], timeout=2)' \
			"${port_of[$s]}" 2>/dev/null && ready=$((ready + 1))
	done
	[ "$ready" = 3 ] && break
	sleep 0.2
done
t0=$(date +%s%3N)
"$bin/precis-fetcher" --config "$work/precis.yml" --once 2>"$work/fetcher.log" &
pid_of[fetcher]=$!
pids+=($!)
: >"$work/rss"
gathered() {
	python3 -c 'import sys, urllib.request
for l in urllib.request.urlopen("http://127.0.0.1:%s/metrics" % sys.argv[1]).read().decode().splitlines():
    if l.startswith("precis_messages_in_total{") and "publisher" in l:
        print(int(float(l.split()[-1]))); break
else:
    print(0)' "${port_of[publisher]}"
}
while [ "$(gathered)" -lt "$articles" ]; do
	for s in fetcher extractor summarizer publisher; do
		awk -v s="$s" '/VmRSS/ { print s, $2 }' "/proc/${pid_of[$s]}/status" 2>/dev/null >>"$work/rss" || true
	done
	sleep 0.2
	[ $(( $(date +%s%3N) - t0 )) -lt 600000 ] || { echo "bench: not done after 10 minutes" >&2; exit 1; }
done
t1=$(date +%s%3N)
python3 -c 'import sys; n, ms = int(sys.argv[1]), int(sys.argv[2])
print("== %d articles end to end in %.1f s: %.0f articles/s" % (n, ms / 1000, n / (ms / 1000)))' "$articles" "$((t1 - t0))"

echo "== processing time per message, by stage (from the histograms)"
for s in extractor summarizer publisher; do
	python3 -c 'import sys, urllib.request
name, port = sys.argv[1], sys.argv[2]
b = []
for l in urllib.request.urlopen("http://127.0.0.1:%s/metrics" % port).read().decode().splitlines():
    if l.startswith("precis_processing_seconds_bucket{"):
        le = l.split("le=\"")[1].split("\"")[0]
        b.append((float("inf") if le == "+Inf" else float(le), float(l.split()[-1])))
total = b[-1][1]
def q(p):
    for le, c in b:
        if c >= p * total:
            return le
print("%-11s p50 <= %-8s p95 <= %-8s p99 <= %-8s (%d messages)" % (name, *["%gms" % (q(p) * 1000) for p in (0.5, 0.95, 0.99)], total))' \
		"$s" "${port_of[$s]}"
done
echo "== resident memory per service (MB)"
for s in fetcher extractor summarizer publisher; do
	peak=$(awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/${pid_of[$s]}/status" 2>/dev/null ||
		awk -v s="$s" '$1 == s && $2 > m { m = $2 } END { printf "%.1f (sampled)", m / 1024 }' "$work/rss")
	steady=$(awk -v s="$s" '$1 == s { print $2 }' "$work/rss" | sort -n | awk '{ v[NR] = $1 } END { if (NR) printf "%.1f", v[int((NR + 1) / 2)] / 1024; else print "?" }')
	printf "%-11s steady %6s   peak %s\n" "$s" "$steady" "$peak"
done

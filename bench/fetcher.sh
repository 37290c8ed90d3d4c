#!/usr/bin/env bash
# The fetcher's throughput, printed as figures:
#
#  1. feed parsing alone, one thread: feeds/s and MB/s over synthetic RSS
#     feeds (bench-feed-parse);
#  2. one fetcher polling FEEDS feeds of ITEMS items from a local server
#     (bench-site-server, libmicrohttpd) into real Kafka, with real Redis
#     for claims and politeness: pages/s, CPU and peak memory.
#
# Usage: bench/fetcher.sh [--feeds N] [--items N] [--page-bytes N] [--concurrency N]
. "$(dirname "$0")/lib.sh"

feeds=20
items=250
page_bytes=2000
concurrency=64
while [ $# -gt 0 ]; do
	case "$1" in
	--feeds) feeds=$2; shift ;;
	--items) items=$2; shift ;;
	--page-bytes) page_bytes=$2; shift ;;
	--concurrency) concurrency=$2; shift ;;
	*) echo "usage: $0 [--feeds N] [--items N] [--page-bytes N] [--concurrency N]" >&2; exit 2 ;;
	esac
	shift
done
build_release
"$bin/bench-site-server" "$work/port" "$feeds" "$items" "$page_bytes" &
pids+=($!)
for _ in $(seq 50); do [ -f "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")

echo "== feed parsing, one thread"
mkdir -p "$work/feeds"
for n in $(seq 0 $((feeds - 1))); do
	python3 -c 'import sys, urllib.request; sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[1]).read())' \
		"http://127.0.0.1:$port/feeds/f$n.xml" >"$work/feeds/f$n.xml"
done
"$bin/bench-feed-parse" 20 "$work"/feeds/*.xml

echo "== fetcher: $feeds feeds x $items pages of ~$page_bytes bytes, $concurrency in flight"
start_services
cat >"$work/fetcher.yml" <<YML
kafka:
  bootstrap.servers: $bootstrap
redis:
  url: $redis_url
  prefix: "bench$$:"
topics:
  pages: bench$$.pages
log:
  level: warn
fetcher:
  allow_private: [127.0.0.1]
  concurrency: $concurrency
  host_concurrency: $concurrency
  host_delay_ms: 0
  max_items: 100000
sources:
YML
for n in $(seq 0 $((feeds - 1))); do
	echo "  - {name: f$n, url: \"http://127.0.0.1:$port/feeds/f$n.xml\"}" >>"$work/fetcher.yml"
done
# The broker and topic are warm before the clock starts.
"$bin/precis-fetcher" --config "$work/fetcher.yml" --once --fetcher.max_items=1 >/dev/null 2>&1
read -r wall cpu rss < <(measure "$work/fetch.out" "$bin/precis-fetcher" --config "$work/fetcher.yml" --once)
pages=$(kcat -b "$bootstrap" -C -t "bench$$.pages" -e -q -f 'x\n' 2>/dev/null | wc -l)
python3 -c 'import sys; n, wall, cpu, rss = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
print("pages/s %.0f   pages %d   wall %.2f s   cpu %.2f s (%.0f%% of one core)   peak RSS %s MB" %
      (n / wall, n, wall, cpu, 100 * cpu / wall, rss))' "$((pages - feeds))" "$wall" "$cpu" "$rss"

#!/usr/bin/env bash
# The summarizer's throughput, printed as figures:
#
#  1. the extractive backend on one core: articles/s, MB/s and peak memory
#     of `precis summarize` over a synthetic corpus (half English, half
#     Chinese, news-story sized), and articles per CPU-second, which holds
#     when other work shares the core;
#  2. the llm backend's scaling: articles/s through real Kafka for 1, 2 and
#     4 summarizer replicas and several summarizer.inflight settings, against
#     a local OpenAI-compatible server that answers every request after a
#     fixed delay. The ideal is replicas x inflight / delay.
#
# Usage: bench/summarizer.sh [--extractive-only] [--articles N] [--delay S]
. "$(dirname "$0")/lib.sh"

articles=2000
delay=0.3
llm=1
while [ $# -gt 0 ]; do
	case "$1" in
	--extractive-only) llm=0 ;;
	--articles) articles=$2; shift ;;
	--delay) delay=$2; shift ;;
	*) echo "usage: $0 [--extractive-only] [--articles N] [--delay S]" >&2; exit 2 ;;
	esac
	shift
done
build_release

echo "== extractive backend, one core, $articles articles"
python3 "$top/bench/make_articles.py" "$articles" "$work/corpus"
mb=$(du -sb "$work/corpus" | awk '{ printf "%.2f", $1 / 1048576 }')
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
read -r wall cpu rss < <(measure "$work/extractive.jsonl" "${pin[@]}" "$bin/precis" summarize \
	--backend extractive "$work"/corpus/*.json)
[ "$(grep -c '"method": *"extractive"' "$work/extractive.jsonl")" = "$articles" ] ||
	{ echo "bench: not every article was summarized" >&2; exit 1; }
python3 -c 'import sys; n, mb, wall, cpu, rss = sys.argv[1:]; n = int(n)
print("articles/s %.0f   per cpu-second %.0f   MB/s %.2f   cpu %.2f s   wall %.2f s   peak RSS %s MB   (%s MB of articles)" %
      (n / float(wall), n / float(cpu), float(mb) / float(wall), float(cpu), float(wall), rss, mb))' \
	"$articles" "$mb" "$wall" "$cpu" "$rss"

[ "$llm" = 1 ] || exit 0
echo "== llm backend through Kafka, server answering after ${delay}s"
start_services
python3 "$top/tests/scaffold/fake_llm.py" "$work/llmport" --delay "$delay" 2>/dev/null &
pids+=($!)
for _ in $(seq 50); do [ -f "$work/llmport" ] && break; sleep 0.1; done
lp=$(cat "$work/llmport")

run=0
printf "%-9s %-9s %-9s %-12s %-12s %s\n" replicas inflight articles articles/s ideal efficiency
for replicas in 1 2 4; do
	for inflight in 1 4 16; do
		run=$((run + 1))
		ns="bench$$r$run"
		# Ten rounds of requests per setting, at least 40 articles.
		n=$((replicas * inflight * 10))
		[ "$n" -ge 40 ] || n=40
		cat >"$work/$ns.yml" <<YML
kafka:
  bootstrap.servers: $bootstrap
redis:
  url: $redis_url
  prefix: "$ns:"
topics:
  articles: $ns.articles
  summaries: $ns.summaries
  deadletter: $ns.deadletter
  partitions: 8
pipeline:
  group_prefix: $ns
log:
  level: warn
summarizer:
  backend: llm
  inflight: $inflight
llm:
  base_url: http://127.0.0.1:$lp/v1
  model: bench
YML
		python3 "$top/bench/make_articles.py" "$n" "$work/$ns.tsv" --messages --seed "$run"
		started=()
		for r in $(seq "$replicas"); do
			"$bin/precis-summarizer" --config "$work/$ns.yml" --log.level=info \
				>"$work/$ns.$r.log" 2>&1 &
			started+=($!)
			pids+=($!)
		done
		# Every replica holds partitions before the clock starts.
		for _ in $(seq 300); do
			ok=1
			for r in $(seq "$replicas"); do grep -q assigned "$work/$ns.$r.log" || ok=0; done
			[ "$ok" = 1 ] && [ "$(grep -h 'assigned\|revoking' "$work/$ns".*.log | tail -1 | grep -c assigned)" = 1 ] && break
			sleep 0.1
		done
		sleep 1
		t0=$(date +%s%3N)
		kcat -b "$bootstrap" -P -t "$ns.articles" -K '	' <"$work/$ns.tsv"
		for _ in $(seq 1200); do
			got=$(kcat -b "$bootstrap" -C -t "$ns.summaries" -e -q -f '%T\n' 2>/dev/null | wc -l)
			[ "$got" -ge "$n" ] && break
			sleep 0.2
		done
		last=$(kcat -b "$bootstrap" -C -t "$ns.summaries" -e -q -f '%T\n' 2>/dev/null | sort -n | tail -1)
		kill "${started[@]}" 2>/dev/null || true
		wait "${started[@]}" 2>/dev/null || true
		python3 -c 'import sys
n, ms, r, i, d = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
rate, ideal = n / (ms / 1000.0), r * i / d
print("%-9d %-9d %-9d %-12.1f %-12.1f %.0f%%" % (r, i, n, rate, ideal, 100 * rate / ideal))' \
			"$n" "$((last - t0))" "$replicas" "$inflight" "$delay"
	done
done

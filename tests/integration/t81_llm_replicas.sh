#!/usr/bin/env bash
# Summarizer replicas share the articles by partition. A replica joining, a
# replica stopped with SIGTERM mid-request and a replica killed with -9
# mid-request lose nothing: every article ends with exactly one kind of
# summary, and only the requests the killed replica had in flight are paid
# twice. A joining or stopping replica finishes what it holds first, so it
# costs no second request at all.
. "$(dirname "$0")/lib.sh"
require_services

start_fake_llm --delay 0.4
cfg="$work/precis.yml"
write_base_config "$cfg"
cat >>"$cfg" <<YML
summarizer:
  backend: llm
  inflight: 4
llm:
  base_url: http://127.0.0.1:$lp/v1
  model: fake-1
  timeout_ms: 5000
YML
# A killed replica's partitions move on after the session timeout.
fast=(--kafka.session.timeout.ms=6000 --kafka.heartbeat.interval.ms=1000)

distinct() { # distinct article ids summarized so far
	kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.summaries" -e -q -f '%k\n' 2>/dev/null | sort -u | wc -l
}
distinct_at_least() { [ "$(distinct)" -ge "$1" ]; }
requests() { llm_stats 's["requests"]'; }

titles=()
for i in $(seq 1 24); do titles+=("Story number $i"); done
make_articles "$work/a.tsv" "${titles[@]}"

# Two replicas, then a third joins while the first two are busy.
start a precis-summarizer --config "$cfg" "${fast[@]}"
pa=$pid
start b precis-summarizer --config "$cfg" "${fast[@]}"
pb=$pid
wait_until 30 grep -q "assigned" "$work/a.log" || fail "replica a never got partitions"
kcat -b "$TEST_KAFKA_BOOTSTRAP" -P -t "$ns.articles" -K '	' <"$work/a.tsv"
wait_until 30 distinct_at_least 4 || fail "nothing summarized"
start c precis-summarizer --config "$cfg" "${fast[@]}"
pc=$pid
wait_until 60 distinct_at_least 24 || fail "$(distinct) of 24 articles summarized with a replica joining"
[ "$(requests)" = 24 ] || fail "$(requests) requests for 24 articles: a rebalance paid twice"

# SIGTERM mid-request: b finishes what it holds before leaving.
titles=()
for i in $(seq 25 40); do titles+=("Story number $i"); done
make_articles "$work/b.tsv" "${titles[@]}"
kcat -b "$TEST_KAFKA_BOOTSTRAP" -P -t "$ns.articles" -K '	' <"$work/b.tsv"
wait_until 30 llm_requests_at_least 26 ||
	fail "no requests in flight"
kill -TERM "$pb"
wait "$pb" || fail "replica b did not stop cleanly on SIGTERM"
grep -q "finishing .* messages in flight\|revoking" "$work/b.log" || fail "b did not drain"
wait_until 60 distinct_at_least 40 || fail "$(distinct) of 40 articles summarized after a SIGTERM"
[ "$(requests)" = 40 ] || fail "$(requests) requests for 40 articles: a SIGTERM paid twice"

# kill -9 mid-request: only what a held is asked again; the rest of its
# partitions' articles are served from the cache or asked once.
titles=()
for i in $(seq 41 60); do titles+=("Story number $i"); done
make_articles "$work/c.tsv" "${titles[@]}"
kcat -b "$TEST_KAFKA_BOOTSTRAP" -P -t "$ns.articles" -K '	' <"$work/c.tsv"
wait_until 30 llm_requests_at_least 44 ||
	fail "no requests in flight"
kill -KILL "$pa"
wait_until 90 distinct_at_least 60 || fail "$(distinct) of 60 articles summarized after a kill -9"
# a had at most 4 requests in flight: at most 4 are paid twice.
[ "$(requests)" -le 64 ] || fail "$(requests) requests for 60 articles after a kill -9"
kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.summaries" -e -q -f '%s\n' |
	python3 -c '
import json, sys
ms = [json.loads(l) for l in sys.stdin]
assert all(m["method"] == "llm" for m in ms), [m for m in ms if m["method"] != "llm"][:1]
' || fail "an article fell back during the replica changes"
echo "replicas: $(distinct) articles, $(requests) requests; no loss, no double pay but for a kill -9"

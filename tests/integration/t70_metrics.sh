#!/usr/bin/env bash
# Every service serves /healthz, /readyz and /metrics when http.listen is
# set, and the counters move with the traffic: pages fetched, messages in
# and out of each stage, consumer lag back to zero, the publisher's sink
# deliveries. A service that cannot reach its broker is alive but not ready.
. "$(dirname "$0")/lib.sh"
require_services

start_fixture_server "$TOP/examples/site"
cfg="$work/precis.yml"
write_config "$port" "$cfg"
expected=$(ls "$TOP"/examples/site/*/*.html | wc -l)

# Not ready while the broker cannot be reached, alive all the same.
np=$(free_port)
start noready precis-summarizer --config "$cfg" --kafka.bootstrap.servers=127.0.0.1:1 \
	--pipeline.connect_timeout_ms=8000 --http.listen="127.0.0.1:$np"
wait_until 10 test "$(scrape "$np" /healthz)" = "ok" || fail "no /healthz"
scrape "$np" /readyz >/dev/null
[ "$(cat "$work/status")" = 503 ] || fail "/readyz said $(cat "$work/status") without a broker"

fp=$(free_port) ep=$(free_port) sp=$(free_port) pp=$(free_port)
# The publisher publishes on its own schedule: this very minute.
now=$(TZ=UTC date +%H:%M)
start fetcher precis-fetcher --config "$cfg" --http.listen="127.0.0.1:$fp"
start extractor precis-extractor --config "$cfg" --http.listen="127.0.0.1:$ep"
start summarizer precis-summarizer --config "$cfg" --http.listen="127.0.0.1:$sp"

wait_until 60 metric_is "$fp" 'precis_pages_total{outcome="produced"}' "$expected" ||
	fail "fetcher: $(metric_value "$fp" 'precis_pages_total{outcome="produced"}') pages produced"
[ "$(metric_value "$fp" 'precis_fetches_total{kind="feed",outcome="ok"}')" = 5 ] ||
	fail "fetcher: feeds $(scrape "$fp" /metrics | grep fetches)"
[ "$(metric_value "$fp" 'precis_source_consecutive_failures{source="Wire Brief"}')" = 0 ] &&
	[ "$(metric_value "$fp" 'precis_source_entries{source="Wire Brief"}')" = 3 ] ||
	fail "fetcher: per-source health $(scrape "$fp" /metrics | grep source)"
# Every stage is at-least-once: under load a rebalance can hand a message to a
# stage twice, so the stages' counters reach the page count at least; the
# edition below holds each article exactly once.
wait_until 120 metric_at_least "$ep" 'precis_messages_in_total{stage="extractor",topic="'"$ns"'.pages"}' "$expected" ||
	fail "extractor: $(scrape "$ep" /metrics | grep messages_in)"
wait_until 120 metric_at_least "$sp" 'precis_messages_out_total{stage="summarizer",topic="'"$ns"'.summaries"}' "$expected" ||
	fail "summarizer: $(scrape "$sp" /metrics | grep messages_out)"
wait_until 30 metric_is "$ep" 'precis_consumer_lag{stage="extractor",topic="'"$ns"'.pages"}' 0 ||
	fail "extractor lag: $(scrape "$ep" /metrics | grep lag)"
handled=$(metric_value "$ep" 'precis_messages_in_total{stage="extractor",topic="'"$ns"'.pages"}')
scrape "$ep" /metrics | grep -q '^precis_processing_seconds_count{stage="extractor"} '"$handled"'$' ||
	fail "the processing histogram did not count the $handled pages handled"
[ "$(scrape "$ep" /metrics | awk '/^precis_articles_total\{/ { n += $NF } END { print n }')" = "$handled" ] ||
	fail "extraction methods: $(scrape "$ep" /metrics | grep articles_total)"
scrape "$ep" /readyz >/dev/null
[ "$(cat "$work/status")" = 200 ] || fail "extractor not ready"

start publisher precis-publisher --config "$cfg" --http.listen="127.0.0.1:$pp" \
	--publisher.publish_at="$now" --publisher.timezone=UTC
wait_until 60 metric_is "$pp" 'precis_sink_deliveries_total{sink="file",outcome="delivered"}' 1 ||
	fail "publisher: $(scrape "$pp" /metrics | grep sink)"
[ "$(metric_value "$pp" 'precis_sink_deliveries_total{sink="kafka",outcome="delivered"}')" = 1 ] ||
	fail "publisher: $(scrape "$pp" /metrics | grep sink)"
[ "$(topic_count "$ns.digests")" = 1 ] || fail "the scheduled edition is not on the topic"
# Started after its slot with every summary waiting: it read them all before publishing.
kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.digests" -e -q -f '%s\n' |
	python3 -c 'import json, sys; d = json.load(sys.stdin); assert d["stats"]["articles"] == int(sys.argv[1]), d["stats"]' \
		"$expected" || fail "the scheduled edition left out summaries waiting in Kafka"
echo "metrics: health, readiness and counters move with the traffic"

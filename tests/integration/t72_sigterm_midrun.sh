#!/usr/bin/env bash
# SIGTERM in the middle of a run, to every consuming stage at once: each
# finishes or hands back what it holds within pipeline.shutdown_timeout_ms,
# flushes, commits and exits 0; restarted, the pipeline goes on, and the
# edition holds every article exactly once (no model answer paid twice).
. "$(dirname "$0")/lib.sh"
require_services

start_fixture_server "$TOP/examples/site"
start_fake_llm --delay 0.4
cfg="$work/precis.yml"
write_config "$port" "$cfg"
cat >>"$cfg" <<YML
summarizer:
  backend: llm
  inflight: 2
llm:
  base_url: http://127.0.0.1:$lp/v1
  model: fake-1
pipeline.shutdown_timeout_ms: 10000
YML
expected=$(ls "$TOP"/examples/site/*/*.html | wc -l)

precis-fetcher --config "$cfg" --once >"$work/fetcher.log" 2>&1 || fail "fetcher: $(tail -3 "$work/fetcher.log")"
stages() {
	start "extractor$1" precis-extractor --config "$cfg"
	pe=$pid
	start "summarizer$1" precis-summarizer --config "$cfg"
	ps=$pid
	start "publisher$1" precis-publisher --config "$cfg"
	pp=$pid
}
stages 1
# Mid-run: some summaries made, most not; requests in flight at the model.
wait_until 60 llm_requests_at_least 4 ||
	fail "the pipeline did not start"
kill -TERM "$pe" "$ps" "$pp"
for p in "$pe" "$ps" "$pp"; do
	wait "$p" || fail "a stage exited $? on SIGTERM"
done
made=$(topic_count "$ns.summaries")
[ "$made" -lt "$expected" ] || fail "SIGTERM came too late to test anything ($made summaries)"
grep -q "finishing .* messages in flight" "$work/summarizer1.log" || fail "the summarizer did not finish its requests"
stages 2
precis lag --config "$cfg" --wait 120 >/dev/null || fail "the pipeline did not drain after the restart"
precis digest publish --now --config "$cfg" >"$work/publish.out" 2>"$work/publish.log" ||
	fail "publish: $(tail -3 "$work/publish.log")"
kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.digests" -e -q -f '%s\n' | python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
n = int(sys.argv[1])
assert d["stats"]["articles"] == n, d["stats"]
urls = [src["url"] for item in d["items"] for src in item["sources"]]
assert len(urls) == n and len(set(urls)) == n, (len(urls), len(set(urls)))
' "$expected" || fail "the edition does not hold every article once: $(kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.digests" -e -q -f '%s\n' | cut -c1-300)"
[ "$(llm_stats 's["requests"]')" = "$expected" ] || fail "$(llm_stats 's["requests"]') model requests for $expected articles"
echo "sigterm mid-run: $made of $expected summarized before, every article once in the edition after"

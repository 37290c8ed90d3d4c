#!/usr/bin/env bash
# One trace id per article, from the fetcher's log to the published digest:
# each topic's message carries a W3C traceparent with the article's trace
# id and a span of its own stage, every stage logs its lines about the
# article with that trace id (JSON logs), and the digest names it.
. "$(dirname "$0")/lib.sh"
require_services

start_fixture_server "$TOP/examples/site"
cfg="$work/precis.yml"
write_config "$port" "$cfg"
debug=(--log.level=debug --log.format=json)
precis-fetcher --config "$cfg" --once "${debug[@]}" >"$work/fetcher.log" 2>&1 || fail "fetcher failed"
start extractor precis-extractor --config "$cfg" "${debug[@]}"
start summarizer precis-summarizer --config "$cfg" "${debug[@]}"
start publisher precis-publisher --config "$cfg" "${debug[@]}"
expected=$(ls "$TOP"/examples/site/*/*.html | wc -l)
wait_until 90 topic_has_at_least "$ns.summaries" "$expected" || fail "pipeline stalled"
precis lag --config "$cfg" --wait 60 >/dev/null || fail "the pipeline did not drain"
precis digest publish --now --config "$cfg" >/dev/null 2>"$work/publish.log" || fail "publish failed"

kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.digests" -e -q -f '%s\n' >"$work/digest.json"
for t in pages articles summaries; do
	kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.$t" -e -q -f '%k\t%h\n' >"$work/$t.headers"
done
python3 - "$work" <<'PY' || fail "the trace broke (see above)"
import json, os, re, sys
work = sys.argv[1]
d = json.load(open(os.path.join(work, "digest.json")))
src = d["items"][0]["sources"][0]
trace, url = src["trace_id"], src["url"]
assert re.fullmatch(r"[0-9a-f]{32}", trace), src
# every source of every item has one, all different
traces = [s["trace_id"] for i in d["items"] for s in i["sources"]]
assert len(traces) == d["stats"]["articles"] == len(set(traces)), len(traces)
# the Kafka headers of each topic: same trace, a span per stage
spans = []
for t in ("pages", "articles", "summaries"):
    found = [l for l in open(os.path.join(work, t + ".headers")) if "-" + trace + "-" in l]
    assert len(found) == 1, (t, found)
    spans.append(re.search(r"traceparent=00-%s-([0-9a-f]{16})-01" % trace, found[0]).group(1))
assert len(set(spans)) == 3, spans
# every stage's log names the trace in its lines about the article
for stage, word in (("fetcher", url), ("extractor", url), ("summarizer", url), ("publisher", "gathered")):
    lines = [json.loads(l) for l in open(os.path.join(work, stage + ".log")) if l.startswith("{")]
    mine = [l for l in lines if l.get("trace_id") == trace]
    assert any(word in l["msg"] for l in mine), (stage, mine[:3])
print("trace %s followed through fetcher, extractor, summarizer and publisher" % trace)
PY
echo "trace: one trace id per article from the fetcher's log to the digest"

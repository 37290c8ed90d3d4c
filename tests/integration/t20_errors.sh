#!/usr/bin/env bash
# Bad configuration, unreachable services, refused private addresses and
# malformed messages each give one clear error line, and nothing crashes.
. "$(dirname "$0")/lib.sh"
require_services

last_line() { tail -n 1 "$1"; }

# Unknown key: exit 2 and the file and line.
printf 'log:\n  level: info\nfetcher:\n  timeout_msec: 10\n' >"$work/bad.yml"
set +e
precis-extractor --config "$work/bad.yml" 2>"$work/bad.err"
rc=$?
set -e
[ "$rc" = 2 ] || fail "bad config exited $rc"
[ "$(wc -l <"$work/bad.err")" = 1 ] || fail "bad config printed more than one line"
grep -q "bad.yml:4: unknown key 'fetcher.timeout_msec'" "$work/bad.err" || fail "$(cat "$work/bad.err")"

# Bad value from the environment names the variable.
set +e
PRECIS_FETCHER_MAX_REDIRECTS=many precis-fetcher --once 2>"$work/env.err"
rc=$?
set -e
[ "$rc" = 2 ] || fail "bad environment exited $rc"
grep -q "environment PRECIS_FETCHER_MAX_REDIRECTS: fetcher.max_redirects: 'many'" "$work/env.err" ||
	fail "$(cat "$work/env.err")"

# Unreachable broker: a service waits for it, says what it waits for, and stops
# cleanly on SIGTERM (issue #13 item 5); a run of --once is a command: a clear
# last line, exit 1, within the timeout.
precis-summarizer --kafka.bootstrap.servers=127.0.0.1:1 --pipeline.connect_timeout_ms=2000 \
	--redis.url="$TEST_REDIS_URL" 2>"$work/broker.err" &
waiting=$!
pids+=("$waiting")
wait_until 30 grep -q "waiting for Kafka: cannot reach Kafka at 127.0.0.1:1 within 2000 ms: .*; trying again" \
	"$work/broker.err" || fail "the summarizer does not say it waits: $(cat "$work/broker.err")"
kill -0 "$waiting" || fail "the summarizer gave up waiting for its broker"
kill -TERM "$waiting"
wait "$waiting" || fail "the waiting summarizer exited $? on SIGTERM"
set +e
precis-fetcher --once --kafka.bootstrap.servers=127.0.0.1:1 --pipeline.connect_timeout_ms=2000 \
	--redis.url="$TEST_REDIS_URL" 2>"$work/broker-once.err"
rc=$?
set -e
[ "$rc" = 1 ] || fail "unreachable broker exited $rc"
last_line "$work/broker-once.err" | grep -q "^precis-fetcher: .*cannot reach Kafka at 127.0.0.1:1 within 2000 ms" ||
	fail "$(last_line "$work/broker-once.err")"

# precis lag --wait bounds the whole wait, an unreachable broker included (it took 15 s).
start_s=$SECONDS
exits_with 1 /dev/null "$work/lag.err" precis lag --wait 3 --kafka.bootstrap.servers=127.0.0.1:1
[ $((SECONDS - start_s)) -le 9 ] || fail "lag --wait 3 without a broker took $((SECONDS - start_s)) s"
last_line "$work/lag.err" | grep -q "^precis: cannot read metadata of precis.pages" || fail "$(last_line "$work/lag.err")"

# Unreachable Redis.
set +e
precis-fetcher --once --redis.url=redis://127.0.0.1:1 2>"$work/redis.err"
rc=$?
set -e
[ "$rc" = 1 ] || fail "unreachable Redis exited $rc"
grep -q "^precis-fetcher: cannot connect to Redis at 127.0.0.1:1: Connection refused" "$work/redis.err" ||
	fail "$(cat "$work/redis.err")"

# Private addresses are refused unless allowed.
start_fixture_server "$TOP/examples/site"
cfg="$work/precis.yml"
write_config "$port" "$cfg"
# (its own Redis keys: refused sources back off, and the poll below must not wait for them)
precis-fetcher --config "$cfg" --once --fetcher.allow_private= --redis.prefix="$ns-ssrf:" \
	>"$work/ssrf.log" 2>&1 ||
	fail "the fetcher failed on a refused source"
grep -q "refused to connect to non-public address 127.0.0.1" "$work/ssrf.log" || fail "no SSRF refusal logged"
grep -q "0 pages produced" "$work/ssrf.log" || fail "pages fetched from a refused address"

# Malformed messages are dead-lettered with the reason; the next good one still flows.
start extractor precis-extractor --config "$cfg" --topics.partitions=1
extractor=$pid
wait_until 60 grep -q "assigned" "$work/extractor.log" || fail "extractor did not join its group"
printf 'this is not json\n' | kcat -b "$TEST_KAFKA_BOOTSTRAP" -P -t "$ns.pages" -k bad1
printf '{"schema":"precis.page/1","id":"x"}\n' | kcat -b "$TEST_KAFKA_BOOTSTRAP" -P -t "$ns.pages" -k bad2
python3 - >"$work/short.json" <<'PY'
import base64, json
html = b"<html><head><title>Tiny</title></head><body><p>Too short.</p></body></html>"
print(json.dumps({"schema": "precis.page/1", "id": "0" * 32, "url": "http://127.0.0.1/tiny",
    "source": {"name": "S", "lang": "en", "category": "", "weight": 1},
    "fetched_at": "2026-11-28T00:00:00Z", "http_status": 200, "content_type": "text/html",
    "charset": "", "body_base64": base64.b64encode(html).decode(), "entry": {"title": "Tiny"}}))
PY
kcat -b "$TEST_KAFKA_BOOTSTRAP" -P -t "$ns.pages" -k short <"$work/short.json"
precis-fetcher --config "$cfg" --once >"$work/fetch.log" 2>&1 || fail "fetch failed"
wait_until 120 topic_has_at_least "$ns.articles" 20 || fail "good pages stopped flowing"
kill -0 "$extractor" || fail "the extractor died on poison"
kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.deadletter" -e -q -f '%s\n' >"$work/dead.jsonl"
python3 - "$work/dead.jsonl" <<'PY' || fail "dead letters are wrong: $(cat "$work/dead.jsonl")"
import json, sys
dead = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
by_key = {d["key"]: d for d in dead}
assert len(dead) == 3, len(dead)
assert "not JSON" in by_key["bad1"]["reason"], by_key["bad1"]
assert by_key["bad1"]["payload"] == "this is not json"
assert "required field" in by_key["bad2"]["reason"], by_key["bad2"]
assert "no usable text" in by_key["short"]["reason"], by_key["short"]
for d in dead:
    assert d["stage"] == "extractor" and d["topic"].endswith(".pages")
PY
# Each warning names what an operator can look for: the page's URL and source, else its key.
grep -q "dead-lettering offset [0-9]* of partition 0 of $ns.pages (url http://127.0.0.1/tiny, source S): .*no usable text" \
	"$work/extractor.log" || fail "the dead letter's warning does not name the page: $(grep dead-lettering "$work/extractor.log")"
grep -q "dead-lettering offset [0-9]* of partition 0 of $ns.pages (key bad1): .*not JSON" "$work/extractor.log" ||
	fail "the dead letter's warning does not name the key: $(grep dead-lettering "$work/extractor.log")"
kill -TERM "$extractor"
wait "$extractor" || fail "extractor exited $? on SIGTERM"
echo "errors: one clear line each; poison dead-lettered with reasons, named in the log"

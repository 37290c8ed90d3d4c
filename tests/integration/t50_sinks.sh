#!/usr/bin/env bash
# Delivery to every sink: file, the digest topic, and webhooks in each
# format, signed where the platform signs. A webhook that fails twice then
# succeeds gets the edition exactly once; one that answers 404 is not
# retried and leaves a dead letter with the reason, while every other sink
# still gets the edition; publishing again sends nothing twice.
. "$(dirname "$0")/lib.sh"
require_services

start_webhook_receiver

cfg="$work/precis.yml"
write_config 1 "$cfg"
cat >>"$cfg" <<YML
sinks:
  - {type: file}
  - {type: kafka}
  - {type: webhook, name: signed, url: "http://127.0.0.1:$hp/flaky/hook", secret_env: HOOK_SECRET}
  - {type: webhook, name: slack, format: slack, url: "http://127.0.0.1:$hp/chat/slack"}
  - {type: webhook, name: discord, format: discord, url: "http://127.0.0.1:$hp/chat/discord"}
  - {type: webhook, name: wecom, format: wecom, url: "http://127.0.0.1:$hp/chat/wecom"}
  - {type: webhook, name: feishu, format: feishu, url: "http://127.0.0.1:$hp/chat/feishu", secret_env: HOOK_SECRET}
  - {type: webhook, name: dingtalk, format: dingtalk, url: "http://127.0.0.1:$hp/chat/dingtalk?access_token=t", secret_env: HOOK_SECRET}
  - {type: webhook, name: telegram, format: telegram, url: "http://127.0.0.1:$hp/chat/telegram", token_env: TG_TOKEN, chat_id: "42"}
  - {type: webhook, name: broken, url: "http://127.0.0.1:$hp/broken/hook"}
YML
export HOOK_SECRET="s3cret-for-tests" TG_TOKEN="123:abc"
flags=(--config "$cfg" --publisher.retry_backoff_ms=50)

# Mistakes in sinks are configuration errors naming the line, found at start.
printf 'sinks:\n  - {type: webhook, url: "http://x.example/", colour: red}\n' >"$work/bad.yml"
set +e
precis-publisher --config "$work/bad.yml" --redis.url="$TEST_REDIS_URL" 2>"$work/bad.err"
rc=$?
set -e
[ "$rc" = 2 ] && grep -q "bad.yml:2: sink webhook: unknown option 'colour'" "$work/bad.err" ||
	fail "bad sink option: $rc $(cat "$work/bad.err")"
printf 'sinks:\n  - {type: webhook, url: "http://x.example/", secret_env: NOT_SET_HERE}\n' >"$work/env.yml"
exits_with 2 /dev/null "$work/env.err" precis config check --config "$work/env.yml"
grep -q "env.yml:2: sink webhook: environment variable NOT_SET_HERE is not set" "$work/env.err" ||
	fail "missing secret: $(cat "$work/env.err")"

# The summaries our pipeline wrote for the golden files, through the real publisher service.
start publisher precis-publisher "${flags[@]}"
feed_summaries "$ns.summaries"
precis lag "${flags[@]}" --wait 120 >/dev/null || fail "the publisher did not take every summary"

precis digest publish --now "${flags[@]}" >"$work/publish.out" 2>"$work/publish.log" ||
	fail "publish failed: $(tail -3 "$work/publish.log")"
edition=$(sed -n 's/^published edition \([^:]*\):.*/\1/p' "$work/publish.out")
[ -n "$edition" ] || fail "publish said: $(cat "$work/publish.out")"

python3 - "$work/hooks.jsonl" "$edition" <<'PY' || fail "webhook deliveries are wrong"
import base64, hashlib, hmac, json, sys, urllib.parse
hooks = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
edition, secret = sys.argv[2], b"s3cret-for-tests"
by = {}
for h in hooks:
    by.setdefault(h["path"].split("?")[0], []).append(h)

flaky = by["/flaky/hook"]
assert [h["status"] for h in flaky] == [500, 500, 200], [h["status"] for h in flaky]
ok = flaky[-1]
assert ok["headers"]["X-Precis-Edition"] == edition
ts = ok["headers"]["X-Precis-Timestamp"]
want = "sha256=" + hmac.new(secret, (ts + "." + ok["body"]).encode(), hashlib.sha256).hexdigest()
assert ok["headers"]["X-Precis-Signature"] == want, "bad signature"
assert json.loads(ok["body"])["schema"] == "precis.digest/1"

assert [h["status"] for h in by["/broken/hook"]] == [404], "a 404 must not be retried"

slack = json.loads(by["/chat/slack"][0]["body"])
assert "Cobalt Compute" in slack["text"]
assert len(json.loads(by["/chat/discord"][0]["body"])["content"]) <= 2000
assert json.loads(by["/chat/wecom"][0]["body"])["msgtype"] == "text"
fs = json.loads(by["/chat/feishu"][0]["body"])
key = (fs["timestamp"] + "\n").encode() + secret
assert fs["sign"] == base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
dt = by["/chat/dingtalk"][0]
q = urllib.parse.parse_qs(urllib.parse.urlparse(dt["path"]).query)
msg = (q["timestamp"][0] + "\n").encode() + secret
assert q["sign"][0] == base64.b64encode(hmac.new(secret, msg, hashlib.sha256).digest()).decode()
assert q["access_token"] == ["t"]
tg = by["/chat/telegram/bot123:abc/sendMessage"][0]
assert json.loads(tg["body"])["chat_id"] == "42"
for path, hs in by.items():
    if path not in ("/flaky/hook", "/broken/hook"):
        assert len(hs) == 1, (path, len(hs))
PY

# The failed sink left a dead letter with the reason; the others were delivered.
kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.deadletter" -e -q -f '%s\n' >"$work/dead.jsonl"
python3 - "$work/dead.jsonl" "$edition" <<'PY' || fail "dead letter is wrong: $(head -c 300 "$work/dead.jsonl")"
import json, sys
dead = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
assert len(dead) == 1, len(dead)
d = dead[0]
assert d["stage"] == "publisher" and d["topic"] == "sink:broken" and d["key"] == sys.argv[2]
assert "sink broken: HTTP 404" in d["reason"], d["reason"]
assert json.loads(d["payload"])["edition"] == sys.argv[2]
PY
[ "$(topic_count "$ns.digests")" = 1 ] || fail "the kafka sink did not deliver exactly once"
ls "$work"/digests/*/*/precis-"$edition".html >/dev/null || fail "the file sink wrote nothing"
precis digest show "$edition" "${flags[@]}" >"$work/show.out" || fail "digest show failed"
grep -q "sink:signed *delivered at" "$work/show.out" || fail "show: $(cat "$work/show.out")"
grep -q "sink:broken *dropped at .*HTTP 404" "$work/show.out" || fail "show: $(cat "$work/show.out")"

# Publishing again delivers nothing twice.
before=$(wc -l <"$work/hooks.jsonl")
precis digest publish --now "${flags[@]}" >"$work/publish2.out" 2>&1 || fail "second publish failed"
grep -q "nothing new to publish" "$work/publish2.out" || fail "second publish: $(cat "$work/publish2.out")"
[ "$(wc -l <"$work/hooks.jsonl")" = "$before" ] || fail "a webhook got the edition twice"
[ "$(topic_count "$ns.digests")" = 1 ] || fail "the digest topic got the edition twice"
echo "sinks: every sink once, retries honoured, the broken one dead-lettered"

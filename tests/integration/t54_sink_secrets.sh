#!/usr/bin/env bash
# No sink's secret reaches an error text: not the logs, not the edition's
# state in Redis (precis digest show), not a dead letter. Every sink type
# fails here, by transport errors and by servers that echo the request back
# ("Cannot POST /bot123:abc/sendMessage"); the Telegram token, the signing
# secret, the SMTP login and the secret paths and tokens of webhook URLs
# all stay out. An unset or empty secret variable is a configuration error.
. "$(dirname "$0")/lib.sh"
require_services

start_webhook_receiver
closed=$(free_port)
export TG_TOKEN="123456:SECRET-telegram-token" HOOK_SECRET="SECRET-signing-key" \
	SMTP_USER="SECRET-smtp-user" SMTP_PASSWORD="SECRET-smtp-password"

cfg="$work/precis.yml"
write_config 1 "$cfg"
: >"$work/blocked" # a file where the file sink wants a folder
cat >>"$cfg" <<YML
sinks:
  - {type: file, dir: "$work/blocked/digests"}
  - {type: kafka, topic: "$ns.not/a/topic"}
  - {type: webhook, name: generic-down, url: "http://127.0.0.1:$closed/hooks/SECRET-generic-path", secret_env: HOOK_SECRET}
  - {type: webhook, name: slack-echo, format: slack, url: "http://127.0.0.1:$hp/echo/services/T0/B0/SECRET-slack-path"}
  - {type: webhook, name: tg-down, format: telegram, url: "http://127.0.0.1:$closed", token_env: TG_TOKEN, chat_id: "42"}
  - {type: webhook, name: tg-echo, format: telegram, url: "http://127.0.0.1:$hp/echo", token_env: TG_TOKEN, chat_id: "42"}
  - {type: webhook, name: ding-echo, format: dingtalk, url: "http://127.0.0.1:$hp/echo/robot/send?access_token=SECRET-dingtalk-token", secret_env: HOOK_SECRET}
  - {type: email, url: "smtp://127.0.0.1:$closed", from: d@example.com, to: [team@example.com], username_env: SMTP_USER, password_env: SMTP_PASSWORD}
YML
flags=(--config "$cfg" --publisher.sink_attempts=1 --pipeline.flush_timeout_ms=5000)

start publisher precis-publisher "${flags[@]}"
feed_summaries "$ns.summaries"
precis lag "${flags[@]}" --wait 120 >/dev/null || fail "the publisher did not take every summary"
# Every sink fails; how the command then exits is the publisher's business, not this test's.
precis digest publish --now "${flags[@]}" >"$work/publish.out" 2>"$work/publish.log" || true

kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.deadletter" -e -q -f '%k\t%s\n' >"$work/dead.tsv"
[ "$(wc -l <"$work/dead.tsv")" = 8 ] || fail "expected a dead letter per sink: $(cut -c1-300 "$work/dead.tsv")"
edition=$(head -1 "$work/dead.tsv" | cut -f1)
precis digest show "$edition" "${flags[@]}" >"$work/show.out" || fail "digest show failed"
for sink in file kafka generic-down slack-echo tg-down tg-echo ding-echo email; do
	grep -q "sink $sink failed for good" "$work/publish.log" || fail "no failure logged for $sink"
	grep -q "sink:$sink *failed at" "$work/show.out" || fail "no failure kept for $sink: $(cat "$work/show.out")"
done
# The echoing servers were reached, so their answers were there to leak.
grep -q "sink:tg-echo *failed at .*HTTP 404: Cannot POST" "$work/show.out" || fail "$(grep tg-echo "$work/show.out")"
[ "$(grep -c '"path": "/echo/' "$work/hooks.jsonl")" = 3 ] || fail "the echoing receiver was not asked thrice"
for f in publish.log publish.out show.out dead.tsv; do
	! grep -q "SECRET" "$work/$f" || fail "a secret in $f: $(grep -o '.\{60\}SECRET.\{30\}' "$work/$f" | head -3)"
done
kill "$pid"
wait "$pid" 2>/dev/null || true
! grep -q "SECRET" "$work/publisher.log" || fail "a secret in the publisher's log"

# A secret variable that is not set, or empty, is an error at start; so is a bot without a token.
printf 'sinks:\n  - {type: webhook, format: telegram, url: "https://api.telegram.org", token_env: TG_UNSET, chat_id: "1"}\n' >"$work/unset.yml"
(unset TG_UNSET; precis config check --config "$work/unset.yml") 2>"$work/unset.err" && fail "an unset token passed"
grep -q "unset.yml:2: sink webhook: environment variable TG_UNSET is not set" "$work/unset.err" ||
	fail "unset token: $(cat "$work/unset.err")"
TG_UNSET= precis config check --config "$work/unset.yml" 2>"$work/empty.err" && fail "an empty token passed"
grep -q "environment variable TG_UNSET is empty" "$work/empty.err" || fail "empty token: $(cat "$work/empty.err")"
printf 'sinks:\n  - {type: webhook, format: telegram, url: "https://api.telegram.org", chat_id: "1"}\n' >"$work/notoken.yml"
precis config check --config "$work/notoken.yml" 2>"$work/notoken.err" && fail "a bot without a token passed"
grep -q "notoken.yml:2: sink webhook: telegram needs chat_id and token_env" "$work/notoken.err" ||
	fail "no token: $(cat "$work/notoken.err")"
echo "sink secrets: none in logs, Redis or dead letters, for every sink type"

#!/usr/bin/env bash
# kill -9 of the publisher in the middle of an edition: the edition is
# closed and half delivered; the next publisher picks it up once the dead
# one's lock expires, skips the sinks that already have it, and the edition
# exists exactly once in the file sink and on the digest topic.
. "$(dirname "$0")/lib.sh"
require_services

start_webhook_receiver
cfg="$work/precis.yml"
write_config 1 "$cfg"
cat >>"$cfg" <<YML
sinks:
  - {type: file}
  - {type: kafka}
  - {type: webhook, name: slow, url: "http://127.0.0.1:$hp/slow/hook"}
YML
flags=(--config "$cfg" --publisher.lock_ttl_ms=2000)

start publisher precis-publisher "${flags[@]}"
publisher=$pid
feed_summaries "$ns.summaries"
precis lag "${flags[@]}" --wait 120 >/dev/null || fail "the publisher did not take every summary"
kill -TERM "$publisher"
wait "$publisher" || fail "publisher exited $? on SIGTERM"

# Killed while the slow webhook holds its request: file and kafka are done, the webhook is not.
precis digest publish --now "${flags[@]}" >"$work/crash.out" 2>"$work/crash.log" &
crashing=$!
wait_until 60 grep -q '"/slow/hook"' "$work/hooks.jsonl" 2>/dev/null || fail "the webhook was never called"
kill -9 "$crashing"
wait "$crashing" 2>/dev/null || true
edition=$(sed -n 's/.*edition \([0-9-]*\): delivered to sink file.*/\1/p' "$work/crash.log" | head -1)
[ -n "$edition" ] || fail "the killed publisher delivered nothing: $(cat "$work/crash.log")"

precis digest show "$edition" "${flags[@]}" >"$work/show1.out"
grep -q "state *closed" "$work/show1.out" || fail "edition not left closed: $(cat "$work/show1.out")"
grep -q "sink:kafka *delivered" "$work/show1.out" || fail "kafka not recorded: $(cat "$work/show1.out")"
! grep -q "sink:slow" "$work/show1.out" || fail "the interrupted sink was recorded"

# While the dead publisher's lock lives, a new one says so clearly.
set +e
precis digest publish --now "${flags[@]}" >/dev/null 2>"$work/locked.log"
rc=$?
set -e
if [ "$rc" = 1 ]; then
	grep -q "another publisher is publishing right now (or died less than 2000 ms ago)" "$work/locked.log" ||
		fail "$(cat "$work/locked.log")"
fi
sleep 2.5
precis digest publish --now "${flags[@]}" >"$work/resume.out" 2>"$work/resume.log" ||
	fail "the next publisher failed: $(tail -3 "$work/resume.log")"
grep -q "published edition $edition:" "$work/resume.out" || fail "resume said: $(cat "$work/resume.out")"
grep -q "sink file already has it" "$work/resume.log" || fail "the file sink was written again"
grep -q "sink kafka already has it" "$work/resume.log" || fail "the kafka sink was sent again"

[ "$(topic_count "$ns.digests")" = 1 ] || fail "edition $edition is not exactly once on the digest topic"
[ "$(ls "$work"/digests/*/*/precis-*.md | wc -l)" = 1 ] || fail "more than one edition file"
# The webhook saw the interrupted request and the completed one: same edition, same body,
# so a receiver keyed on X-Precis-Edition keeps one.
python3 - "$work/hooks.jsonl" "$edition" <<'PY' || fail "webhook requests are wrong"
import json, sys
hooks = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(hooks) == 2, len(hooks)
assert {h["headers"]["X-Precis-Edition"] for h in hooks} == {sys.argv[2]}
assert len({h["body"] for h in hooks}) == 1
PY
precis digest show "$edition" "${flags[@]}" | grep -q "sink:slow *delivered" || fail "slow sink not recorded"
precis digest publish --now "${flags[@]}" | grep -q "nothing new to publish" || fail "a third publish did something"
echo "publisher crash: edition $edition exactly once after kill -9"

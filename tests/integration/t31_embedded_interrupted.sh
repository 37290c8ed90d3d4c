#!/usr/bin/env bash
# `precis run` interrupted (Ctrl-C) after polling, before publishing: its
# broker lived in memory, so what it fetched is gone; the next run fetches
# those articles again and publishes every one of them, exactly once.
. "$(dirname "$0")/lib.sh"

expected=$(ls "$TOP"/examples/site/*/*.html | wc -l)
precis run --config "$TOP/examples/precis.yml" --data-dir "$work/data" \
	>"$work/run1.out" 2>"$work/run1.log" &
run=$!
wait_until 60 grep -q "all sources polled" "$work/run1.log" || fail "the first run never polled"
kill -INT "$run"
set +e
wait "$run"
rc=$?
set -e
[ "$rc" != 0 ] || fail "the interrupted run claims success: $(cat "$work/run1.out")"
grep -q "interrupted" "$work/run1.log" || fail "no word of the interruption: $(tail -3 "$work/run1.log")"
! ls "$work"/data/digests/*/*/*.md >/dev/null 2>&1 || fail "the interrupted run published"
! pgrep -f "$work/data" >/dev/null || fail "the interrupted run left processes behind: $(pgrep -af "$work/data")"

precis run --config "$TOP/examples/precis.yml" --data-dir "$work/data" >"$work/run2.out" 2>"$work/run2.log" ||
	fail "the second run failed: $(tail -3 "$work/run2.log")"
grep -q "($expected articles, " "$work/run2.out" ||
	fail "articles of the interrupted run were lost: $(cat "$work/run2.out")"
precis run --config "$TOP/examples/precis.yml" --data-dir "$work/data" >"$work/run3.out" 2>"$work/run3.log" ||
	fail "the third run failed"
grep -q "^no new articles" "$work/run3.out" || fail "third run: $(cat "$work/run3.out")"
echo "interrupted run: every article published by the next run, once"

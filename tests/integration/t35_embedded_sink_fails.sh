#!/usr/bin/env bash
# `precis run` whose digests folder cannot be written (here a file stands
# where the folder goes, as a full disk or a read-only mount would refuse
# it): the run fails and names the sink, names no file that does not
# exist, and counts nothing as published; the next run, with the folder
# writable, delivers that edition with every article in it.
. "$(dirname "$0")/lib.sh"

expected=$(ls "$TOP"/examples/site/*/*.html | wc -l)
run=(precis run --config "$TOP/examples/precis.yml" --data-dir "$work/data"
	--publisher.output_dir="$work/digests")
touch "$work/digests"

set +e
"${run[@]}" --publisher.sink_attempts=1 >"$work/run1.out" 2>"$work/run1.log"
rc=$?
set -e
[ "$rc" != 0 ] || fail "precis run exited 0 with its digests folder unwritable: $(cat "$work/run1.out")"
grep -q "not delivered to sink file" "$work/run1.log" || fail "the failing sink is not named: $(tail -3 "$work/run1.log")"
! grep -q "^digest: " "$work/run1.out" || fail "a digest was announced: $(cat "$work/run1.out")"

rm "$work/digests"
"${run[@]}" >"$work/run2.out" 2>"$work/run2.log" ||
	fail "the run after the folder came back failed: $(tail -3 "$work/run2.log")"
grep -q "^digest: $work/digests/.*\.md ($expected articles, " "$work/run2.out" ||
	fail "the pending edition was not delivered whole: $(cat "$work/run2.out")"
digest=$(sed -n 's/^digest: \(.*\) (.*$/\1/p' "$work/run2.out" | head -1)
[ -f "$digest" ] || fail "the digest $digest does not exist"
[ "$(grep -c "^digest: " "$work/run2.out")" = 1 ] || fail "more than one edition: $(cat "$work/run2.out")"
"${run[@]}" >"$work/run3.out" 2>"$work/run3.log" ||
	fail "third run failed: $(tail -3 "$work/run3.log")"
grep -q "^no new articles since the last run" "$work/run3.out" || fail "third run: $(cat "$work/run3.out")"
echo "failed file sink: run exits $rc, the edition waits, the next run delivers its $expected articles"

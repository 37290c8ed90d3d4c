#!/usr/bin/env bash
# `precis digest render` against golden files: every format of an edition
# made from summaries written by our own pipeline, plus one hostile summary
# (markup in its headline, a javascript: URL) and one line that is not a
# summary. SOURCE_DATE_EPOCH makes the output reproducible.
#
# After an intended change of the output, regenerate with
#   UPDATE_GOLDEN=1 BIN_DIR=build/bin TOP=. bash tests/integration/t40_render_golden.sh
# and read the diff before committing it.
. "$(dirname "$0")/lib.sh"

fixtures="$TOP/tests/fixtures/digest"
export SOURCE_DATE_EPOCH=1795939200 # 2026-11-28T00:00:00Z

for format in md html json text; do
	set +e
	precis digest render --input "$fixtures/summaries.jsonl" --format "$format" \
		--edition 2026-11-28 --publisher.title="AI industry digest" \
		>"$work/edition.$format" 2>"$work/render-$format.log"
	rc=$?
	set -e
	# The one line that is not a summary is reported, left out, and makes the status 1.
	[ "$rc" = 1 ] || fail "render --format $format exited $rc: $(cat "$work/render-$format.log")"
	grep -q "summaries.jsonl:22: not JSON" "$work/render-$format.log" ||
		fail "the bad line was not reported: $(cat "$work/render-$format.log")"
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$work/edition.$format" "$fixtures/edition.$format"
	fi
	diff -u "$fixtures/edition.$format" "$work/edition.$format" >"$work/diff-$format.log" ||
		fail "--format $format differs from its golden file:
$(head -40 "$work/diff-$format.log")"
done

# Whatever the golden files say, these must hold.
html="$work/edition.html"
! grep -q "<script" "$html" || fail "a <script> tag reached the HTML"
! grep -q 'href="javascript:' "$html" || fail "a javascript: link reached the HTML"
! grep -q '](<javascript:' "$work/edition.md" || fail "a javascript: link reached the Markdown"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;' "$html" || fail "headline not escaped"
grep -q '<meta name="viewport"' "$html" || fail "the page is not sized for phones"
[ "$(grep -c '<article' "$html")" = 19 ] || fail "expected 19 stories (21 summaries, two merged pairs)"
precis proto check digest <<<"$(tr -d '\n' <"$work/edition.json")" >/dev/null ||
	fail "the JSON rendering breaks the digest contract"
# An edition id that cannot name an edition is a usage error, not BUG() (an
# empty one broke the digest contract) nor a NULL passed on (bytes not UTF-8).
for bad in "" "$(printf '2026-11-28\377')"; do
	exits_with 2 "$work/bad-edition.out" "$work/bad-edition.log" precis digest render \
		--input "$fixtures/summaries.jsonl" --format json --edition "$bad"
	grep -q "^precis: digest render: --edition needs an edition id in UTF-8" "$work/bad-edition.log" ||
		fail "--edition '$bad': $(cat "$work/bad-edition.log")"
done
# No summaries at all is an error, not an edition whose stats line counts 0 characters.
exits_with 1 "$work/empty.out" "$work/empty.log" precis digest render --input /dev/null
grep -q "^precis: /dev/null holds no summaries: nothing to render" "$work/empty.log" ||
	fail "empty input: $(cat "$work/empty.log")"
[ ! -s "$work/empty.out" ] || fail "empty input rendered: $(head -3 "$work/empty.out")"
# Nor is a file whose every summary is invalid.
echo '{"schema":"precis.summary/1"}' >"$work/invalid.jsonl"
exits_with 1 "$work/invalid.out" "$work/invalid.log" precis digest render --input "$work/invalid.jsonl"
grep -q "^precis: none of the 1 summaries of $work/invalid.jsonl is valid: nothing to render" "$work/invalid.log" ||
	fail "invalid input: $(cat "$work/invalid.log")"
[ ! -s "$work/invalid.out" ] || fail "invalid input rendered: $(head -3 "$work/invalid.out")"
echo "render: md, html, json and text match their golden files"

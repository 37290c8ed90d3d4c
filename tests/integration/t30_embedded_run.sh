#!/usr/bin/env bash
# `precis run` on the bundled examples: no cluster, no network, a digest of
# every article; a second run over the same data folder finds nothing new.
. "$(dirname "$0")/lib.sh"

expected=$(ls "$TOP"/examples/site/*/*.html | wc -l)
precis run --config "$TOP/examples/precis.yml" --data-dir "$work/data" >"$work/run1.out" 2>"$work/run1.log" ||
	fail "precis run failed: $(tail -3 "$work/run1.log")"
stories=$((expected - 3)) # one story from three outlets, one from two
grep -q "^digest: $work/data/digests/20[0-9][0-9]/[0-9][0-9]/precis-.*\.md ($expected articles, $stories stories)$" "$work/run1.out" ||
	fail "run printed: $(cat "$work/run1.out")"
digest=$(sed -n 's/^digest: \(.*\) (.*$/\1/p' "$work/run1.out")
# A first run loses nothing, and says nothing about lost state.
grep -q "lost its state" "$work/run1.log" && fail "a first run warns: $(grep "lost its state" "$work/run1.log")"
[ "$(grep -c '^## ' "$digest")" = $((stories + 1)) ] || fail "digest has the wrong number of sections"
[ "$(grep -c ' · \[' "$digest")" = 2 ] || fail "merged stories do not list their outlets"
grep ' · \[' "$digest" | grep '\[Tensor Ledger\]' | grep '\[Inference Weekly\]' |
	grep -q '\[Wire Brief\]' || fail "the story from three outlets is not one item with three links"
grep -q "^> The originals total \*\*[0-9]*\*\* characters" "$digest" || fail "no stats line"
# Ten highlights; one to three key points per story, as many as half its article holds.
awk '/^## Highlights/ { h = 1; next } /^## / { if (n) p[n] = k; n++; k = 0; h = 0 }
	/^- / { if (h) hl++; else k++ } END { if (n) p[n] = k; if (hl != 10) exit 1
	for (i = 1; i <= n; i++) if (p[i] < 1 || p[i] > 3) exit 1 }' "$digest" ||
	fail "highlights or key points missing"
python3 - "${digest%.md}.json" <<'PY' || fail "a summary longer than half its article"
import json, subprocess, sys
for it in json.load(open(sys.argv[1]))["items"]:
    path = it["sources"][0]["url"][len("file://"):]
    article = subprocess.run(["precis", "extract", path], capture_output=True, text=True, check=True).stdout
    assert sum(map(len, it["key_points"])) <= len(article.strip()) / 2, (it["headline"], len(article))
PY

precis run --config "$TOP/examples/precis.yml" --data-dir "$work/data" >"$work/run2.out" 2>"$work/run2.log" ||
	fail "second run failed: $(tail -3 "$work/run2.log")"
grep -q "^no new articles since the last run" "$work/run2.out" || fail "second run: $(cat "$work/run2.out")"
[ "$(ls "$work"/data/digests/*/*/ | wc -l)" = 3 ] || fail "expected one edition as .md, .html and .json"
grep -q "<entry>" "$work/data/digests/editions.atom" || fail "no Atom feed of editions"
grep -q "href=\"20[0-9][0-9]/[0-9][0-9]/precis-" "$work/data/digests/index.html" || fail "no index page"
# The index is named and marked as the editions are, not "Editions" in English.
grep -q '^<html lang="en">' "$work/data/digests/index.html" &&
	grep -q '<h1>AI industry digest</h1>' "$work/data/digests/index.html" &&
	grep -q 'xml:lang="en"' "$work/data/digests/editions.atom" ||
	fail "index page: $(head -12 "$work/data/digests/index.html")"
precis proto check digest <"${digest%.md}.json" >/dev/null || fail "the .json file is not a digest message"
grep -q '<article id="item-' "${digest%.md}.html" || fail "the .html file has no stories"
# On a terminal: one live status line and the result, no log lines.
script -qfec "precis run --config '$TOP/examples/precis.yml' --data-dir '$work/tty'" "$work/tty.out" >/dev/null 2>&1 ||
	fail "precis run on a terminal failed: $(tail -3 "$work/tty.out")"
tr '\r' '\n' <"$work/tty.out" | grep -q "precis run: pages $expected · extracted $expected · summarized $expected · gathered $expected" ||
	fail "no live progress: $(tr '\r' '\n' <"$work/tty.out" | tail -5)"
! tr '\r' '\n' <"$work/tty.out" | grep -q " info \[" || fail "log lines on the terminal"
# What the README tells a newcomer the demo holds is what it holds.
words=(no one two three four five six seven eight nine ten)
outlets=$(grep -c '^  - name:' "$TOP/examples/precis.yml")
tr '\n' ' ' <"$TOP/README.md" | grep -q "no network, $expected example articles in English and Chinese from ${words[$outlets]} invented outlets" ||
	fail "README.md does not say $expected articles from ${words[$outlets]} outlets"
echo "embedded run: $expected articles, no duplicates on rerun"

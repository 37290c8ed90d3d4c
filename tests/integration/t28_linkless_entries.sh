#!/usr/bin/env bash
# Entries without a link (news flashes, channel posts): a mode: feed source
# publishes them with their own text, under an id that the next run knows
# again; a source that fetches pages cannot fetch them and says so.
. "$(dirname "$0")/lib.sh"

feed="file://$TOP/tests/fixtures/feeds/linkless.xml"
cat >"$work/precis.yml" <<YML
fetcher:
  schemes: [http, https, file]
sources:
  - {name: Harbor Flash, url: "$feed", mode: feed}
  - {name: Harbor Pages, url: "$feed"}
YML
precis run --config "$work/precis.yml" --data-dir "$work/data" >"$work/run1.out" 2>"$work/run1.log" ||
	fail "precis run failed: $(tail -3 "$work/run1.log")"
grep -q "^digest: .* (2 articles, 2 stories)$" "$work/run1.out" || fail "run printed: $(cat "$work/run1.out")"
digest=$(sed -n 's/^digest: \(.*\) (.*$/\1/p' "$work/run1.out")
grep -q "Port authority approves night shifts" "$digest" || fail "the entry with a guid is missing"
grep -q "second electric boat" "$digest" || fail "the entry with neither link nor guid is missing"
[ "$(grep -o '\[Harbor Flash\](<https://flash.example/#entry-[0-9a-f]*>)' "$digest" | sort -u | wc -l)" = 2 ] ||
	fail "each entry should link to the site under an address of its own: $(grep 'Harbor' "$digest")"
grep -q "Harbor Pages" "$digest" && fail "a page source published an entry it could not fetch"
[ "$(grep -c "source Harbor Pages: entry '.*' has no link and is not taken" "$work/run1.log")" = 2 ] ||
	fail "the page source did not say what it left: $(grep 'Harbor Pages' "$work/run1.log")"
grep -q "poll done: .*, 2 without a link to fetch" "$work/run1.log" || fail "$(grep 'poll done' "$work/run1.log")"

precis run --config "$work/precis.yml" --data-dir "$work/data" >"$work/run2.out" 2>"$work/run2.log" ||
	fail "second run failed: $(tail -3 "$work/run2.log")"
grep -q "^no new articles since the last run" "$work/run2.out" || fail "second run: $(cat "$work/run2.out")"
echo "linkless entries: published from the feed, known again, and said where they cannot be fetched"

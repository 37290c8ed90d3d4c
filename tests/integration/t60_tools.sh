#!/usr/bin/env bash
# precis feed parse, extract and summarize on files: the JSON shapes the
# issues specify, one-line errors, and a corpus run that never stops at a
# bad file.
. "$(dirname "$0")/lib.sh"

site="$TOP/examples/site"
for feed in "$site"/feeds/*.xml; do
	precis feed parse "$feed" >"$work/feed.json" || fail "feed parse $feed failed"
	python3 - "$work/feed.json" "$feed" <<'PY' || fail "feed parse output of $feed is wrong"
import json, os, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["title"] and d["encoding"].lower() == "utf-8"
assert len(d["entries"]) >= 3, len(d["entries"])
for e in d["entries"]:
    assert e["link"].startswith("file://") and os.path.exists(e["link"][7:]), e["link"]
    assert e["published"].endswith("Z") and "<" not in e["title"]
    assert set(e) <= {"title", "link", "id", "published", "updated", "summary", "content", "author"}
PY
done
set +e
precis feed parse "$TOP/tests/fixtures/feeds/not-a-feed.html" >/dev/null 2>"$work/nofeed.err"
rc=$?
set -e
[ "$rc" = 1 ] && [ "$(wc -l <"$work/nofeed.err")" = 1 ] && grep -q "not a feed" "$work/nofeed.err" ||
	fail "a web page parsed as a feed: $rc $(cat "$work/nofeed.err")"

# A folder is not a feed, and the error says why rather than "not an XML document".
precis feed parse "$site" >/dev/null 2>"$work/dir.err" && fail "a folder parsed as a feed"
[ "$(cat "$work/dir.err")" = "precis: $site: Is a directory" ] || fail "feed parse DIR: $(cat "$work/dir.err")"
precis extract "$site" >/dev/null 2>"$work/dir2.err" && fail "a folder extracted as a page"
[ "$(cat "$work/dir2.err")" = "precis: $site: Is a directory" ] || fail "extract DIR: $(cat "$work/dir2.err")"

pages=("$site"/*/*.html)
precis extract "${pages[@]}" /no/such/page.html >"$work/extract.jsonl" && fail "a missing file was not an error"
python3 - "$work/extract.jsonl" "${#pages[@]}" <<'PY' || fail "extract output is wrong"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(lines) == int(sys.argv[2]) + 1, len(lines)
for d in lines[:-1]:
    assert d["file"].endswith(".html") and d["title"] and d["char_count"] > 100, d["file"]
    assert d["lang"] in ("en", "zh") and "\n\n" in d["text"]
assert "No such file" in lines[-1]["error"]
PY
precis extract "$site/zhiyuan-kuaixun/lingxi-model-price-cut.html" >"$work/one.txt"
head -1 "$work/one.txt" | grep -q "^灵犀智能26日宣布" || fail "single-file extract: $(head -1 "$work/one.txt")"

{ echo "Lingxi cuts API prices by 80 percent"; cat "$work/one.txt"; } >"$work/article.txt"
printf '{"title": "T", "text": "Only one sentence here without an ending"}\n' >"$work/short.json"
precis summarize "$work/article.txt" "$work/short.json" "$work/missing.txt" >"$work/sum.jsonl" &&
	fail "a missing file was not an error"
python3 - "$work/sum.jsonl" <<'PY' || fail "summarize output is wrong"
import json, sys
a, b, c = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert set(a) == {"file", "headline", "emoji", "key_points", "tags", "importance", "lang", "method"}, set(a)
assert a["lang"] == "zh" and a["method"] == "extractive" and len(a["key_points"]) == 3
assert len(set(a["key_points"])) == 3 and 0 <= a["importance"] <= 1
assert b["key_points"] == ["Only one sentence here without an ending"]
assert "error" in c
PY
# A feed that cannot be fetched is named once, not twice.
closed=$(free_port)
exits_with 1 /dev/null "$work/url.err" precis feed parse --fetcher.allow_private=127.0.0.1 \
	"http://127.0.0.1:$closed/feed.xml"
[ "$(grep -o "http://127.0.0.1:$closed/feed.xml" "$work/url.err" | wc -l)" = 1 ] ||
	fail "feed parse URL: $(cat "$work/url.err")"

# A page without text is an error, not an empty article and exit 0.
printf '<html><head><title>App</title></head><body><script>var x = 1;</script></body></html>' >"$work/app.html"
exits_with 1 "$work/app.out" "$work/app.err" precis extract "$work/app.html"
grep -q "^precis: $work/app.html: no text in the page" "$work/app.err" || fail "extract app.html: $(cat "$work/app.err")"

echo "tools: feed parse, extract and summarize"

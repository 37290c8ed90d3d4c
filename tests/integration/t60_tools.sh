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

# An option given last without its value is a usage error, not a file of that name.
exits_with 2 /dev/null "$work/noval.err" precis summarize "$work/one.txt" --lang
exits_with 2 /dev/null "$work/noval.err" precis summarize --lang
grep -q -- "--lang: an option" "$work/noval.err" || fail "summarize --lang: $(cat "$work/noval.err")"
exits_with 2 /dev/null "$work/noval.err" precis extract --format

# A page with nothing to pass on is an error, not an empty article and exit
# 0, and it says why and what the pipeline would do: a page of scripts has
# no text, a parked domain's menus no prose, and its feed's text may still
# stand in.
printf '<html><head><title>App</title></head><body><script>var x = 1;</script></body></html>' >"$work/app.html"
printf '<html><body><h1>lakeside.example</h1><div>This domain may be for sale!</div><ul><li><a href="/a">Boat Hire</a></li><li><a href="/b">Cabins</a></li></ul></body></html>' >"$work/parked.html"
for page in app parked; do
	why="no paragraph of prose on the page"
	[ "$page" = app ] && why="no text on the page, only scripts"
	exits_with 1 "$work/$page.out" "$work/$page.err" precis extract "$work/$page.html"
	grep -q "^precis: $work/$page.html: $why.*(the extractor would take the feed's text or dead-letter the page)$" \
		"$work/$page.err" || fail "extract $page.html: $(cat "$work/$page.err")"
	[ ! -s "$work/$page.out" ] || fail "extract $page.html printed: $(cat "$work/$page.out")"
done

# The pipe the error for an HTML page suggests, from a page without a title: its
# first line stands in, as in the pipeline, and precis says so.
cat >"$work/untitled.html" <<'HTML'
<html><body><article>
<p>Harbor Robotics raised 200 million dollars to build warehouse robots in Ohio.</p>
<p>The company said the money would pay for two new factories and 1,100 jobs by 2027.</p>
<p>Its robots already move parcels for three of the five largest American retailers.</p>
<p>Analysts expect the market for such machines to double within four years.</p>
</article></body></html>
HTML
precis extract --format json "$work/untitled.html" >"$work/untitled.json" || fail "extract untitled.html"
exits_with 0 "$work/untitled.out" "$work/untitled.err" precis summarize - <"$work/untitled.json"
python3 - "$work/untitled.json" "$work/untitled.out" <<'PY' || fail "summarize of an untitled page: $(cat "$work/untitled.out")"
import json, sys
page = json.load(open(sys.argv[1], encoding="utf-8"))
assert "title" not in page, page.get("title")
d = json.loads(open(sys.argv[2], encoding="utf-8").read())
assert d["headline"].startswith("Harbor Robotics raised 200 million dollars"), d["headline"]
assert d["key_points"] and d["method"] == "extractive", d
PY
grep -q "^precis: -: no title; the text's first line stands in$" "$work/untitled.err" ||
	fail "the stand-in title was not said: $(cat "$work/untitled.err")"
printf '{"title": "", "text": "Harbor Robotics raised money. It will build robots."}' >"$work/empty-title.json"
exits_with 0 "$work/empty-title.out" "$work/empty-title.err" precis summarize "$work/empty-title.json"
grep -q '"headline":"Harbor Robotics raised money. It will build robots."' "$work/empty-title.out" ||
	fail "empty title: $(cat "$work/empty-title.out")"

# A file name that is not UTF-8 (an old archive's Latin-1) is still named on
# its line, the bad byte as U+FFFD: it once made one line a null (and
# undefined behaviour), and left "file" out of another.
latin="$work/caf$(printf '\351').html"
cp "$work/untitled.html" "$latin"
printf 'Harbor Robotics raised money\nIt will build robots in Ohio. The company said so on Monday.\n' >"$work/caf$(printf '\351').txt"
exits_with 1 "$work/latin.out" "$work/latin.err" precis extract "$latin" "$work/gon$(printf '\351').html"
exits_with 1 "$work/latin-sum.out" "$work/latin-sum.err" precis summarize "$work/caf$(printf '\351').txt" \
	"$work/gon$(printf '\351').txt"
python3 - "$work/latin.out" "$work/latin-sum.out" <<'PY' || fail "file names not in UTF-8: $(cat "$work/latin.out" "$work/latin-sum.out")"
import json, sys
for path in sys.argv[1:]:
    found, missing = [json.loads(l) for l in open(path, encoding="utf-8")]
    assert found["file"].endswith("/caf\ufffd.html" if "sum" not in path else "/caf\ufffd.txt"), found
    assert "error" not in found, found
    assert missing["file"].endswith("/gon\ufffd." + ("txt" if "sum" in path else "html")), missing
    assert "No such file" in missing["error"], missing
PY

# SIGTERM (or Ctrl-C) stops a one-shot command at once: precis summarize
# waiting on a model that never answers ignored it for llm.max_attempts
# times llm.timeout_ms (here six minutes).
python3 -c '
import os, socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
held = []
while True:
    held.append(s.accept()[0])  # never answers
' "$work/mute.port" &
pids+=($!)
wait_until 10 test -f "$work/mute.port" || fail "the silent server did not start"
precis summarize --backend llm --llm.base_url="http://127.0.0.1:$(cat "$work/mute.port")/v1" \
	--llm.model=m --llm.timeout_ms=120000 "$work/article.txt" >/dev/null 2>"$work/mute.err" &
summarizing=$!
sleep 1
kill -TERM "$summarizing"
SECONDS=0
rc=0
wait "$summarizing" || rc=$?
[ "$rc" = 143 ] && [ "$SECONDS" -lt 20 ] ||
	fail "precis summarize went on after SIGTERM: exit $rc after $SECONDS s: $(tail -2 "$work/mute.err")"

# What is really missing is named.
printf '{"title": "T"}' >"$work/no-text.json"
printf '{"title": "T", "text": " \\n "}' >"$work/blank-text.json"
printf '{"title": "T", "text": 5}' >"$work/number-text.json"
printf '{"title": ["T"], "text": "Words."}' >"$work/list-title.json"
printf '["T", "text"]' >"$work/array.json"
printf '{"title": "T", "text": ' >"$work/broken.json"
exits_with 1 "$work/bad-json.out" "$work/bad-json.err" precis summarize "$work/no-text.json" \
	"$work/blank-text.json" "$work/number-text.json" "$work/list-title.json" "$work/array.json" \
	"$work/broken.json"
python3 - "$work/bad-json.out" <<'PY' || fail "summarize errors: $(cat "$work/bad-json.out")"
import json, sys
errors = [json.loads(l)["error"] for l in open(sys.argv[1], encoding="utf-8")]
assert errors[0] == 'JSON without "text" (the article\'s text; "title" is optional)', errors[0]
assert errors[1] == '"text" is empty', errors[1]
assert errors[2] == '"text" is a number, not a string', errors[2]
assert errors[3] == '"title" is an array, not a string', errors[3]
assert errors[4] == 'JSON that is an array, not an object with "text" and "title"', errors[4]
assert errors[5].startswith("not valid JSON: "), errors[5]
PY

echo "tools: feed parse, extract and summarize"

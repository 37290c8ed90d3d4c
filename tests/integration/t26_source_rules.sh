#!/usr/bin/env bash
# Per-source rules: include and exclude patterns on an entry's title and
# text, and mode: feed, where the feed's own text is the article and no
# page is requested. The shipped source list is a valid configuration.
. "$(dirname "$0")/lib.sh"
require_services

python3 "$TOP/tests/scaffold/site_server.py" "$work/port" "$work/requests" --feeds 2 --items 10 \
	2>"$work/site.log" &
pids+=($!)
wait_until 10 test -f "$work/port" || fail "site did not start"
port=$(cat "$work/port")
cfg="$work/precis.yml"
write_base_config "$cfg"
cat >>"$cfg" <<YML
fetcher:
  allow_private: [127.0.0.1]
  host_delay_ms: 0
  host_concurrency: 8
sources:
  - {name: Picky, url: "http://127.0.0.1:$port/feeds/f0.xml", include: "story-[0-4][.]html"}
  - {name: Feed only, url: "http://127.0.0.1:$port/feeds/f1.xml", mode: feed, exclude: "STORY-9"}
YML
precis-fetcher --config "$cfg" --once >"$work/fetcher.log" 2>&1 || fail "fetcher: $(tail -3 "$work/fetcher.log")"
# Picky: stories 0-4 of feed 0. Feed only: feed 1's 10 stories and its private link, but story 9.
[ "$(topic_count "$ns.pages")" = 15 ] || fail "$(topic_count "$ns.pages") pages, 15 expected: $(grep 'poll done' "$work/fetcher.log")"
grep -q "7 filtered out" "$work/fetcher.log" || fail "$(grep 'poll done' "$work/fetcher.log")"
grep -q '"/news/f1/' "$work/requests" && fail "a mode: feed source had its pages fetched"
kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.pages" -e -q -f '%s\n' | python3 -c '
import base64, json, sys
ms = [json.loads(l) for l in sys.stdin]
feed = [m for m in ms if m["source"]["name"] == "Feed only"]
assert len(feed) == 10 and all(m.get("from_feed") for m in feed), feed[:1]
html = base64.b64decode(feed[0]["body_base64"]).decode()
assert "<article>" in html and "About /news/f1/" in html, html
picky = sorted(m["url"].rsplit("/", 1)[1] for m in ms if m["source"]["name"] == "Picky")
assert picky == ["story-%d.html" % i for i in range(5)], picky
' || fail "pages do not follow the rules"
# The extractor reads a page made from a feed entry like any other.
precis extract --format json <(kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.pages" -e -q -f '%s\n' |
	python3 -c 'import base64, json, sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("from_feed"):
        sys.stdout.write(base64.b64decode(m["body_base64"]).decode()); break') >"$work/x.json" ||
	fail "a page from a feed entry cannot be extracted"
precis config check --config "$TOP/examples/ai-news.yml" >/dev/null || fail "examples/ai-news.yml is not valid"
echo "source rules: include, exclude and mode: feed hold"

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
assert "<article>" in html and "report about /news/f1/" in html, html
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

# An OPML file: a relative xmlUrl is a file beside it; a feed listed in two folders is polled once.
mkdir -p "$work/lists"
rel=$(python3 -c 'import os, sys; print(os.path.relpath(sys.argv[1], sys.argv[2]))' \
	"$TOP/examples/site/feeds/wire-brief.xml" "$work/lists")
cat >"$work/lists/subs.opml" <<OPML
<?xml version="1.0"?><opml version="2.0"><body>
<outline text="News"><outline text="F0" xmlUrl="http://127.0.0.1:$port/feeds/f0.xml"/>
<outline text="Wire" xmlUrl="$rel"/></outline>
<outline text="Robots"><outline text="F0 robots" xmlUrl="http://127.0.0.1:$port/feeds/f0.xml"/></outline>
</body></opml>
OPML
opml="$work/opml.yml"
write_base_config "$opml"
cat >>"$opml" <<YML
fetcher:
  allow_private: [127.0.0.1]
  schemes: [http, https, file]
  host_delay_ms: 0
sources:
  - {opml: lists/subs.opml, mode: feed}
YML
before=$(grep -c '"path": "/feeds/f0.xml"' "$work/requests")
(cd / && precis-fetcher --config "$opml" --once --redis.prefix="$ns-opml:" --topics.pages="$ns.opml") \
	>"$work/opml.log" 2>&1 || fail "fetcher on the OPML list: $(tail -3 "$work/opml.log")"
[ "$(grep -c '"path": "/feeds/f0.xml"' "$work/requests")" = $((before + 1)) ] ||
	fail "f0.xml was not polled exactly once: $(grep -c f0.xml "$work/requests") requests"
grep -q "opml.yml:[0-9]*: source 'F0 robots' reads the same feed as 'F0' (http://127.0.0.1:$port/feeds/f0.xml): left out, so the feed is polled once" \
	"$work/opml.log" || fail "the repeated feed was not said: $(grep -i same "$work/opml.log")"
kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.opml" -e -q -f '%s\n' | python3 -c '
import json, sys
names = [json.loads(l)["source"]["name"] for l in sys.stdin]
assert names.count("Wire") >= 3 and "F0" in names and "F0 robots" not in names, names
' || fail "the OPML list's feeds were not read as listed: $(grep -i wire "$work/opml.log")"
exits_with 0 "$work/opml-check.out" "$work/opml-check.err" precis config check --config "$opml"
grep -q "source 'F0 robots' reads the same feed as 'F0'" "$work/opml-check.err" ||
	fail "config check did not say so: $(cat "$work/opml-check.err")"
grep -q "configuration OK: 2 sources" "$work/opml-check.out" || fail "$(cat "$work/opml-check.out")"
# ... and counts it.
hp=$(free_port)
start extractor precis-extractor --config "$opml" --http.listen="127.0.0.1:$hp"
wait_until 60 metric_at_least "$hp" precis_config_sources_dropped 1 ||
	fail "no precis_config_sources_dropped: $(scrape "$hp" /metrics | grep dropped)"
echo "source rules: include, exclude and mode: feed hold; an OPML list's feeds are polled once"

#!/usr/bin/env bash
# The extractor's quality gate: a page whose text is in another language
# than its source's, or too short, gives way to the feed's own text (method
# feed, with the reason); a good page keeps its own (method dom) with its
# confidence; a page with no usable text anywhere is dead-lettered. A
# Chinese news flash of 80-odd Han characters is an article, a page whose
# metadata cannot be true loses that metadata, not the article, one
# without a title anywhere gets its first line as one, and a feed title
# loses the site's name as the page's own title does. A page that says it
# is missing (a soft 404, sent with status 200), or has no prose at all,
# is no article: the feed's text stands in, or, with none, the page is
# dead-lettered saying why; both are counted.
. "$(dirname "$0")/lib.sh"
require_services

cfg="$work/precis.yml"
write_base_config "$cfg"
python3 - >"$work/pages.tsv" <<'PY'
import base64, hashlib, json
zh_feed = "北辰科技今天发布新一代推理芯片，性能提升三倍，功耗下降四成。" * 12
en_page = "<html><body><article>" + "<p>Please accept cookies to continue reading this site. We value your privacy and use cookies for analytics, advertising and personalisation.</p>" * 3 + "</article></body></html>"
good = "<html><body><article>" + "<p>北辰科技今天在北京发布了新一代推理芯片，公司表示新芯片性能提升三倍，功耗下降四成，将于明年一季度量产。</p>" * 4 + "</article></body></html>"
flash = "<html><body><article><p>北辰机器人公司今天宣布，首批一百台第二代巡检机器人已经在华东地区的三座变电站上岗，公司表示新机型的续航时间比上一代提高了一倍，故障率下降了四成。</p><p>业内人士认为，电力巡检正成为落地最快的场景。</p></article></body></html>"
bad_meta = good.replace("<html>", '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "0001-01-01T00:00:00Z", "dateModified": "1-01-01T00:00:00Z", "author": {"name": "https://zh.example/author/7"}}</script></head>')
def page(slug, html, summary, lang, title=None):
    url = "https://zh.example/" + slug
    aid = hashlib.sha256(url.encode()).hexdigest()[:32]
    m = {"schema": "precis.page/1", "id": aid, "url": url, "final_url": url,
         "source": {"name": "中文源", "lang": lang, "category": "AI", "weight": 1},
         "fetched_at": "2026-11-29T08:00:00Z", "http_status": 200, "content_type": "text/html",
         "charset": "utf-8", "body_base64": base64.b64encode(html.encode()).decode(),
         "entry": {"title": "标题 " + slug if title is None else title}}
    if summary:
        m["entry"]["summary"] = summary
    print(aid + "\t" + json.dumps(m, ensure_ascii=False))
page("cookie-wall", en_page, zh_feed, "zh")
page("good", good, zh_feed, "zh")
page("empty", "<html><body><p>hi</p></body></html>", "", "zh")
page("flash", flash, "", "zh")
page("bad-meta", bad_meta, "", "zh")
page("untitled", good, "", "zh", title="")
named = good.replace("<html>", '<html><head><meta property="og:site_name" content="Example News"></head>')
page("site-named", named, "", "zh", title="北辰科技发布新一代推理芯片 - Example News")
gone = "<html><head><title>页面不存在 - Example News</title></head><body><p>" + "您访问的页面不存在或已被删除，请返回首页继续浏览其他新闻。" * 3 + "</p></body></html>"
page("gone-with-teaser", gone, zh_feed, "zh")
page("gone", gone.replace("页面不存在", "Page not found"), "", "zh")
PY
kcat -b "$TEST_KAFKA_BOOTSTRAP" -P -t "$ns.pages" -K '	' <"$work/pages.tsv"
ep=$(free_port)
start extractor precis-extractor --config "$cfg" --http.listen="127.0.0.1:$ep"
wait_until 60 topic_has_at_least "$ns.articles" 7 || fail "$(topic_count "$ns.articles") articles of 7"
wait_until 30 topic_has_at_least "$ns.deadletter" 2 || fail "no dead letter for the empty page or the missing one"
kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.articles" -e -q -f '%s\n' | precis proto check article >/dev/null ||
	fail "an article breaks its contract"
kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.articles" -e -q -f '%s\n' | python3 -c '
import json, sys
a = {m["url"].rsplit("/", 1)[1]: m for m in map(json.loads, sys.stdin)}
w = a["cookie-wall"]
assert w["method"] == "feed" and "language" in w["fallback"] and w["lang"] == "zh", w
g = a["good"]
assert g["method"] == "dom" and "fallback" not in g and g["confidence"] > 0.5, g
assert a["flash"]["method"] == "dom", a["flash"]
b = a["bad-meta"]
assert not {"published", "updated", "author"} & set(b), b
u = a["untitled"]
assert u["title"].startswith("北辰科技今天在北京发布了新一代推理芯片") and len(u["title"]) <= 90, u["title"]
assert a["site-named"]["title"] == "北辰科技发布新一代推理芯片", a["site-named"]["title"]
m = a["gone-with-teaser"]
assert m["method"] == "feed" and "missing" in m["fallback"] and "北辰科技" in m["text"], m
assert "gone" not in a, a["gone"]
' || fail "the gate did not hold: $(kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.articles" -e -q -f '%s\n' | cut -c1-300)"
kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.deadletter" -e -q -f '%s\n' |
	grep -q 'no usable text at https://zh.example/empty from the page or the feed: no paragraph of prose' ||
	fail "the empty page's dead letter does not say why"
kcat -b "$TEST_KAFKA_BOOTSTRAP" -C -t "$ns.deadletter" -e -q -f '%s\n' |
	grep -q 'no usable text at https://zh.example/gone from the page or the feed: the page says it is missing' ||
	fail "the missing page's dead letter does not say it is missing"
[ "$(topic_count "$ns.deadletter")" = 2 ] || fail "$(topic_count "$ns.deadletter") dead letters, the empty page's and the missing one's expected"
metric_is "$ep" 'precis_not_articles_total{outcome="dead_letter"}' 2 &&
	metric_is "$ep" 'precis_not_articles_total{outcome="feed"}' 1 ||
	fail "the missing pages are not counted: $(scrape "$ep" /metrics | grep not_articles)"
grep -q 'gone-with-teaser: the page says it is missing .*using the feed' "$work/extractor.log" ||
	fail "the log does not say why the feed's text stood in"
echo "extract gate: other-language pages give way to the feed, empty and missing ones are dead-lettered"

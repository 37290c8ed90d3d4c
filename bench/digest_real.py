#!/usr/bin/env python3
"""The digest on real pages: the harness behind bench/digest_real.sh.

  digest_real.py serve CORPORA WORK [--pages N]
      Picks about N news pages with truth text from the corpora (English and
      Chinese, many sites), gunzips them under WORK/site and groups them into
      outlets: RSS feeds whose items carry only a title (the page's own
      <title>, site name and all, as real feeds do) and a link at the page's
      real host. Serves them all from an HTTP proxy on 127.0.0.1 that
      forwards nothing (its address in WORK/proxy). Writes WORK/precis.yml
      and WORK/manifest.json, then WORK/ready, and serves until killed.

  digest_real.py score WORK DIGEST_JSON RUN_LOG EXTRACT_JSONL
      Scores the digest against the manifest and prints one table.

Nothing here goes into the repository: the pages are read from the corpora
at run time and written to a temporary folder.
"""
import gzip
import html
import json
import os
import re
import sys
import urllib.parse
from collections import Counter, defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# (set, language, pages to take, pages per outlet). News and article sets with
# a full truth text; the order of ids is the corpus's, every k-th page taken.
SETS = [
    ("l3s-gn1", "en", 160, 40),
    ("wcxb-articles", "en", 100, 34),
    ("cleanportaleval", "en", 40, 0),  # 0: one outlet per real site (id prefix)
    ("dragnet", "en", 40, 40),
    ("cx-netease-zh", "zh", 74, 37),
    ("readability-testpages", "zh", 4, 0),
    ("newspaper4k-tests", "zh", 3, 0),
]
ZH_MISC = "zh-misc"  # the few Chinese pages of the last two sets: one outlet


def truth_rows(corpora, name, lang, want):
    rows = []
    with open(os.path.join(corpora, name, "truth.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            text = r.get("text_fulltext") or r.get("text") or ""
            if r.get("lang") != lang or r.get("synthetic") or len(text.strip()) < 50:
                continue
            rows.append(r)
    step = max(1, len(rows) // want)
    return rows[::step][:want]


def decode(raw):
    """The page's text as a browser would read it, near enough for a <title>."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = re.search(rb'charset=["\']?([A-Za-z0-9_-]+)', raw[:4096], re.I)
    cs = m.group(1).decode("ascii").lower() if m else "cp1252"
    if cs in ("gb2312", "gbk"):
        cs = "gb18030"
    try:
        return raw.decode(cs, errors="replace")
    except LookupError:
        return raw.decode("cp1252", errors="replace")


def page_title(raw):
    m = re.search(r"<title[^>]*>(.*?)</title>", decode(raw), re.I | re.S)
    return " ".join(html.unescape(m.group(1)).split()) if m else ""


def host_of(name, r):
    """The host a page was published on: its real one where the corpus says."""
    host = re.sub(r"^https?://([^/:?#]+).*", r"\1", r.get("url") or "").lower()
    if host:
        return host
    if name == "cx-netease-zh":
        return "money.163.com"  # every page of the set is from one site
    return "%s-%s.example" % (name, re.sub(r"[^a-z0-9]+", "-", r["id"].lower()))


def plan(corpora, work, total):
    scale = total / sum(s[2] for s in SETS)
    outlets = defaultdict(list)  # outlet name -> pages
    for name, lang, want, per in SETS:
        rows = truth_rows(corpora, name, lang, max(1, round(want * scale)))
        for i, r in enumerate(rows):
            if name in ("readability-testpages", "newspaper4k-tests"):
                outlet = ZH_MISC
            elif per == 0:
                outlet = "%s %s" % (name, r["id"].rsplit("_", 1)[0])
            else:
                outlet = "%s %d" % (name, i // per + 1)
            raw = gzip.open(os.path.join(corpora, name, r["file"])).read()
            local = os.path.join(work, "site", name, re.sub(r"[^A-Za-z0-9_.-]", "_", r["id"]) + ".html")
            os.makedirs(os.path.dirname(local), exist_ok=True)
            with open(local, "wb") as f:
                f.write(raw)
            host = host_of(name, r)
            outlets[outlet].append({
                "set": name, "id": r["id"], "lang": lang, "file": local, "site": host,
                "link": "http://%s/precis-bench/%s/%s.html" % (host, name, os.path.basename(local)[:-5]),
                "title": page_title(raw),
                "truth_title": r.get("title") or r.get("headline") or r.get("meta_title") or "",
                "truth_url": r.get("url") or "",
                "truth": r.get("text_fulltext") or r.get("text"),
            })
    return outlets


def rss(title, link, pages):
    items = "".join("<item><title>%s</title><link>%s</link></item>\n" %
                    (html.escape(p["title"]), html.escape(p["link"])) for p in pages)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            "<title>%s</title><link>%s</link>\n%s</channel></rss>\n" %
            (html.escape(title), html.escape(link), items)).encode("utf-8")


def serve(corpora, work, total):
    """The pages at their real hosts and each outlet's feed at a host of its
    own, all from one HTTP proxy on 127.0.0.1 that answers from the files and
    forwards nothing: precis fetches through it (http_proxy), so an outlet's
    articles share a host and an aggregator's feed links to many, as on the
    web, and no request leaves the machine."""
    outlets = plan(corpora, work, total)
    served, sources, manifest = {}, [], {}  # (host, path) -> (bytes or file, type)
    for k, (name, pages) in enumerate(sorted(outlets.items())):
        for p in pages:
            u = urllib.parse.urlsplit(p["link"])
            served[(u.hostname, u.path)] = (p["file"], "text/html")
            manifest[p["link"]] = dict(p, outlet=name)
        host = "feeds.%s.example" % re.sub(r"[^a-z0-9]+", "-", name.lower())
        served[(host, "/feed.xml")] = (rss(name, "http://%s/" % host, pages),
                                      "application/rss+xml; charset=utf-8")
        sources.append("  - {name: \"%s\", url: \"http://%s/feed.xml\", lang: %s, weight: %d}" %
                       (name, host, pages[0]["lang"], 1 + k % 5))

    class Proxy(BaseHTTPRequestHandler):
        def do_GET(self):
            u = urllib.parse.urlsplit(self.path)
            found = served.get(((u.hostname or "").lower(), u.path))
            if not found:
                self.send_error(404)
                return
            body, ctype = found
            if isinstance(body, str):
                with open(body, "rb") as f:
                    body = f.read()
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    proxy = ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    with open(os.path.join(work, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False)
    with open(os.path.join(work, "precis.yml"), "w", encoding="utf-8") as f:
        f.write("publisher:\n  title: precis on real pages\n  lang: en\n  highlights: 10\n"
                "fetcher:\n  allow_private: [127.0.0.1]\n  host_delay_ms: 0\n"
                "  host_concurrency: 4\n  concurrency: 32\n"
                "sources:\n%s\n" % "\n".join(sources))
    with open(os.path.join(work, "proxy"), "w") as f:
        f.write("http://127.0.0.1:%d\n" % proxy.server_address[1])
    open(os.path.join(work, "ready"), "w").close()
    proxy.serve_forever()


# ---- scoring ----

# " - ", " | ", "_" and the like, and "Label: " ("AFP: ...", "IOL: ...").
SEPARATORS = re.compile(r"\s+[-|–—:·»/]+\s+|\s*[_｜|]\s*|\s+::\s+|(?<=\w): +")


def tokens(s):
    """Lowercased Latin words, and Han character bigrams."""
    out = re.findall(r"[a-z0-9]+", s.lower())
    han = re.findall(r"[\u3400-\u9fff]+", s)
    for run in han:
        out += [run[i:i + 2] for i in range(len(run) - 1)] or [run]
    return out


def not_in_article(point, truth_tokens):
    t = tokens(point.rstrip("…"))
    if not t:
        return True
    return sum(1 for x in t if x in truth_tokens) / len(t) < 0.8


def site_segments(outlet_pages):
    """Title segments repeated across different pages of one outlet: its name."""
    seen = Counter()
    for p in outlet_pages:
        segs = {s.strip().lower() for s in SEPARATORS.split(p["title"]) if s.strip()}
        seen.update(segs)
    return {s for s, n in seen.items() if n >= 3}


def keeps_site_name(headline, page, repeated):
    """A first or last title segment that names the site: repeated across the
    outlet's titles, its host name, or the segment the truth title lacks."""
    segs = [s.strip().lower() for s in SEPARATORS.split(headline) if s.strip()]
    if len(segs) < 2:
        return False
    host = re.sub(r"^www\.", "", re.sub(r"^https?://([^/]+).*", r"\1", page["truth_url"])).lower()
    truth = set(tokens(page["truth_title"]))
    for i in (0, len(segs) - 1):
        s = segs[i]
        if s in repeated or (host and (s == host or s.replace(" ", "") in host.replace(".", ""))):
            return True
        rest = set(tokens(" ".join(segs[:i] + segs[i + 1:])))
        if truth and rest and len(rest & truth) / len(rest | truth) >= 0.6 and not set(tokens(s)) <= truth:
            return True
    return False


def copies(a, b):
    """Two truth texts that are one text (a press release on two sites)."""
    def shingles(t):
        t = tokens(t)
        return {tuple(t[i:i + 5]) for i in range(max(1, len(t) - 4))}
    x, y = shingles(a), shingles(b)
    return len(x & y) >= 0.5 * min(len(x), len(y))


def pct(v, q):
    if not v:
        return 0
    v = sorted(v)
    return v[min(len(v) - 1, int(q / 100.0 * len(v)))]


def score(work, digest_path, log_path, extract_path):
    manifest = json.load(open(os.path.join(work, "manifest.json"), encoding="utf-8"))
    digest = json.load(open(digest_path, encoding="utf-8"))
    by_outlet = defaultdict(list)
    for p in manifest.values():
        by_outlet[p["outlet"]].append(p)
    repeated = {o: site_segments(ps) for o, ps in by_outlet.items()}
    extracted = {}
    with open(extract_path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            extracted[r.get("file", "")] = len(r.get("text", ""))

    reached, merged, points, bad_points, site_heads, longer = set(), [], [], [], [], []
    multi, multi_ids = 0, set()
    for it in digest["items"]:
        urls = [s["url"] for s in it["sources"]]
        reached.update(urls)
        if len(urls) > 1:
            multi += 1
            multi_ids.add(it["id"])
            texts = [manifest[u]["truth"] for u in urls if u in manifest]
            if not all(copies(texts[0], t) for t in texts[1:]):
                merged.append(it)
        page = manifest.get(urls[0])
        if not page:
            continue
        truth = set(tokens(page["truth"]))
        for kp in it["key_points"]:
            points.append(len(kp))
            if not_in_article(kp, truth):
                bad_points.append((page["id"], kp))
        if keeps_site_name(it["headline"], page, repeated[page["outlet"]]):
            site_heads.append(it["headline"])
        art = extracted.get(page["file"])
        if art and sum(len(k) for k in it["key_points"]) > art:
            longer.append(page["id"])

    dead = Counter()
    with open(log_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.search(r"dead-lettering offset \d+ of partition \d+: (.*)", line)
            if m:
                reason = re.sub(r" trace=\w+$", "", m.group(1).strip())
                reason = re.sub(r" at \S+", "", reason)  # the page's URL
                reason = re.sub(r"'[^']*'", "'…'", reason)
                reason = re.sub(r"\d+", "N", reason)
                dead[reason[:64]] += 1
    st = digest["stats"]
    n, ndead = len(manifest), sum(dead.values())
    lost = [u for u in manifest if u not in reached]
    rows = [
        ("pages served", n),
        ("pages that reached the digest", "%d (%.1f%%)" % (n - len(lost), 100.0 * (n - len(lost)) / n)),
        ("dead letters", ndead),
    ]
    rows += [("  dead: " + r, c) for r, c in dead.most_common()]
    rows += [
        ("lost without a dead letter", max(0, len(lost) - ndead)),
        ("digest items", len(digest["items"])),
        ("items with more than one source", multi),
        ("  of them wrong merges (not copies of one text)", len(merged)),
        ("key points", len(points)),
        ("key points not in the truth text", "%d (%.1f%%)" % (len(bad_points), 100.0 * len(bad_points) / max(1, len(points)))),
        ("headlines that keep a site name", "%d (%.1f%%)" % (len(site_heads), 100.0 * len(site_heads) / max(1, len(digest["items"])))),
        ("key point chars p10 / p50 / p90", "%d / %d / %d" % (pct(points, 10), pct(points, 50), pct(points, 90))),
        ("stats line: original / condensed chars", "%d / %d" % (st["original_chars"], st["condensed_chars"])),
        ("stats line: reading efficiency", "%d%%" % st["efficiency_percent"]),
        ("condensation (original / condensed)", "%.1fx" % (st["original_chars"] / max(1, st["condensed_chars"]))),
        ("summaries longer than their article", len(longer)),
        ("highlights / of them multi-source / with no topic emoji (📰)", "%d / %d / %d" % (
            len(digest["highlights"]), sum(1 for h in digest["highlights"] if h["id"] in multi_ids),
            sum(1 for h in digest["highlights"] if h["emoji"] == "\U0001f4f0"))),
    ]
    width = max(len(r[0]) for r in rows)
    print("== digest of %d real pages from %d outlets" % (n, len(by_outlet)))
    for k, v in rows:
        print("%-*s  %s" % (width, k, v))
    if os.environ.get("DIGEST_REAL_SHOW"):
        show = int(os.environ["DIGEST_REAL_SHOW"])
        print("\n-- wrong merges")
        for it in merged[:show]:
            print("  %s" % " + ".join(manifest.get(s["url"], {}).get("id", s["url"]) for s in it["sources"]))
        print("-- key points not in the truth text")
        for pid, kp in bad_points[:show]:
            print("  [%s] %s" % (pid, kp))
        print("-- headlines with a site name")
        for h in site_heads[:show]:
            print("  %s" % h)
        print("-- highlights")
        for h in digest["highlights"]:
            print("  %s %s" % (h["headline"], h["emoji"]))
        print("-- lost pages")
        for u in lost[:show]:
            print("  %s %s" % (manifest[u]["set"], manifest[u]["id"]))


def main(argv):
    if len(argv) >= 3 and argv[0] == "serve":
        total = int(argv[argv.index("--pages") + 1]) if "--pages" in argv else 400
        serve(argv[1], argv[2], total)
    elif len(argv) == 5 and argv[0] == "score":
        score(*argv[1:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])

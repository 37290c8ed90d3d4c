#!/usr/bin/env python3
"""precis' extractor beside trafilatura, readability-lxml and Readability.js on
every extraction set of the shared corpora that has truth; driven by
bench/extract_real.sh, which builds precis and says what each option does.

Scoring is the corpora's own tools/score_extraction.py (imported, not copied):
bag-of-tokens F1 against "text", the snippet score against "with"/"without".

Each extractor gets the page's raw bytes (no charset hint: none was served)
and its URL from truth, on one core, and its CPU time per page is measured
around the extraction call alone (reading files and turning HTML output into
text are outside it):
  precis            bench-extract --list (extract_html from the library)
  trafilatura       trafilatura.extract(bytes, url=URL, include_comments=False)
  readability-lxml  Document(bytes, url=URL).summary(), its documented usage
  readability.js    new Readability(new JSDOM(Buffer, {url, contentType:
                    "text/html"}).window.document).parse().content
The two Readabilities return HTML; html_text() below makes it text, a line
per block, the same way for both.

Stdlib only, except in worker mode (--worker NAME LIST OUT), which runs
inside the peers' virtualenv.
"""
import argparse
import collections
import datetime
import gzip
import hashlib
import html.parser
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time

# Peers, pinned (installed by bench/peers.sh). Bump FORMAT when what is
# cached for a peer changes meaning.
PIP_PINS = ["trafilatura==2.3.1", "lxml==6.1.3", "lxml_html_clean==0.4.6", "readability-lxml==0.9"]
NPM_PINS = ["@mozilla/readability@0.6.0", "jsdom@29.1.1"]
NODE_BATCH = 10
FORMAT = 1
EXTRACTORS = ["precis", "trafilatura", "readability-lxml", "readability.js"]
_pip, _npm = dict(x.split("==") for x in PIP_PINS), dict(x.rsplit("@", 1) for x in NPM_PINS)
VERSIONS = {"trafilatura": _pip["trafilatura"], "readability-lxml": _pip["readability-lxml"],
            "readability.js": "%s+jsdom-%s" % (_npm["@mozilla/readability"], _npm["jsdom"])}

# ---------------------------------------------------------------- worker mode


def worker(name, listpath, outpath):
    """Runs one Python peer over LIST ("key<TAB>file<TAB>url" lines), appending
    {"key", "text" or "html", "cpu_s", "error"?} lines to OUT as it goes."""
    if name == "trafilatura":
        import trafilatura

        def run(raw, url):
            return "text", trafilatura.extract(raw, url=url, include_comments=False) or ""
    else:
        from readability import Document

        def run(raw, url):
            return "html", Document(raw, url=url).summary()
    with open(listpath, encoding="utf-8") as f, open(outpath, "a", encoding="utf-8") as out:
        for line in f:
            key, path, url = line.rstrip("\n").split("\t")
            with open(path, "rb") as page:
                raw = page.read()
            rec = {"key": key}
            t = time.process_time()
            try:
                kind, value = run(raw, url or None)
                rec[kind] = value
            except Exception as e:  # a peer's failure is an empty output, noted
                rec["error"] = "%s: %s" % (type(e).__name__, str(e)[:200])
            rec["cpu_s"] = time.process_time() - t
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            out.flush()


# ------------------------------------------------------------------- helpers

class _Text(html.parser.HTMLParser):
    BLOCK = set("address article aside blockquote br dd details div dl dt figcaption figure footer form h1 h2 h3 "
                "h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul"
                .split())
    SKIP = {"script", "style", "noscript", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(fragment):
    """The text of an HTML fragment: a line per block, spaces collapsed."""
    p = _Text()
    p.feed(fragment or "")
    p.close()
    lines = (" ".join(ln.split()) for ln in "".join(p.parts).split("\n"))
    return "\n".join(ln for ln in lines if ln)


def load_scorer(corpora):
    spec = importlib.util.spec_from_file_location("score_extraction",
                                                  os.path.join(corpora, "tools", "score_extraction.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def pinned():
    return ["taskset", "-c", "0"] if shutil.which("taskset") else []


def log(msg):
    print(msg, file=sys.stderr, flush=True)


class Page:
    __slots__ = ("set", "id", "lang", "url", "truth", "gz", "key", "path", "bytes", "m")


def load_pages(corpora, cache, sets, lang):
    """Every page with truth, synthetic ones left out, decompressed once into
    the cache under a key made of its bytes and URL."""
    pages, found = [], []
    for name in sorted(os.listdir(corpora)):
        truth = os.path.join(corpora, name, "truth.jsonl")
        if not os.path.isfile(truth):
            continue
        rows = [json.loads(ln) for ln in open(truth, encoding="utf-8") if ln.strip()]
        if not rows or "id" not in rows[0] or not str(rows[0].get("file", "")).endswith(".html.gz"):
            continue  # a feed set
        found.append(name)
        if sets and name not in sets:
            continue
        for r in rows:
            if r.get("synthetic") or (lang and (r.get("lang") or "und") not in lang):
                continue
            if r.get("text") is None and not r.get("with") and not r.get("without"):
                continue
            p = Page()
            p.set, p.id, p.lang, p.url, p.truth = name, str(r["id"]), r.get("lang") or "und", r.get("url") or "", r
            p.gz, p.m = os.path.join(corpora, name, r["file"]), {}
            pages.append(p)
    if sets:
        unknown = sorted(set(sets) - set(found))
        if unknown:
            sys.exit("no such extraction set: %s (there are: %s)" % (", ".join(unknown), ", ".join(found)))
    os.makedirs(os.path.join(cache, "pages"), exist_ok=True)
    for p in pages:
        with open(p.gz, "rb") as f:
            gz = f.read()
        p.key = hashlib.sha256(gz + b"\n" + p.url.encode()).hexdigest()[:24]
        p.path = os.path.join(cache, "pages", p.key + ".html")
        if not os.path.exists(p.path):
            tmp = p.path + ".%d" % os.getpid()
            with open(tmp, "wb") as f:
                f.write(gzip.decompress(gz))
            os.replace(tmp, p.path)
        p.bytes = os.path.getsize(p.path)
    return pages, found


# -------------------------------------------------------------------- precis

def run_precis(pages, bindir, work):
    """bench-extract --list over every page: {key: record}, and its summary lines."""
    lst, out = os.path.join(work, "precis.list"), os.path.join(work, "precis.jsonl")
    with open(lst, "w", encoding="utf-8") as f:
        for p in pages:
            f.write("%s\t%s\t%s\n" % (p.key, p.path, p.url))
    log("precis: %d pages through bench-extract" % len(pages))
    res = subprocess.run(pinned() + [os.path.join(bindir, "bench-extract"), "--list", lst, out],
                         capture_output=True, text=True)
    if res.returncode:
        sys.exit("bench-extract failed: %s" % res.stderr.strip())
    recs = {}
    for ln in open(out, encoding="utf-8"):
        r = json.loads(ln)
        recs[r["id"]] = r
    return recs, res.stdout.strip().splitlines()


def run_precis_cli(pages, bindir, here):
    """`precis extract --format json` over every page in one process, as a user
    runs it (files read, JSON written; one --url for all, so none): pages/s
    and MB/s over its CPU time on one core, and its peak RSS."""
    res = subprocess.run([sys.executable, os.path.join(here, "measure.py"), "--any-exit", os.devnull] + pinned()
                         + [os.path.join(bindir, "precis"), "extract", "--format", "json"] + [p.path for p in pages],
                         capture_output=True, text=True, check=True)
    wall, cpu, rss, rc = res.stdout.split()
    cpu, mb = float(cpu), sum(p.bytes for p in pages) / 1048576
    return ("precis extract (one process, reads files, writes JSON): pages/s %.0f   MB/s %.1f   cpu %.2f s   "
            "wall %s s   peak RSS %s MB%s" % (len(pages) / cpu, mb / cpu, cpu, wall, rss,
                                            "" if rc in ("0", "1") else "   (exit %s)" % rc))


# --------------------------------------------------------------------- peers

def install(cache, what, pins):
    """The peers' python (what "venv") or node_modules (what "node_modules")
    holding pins, installed once by bench/peers.sh, or None and why."""
    res = subprocess.run(["bash", os.path.join(os.path.dirname(os.path.abspath(__file__)), "peers.sh"), what]
                         + pins, env=dict(os.environ, PRECIS_BENCH_CACHE=cache), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    for ln in res.stderr.splitlines():
        log(ln)
    if res.returncode:
        return None, (res.stderr.strip().splitlines() or ["peers.sh failed"])[-1]
    return res.stdout.strip(), None


def peer_cache_file(cache, name, setname):
    d = os.path.join(cache, "out", "%s-%s-f%d" % (name, VERSIONS[name], FORMAT))
    os.makedirs(d, exist_ok=True)
    return os.path.join(d, setname + ".jsonl")


def load_peer_cache(cache, name, setname):
    recs, path = {}, peer_cache_file(cache, name, setname)
    if os.path.exists(path):
        for ln in open(path, encoding="utf-8"):
            try:
                r = json.loads(ln)
                recs[r["key"]] = r
            except (ValueError, KeyError):
                pass  # a line cut short by an interrupted run
    return recs


def run_peer(name, todo, cache, work, here, logdir):
    """Runs peer NAME over pages todo on one core; returns {key: record} with
    text, cpu_s and when. A worker that dies is restarted after the page it
    died on, which is recorded as an error. What the peer says on stderr goes
    to NAME.log in logdir."""
    if name == "readability.js":
        modules, why = install(cache, "node_modules", NPM_PINS)
        if not modules:
            log("readability.js: skipped: " + why)
            return {}
        cmd = ["node", os.path.join(here, "extract_readability.cjs")]
        env = dict(os.environ, NODE_PATH=modules)
    else:
        python, why = install(cache, "venv", PIP_PINS)
        if not python:
            sys.exit("%s: %s" % (name, why))
        cmd = [python, os.path.abspath(__file__), "--worker", name]
        env = None
    got, left, when = {}, list(todo), datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    log("%s: %d pages to extract (the others are cached)" % (name, len(todo)))
    t0, shown = time.monotonic(), 0
    # jsdom keeps some 25 MB of every window after close() on node 20, which
    # slows each later page more: a fresh node every NODE_BATCH pages.
    size = NODE_BATCH if name == "readability.js" else len(todo)
    while left:
        batch = left[:size]
        lst, out = os.path.join(work, name + ".list"), os.path.join(work, name + ".out")
        with open(lst, "w", encoding="utf-8") as f:
            for p in batch:
                f.write("%s\t%s\t%s\n" % (p.key, p.path, p.url))
        open(out, "w").close()
        with open(os.path.join(logdir, name + ".log"), "a") as err:
            rc = subprocess.call(pinned() + cmd + [lst, out], env=env, stderr=err)
        for ln in open(out, encoding="utf-8"):
            try:
                r = json.loads(ln)
            except ValueError:
                continue
            r["text"] = html_text(r.pop("html")) if "html" in r else r.get("text") or ""
            r["when"] = when
            got[r["key"]] = r
        for p in batch:  # cached as it goes, so an interrupted run keeps what it did
            if p.key in got:
                with open(peer_cache_file(cache, name, p.set), "a", encoding="utf-8") as f:
                    f.write(json.dumps(got[p.key], ensure_ascii=False) + "\n")
        rest = [p for p in batch if p.key not in got]
        if rest and not rc:
            sys.exit("%s: wrote nothing for %d pages" % (name, len(rest)))
        if rest:
            log("%s: exited %d on %s/%s; going on after it" % (name, rc, rest[0].set, rest[0].id))
            got[rest[0].key] = {"key": rest[0].key, "text": "", "cpu_s": 0.0, "when": when,
                                "error": "worker exited %d" % rc}
        left = [p for p in left if p.key not in got]
        if len(todo) - len(left) >= shown + 250 and left:
            shown = len(todo) - len(left)
            log("%s: %d of %d pages, %.0f s" % (name, shown, len(todo), time.monotonic() - t0))
    failed = sum(1 for r in got.values() if r.get("error"))
    log("%s: done in %.0f s%s" % (name, time.monotonic() - t0, "; it failed on %d pages (%s)" % (
        failed, os.path.join(logdir, name + ".log")) if failed else ""))
    return got


# ------------------------------------------------------------------- scoring

def scores(sc, page, text):
    r, m = page.truth, {}
    if r.get("text") is not None:
        m["precision"], m["recall"], m["f1"] = sc.prf(text, r["text"])
    if r.get("with") or r.get("without"):
        m.update(sc.snippet_scores(text, r.get("with") or [], r.get("without") or []))
    m["main"] = m["f1"] if "f1" in m else m.get("snippets", 0.0)
    return m


def mean(xs):
    return sum(xs) / len(xs) if xs else None


def fmt(x, spec="%.3f"):
    return "-" if x is None else spec % x


HEAD = "%-17s %-6s %5s %6s %6s %6s %6s %5s %5s %8s %6s" % (
    "extractor", "lang", "pages", "F1", "P", "R", "snip", "<0.5", "empty", "pages/s", "MB/s")


def row(name, label, group, res):
    """One table line: extractor name over pages group (list of Page) from res[name]."""
    recs = res.get(name, {})
    have = [p for p in group if p.key in recs]
    if len(have) < len(group):
        return "%-17s %-6s %5d   (%s)" % (name, label, len(group),
                                          "not run" if not have else "%d pages not in its cache" % (
                                              len(group) - len(have)))
    ms = [p.m[name] for p in group]
    f1 = [m["f1"] for m in ms if "f1" in m]
    cpu = sum(recs[p.key].get("cpu_s", 0.0) for p in group)
    mb = sum(p.bytes for p in group) / 1048576
    return "%-17s %-6s %5d %6s %6s %6s %6s %5d %5d %8s %6s" % (
        name, label, len(group), fmt(mean(f1)), fmt(mean([m["precision"] for m in ms if "precision" in m])),
        fmt(mean([m["recall"] for m in ms if "recall" in m])),
        fmt(mean([m["snippets"] for m in ms if "snippets" in m])),
        sum(1 for m in ms if m["main"] < 0.5), sum(1 for p in group if not (recs[p.key].get("text") or "").strip()),
        fmt(len(group) / cpu if cpu else None, "%.1f"), fmt(mb / cpu if cpu else None, "%.2f"))


def table(title, groups, res, out):
    out.append("")
    out.append("== " + title)
    out.append(HEAD)
    for label, group in groups:
        for name in EXTRACTORS:
            out.append(row(name, label, group, res))


def by_lang(pages, fold_under=0):
    langs = collections.defaultdict(list)
    for p in pages:
        langs[p.lang].append(p)
    big = sorted((l for l in langs if len(langs[l]) >= fold_under), key=lambda l: (-len(langs[l]), l))
    small = [p for l in langs if len(langs[l]) < fold_under for p in langs[l]]
    groups = [(l, langs[l]) for l in big]
    if small:
        groups.append(("other", small))
    return groups


# ----------------------------------------------------------------------- main

def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        return worker(*sys.argv[2:5])
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", required=True)
    ap.add_argument("--cache", required=True)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--sets", default="")
    ap.add_argument("--lang", default="")
    ap.add_argument("--only", default="")
    ap.add_argument("--fresh", action="store_true")
    ap.add_argument("--worst", type=int, default=0)
    ap.add_argument("--compare", default="")
    a = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    only = [x for x in a.only.split(",") if x]
    for x in only:
        if x not in EXTRACTORS:
            sys.exit("--only: no extractor %s (there are: %s)" % (x, ", ".join(EXTRACTORS)))
    run = only or EXTRACTORS
    sets = [x for x in a.sets.split(",") if x]
    langs = [x for x in a.lang.split(",") if x]
    sc = load_scorer(a.corpora)

    os.makedirs(a.results, exist_ok=True)
    pages, _ = load_pages(a.corpora, a.cache, sets, langs)
    if not pages:
        sys.exit("no pages to measure")
    log("%d pages from %d sets, %.1f MB" % (len(pages), len({p.set for p in pages}),
                                            sum(p.bytes for p in pages) / 1048576))
    res, speed = {}, []
    if "precis" in run:
        res["precis"], lib = run_precis(pages, a.bin, a.work)
        names = {p.key: "%s/%s" % (p.set, p.id) for p in pages}
        lib = [re.sub(r"\b[0-9a-f]{24}\b", lambda m: names.get(m.group(0), m.group(0)), ln) for ln in lib]
        speed.append("precis library (bench-extract, extract_html alone): " + lib[0])
        speed.append("  " + lib[1])
        speed.append(run_precis_cli(pages, a.bin, here))
    for name in EXTRACTORS[1:]:
        recs = {}
        for s in sorted({p.set for p in pages}):
            recs.update(load_peer_cache(a.cache, name, s))
        if name in run:
            todo = [p for p in pages if a.fresh or p.key not in recs]
            if todo:
                recs.update(run_peer(name, todo, a.cache, a.work, here, a.results))
        res[name] = {p.key: recs[p.key] for p in pages if p.key in recs}

    for name, recs in res.items():
        for p in pages:
            if p.key in recs:
                p.m[name] = scores(sc, p, recs[p.key].get("text") or "")

    out = []
    stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    out.append("precis extract_real, %s; peers: trafilatura %s, readability-lxml %s, readability.js %s" % (
        stamp, VERSIONS["trafilatura"], VERSIONS["readability-lxml"], VERSIONS["readability.js"]))
    out.append("F1, P, R: bag-of-tokens means over pages with text truth; snip: snippet score over pages with"
               " with/without snippets; <0.5: pages whose F1 (else snippet score) is below 0.5; empty: empty"
               " outputs; pages/s and MB/s: CPU time of the extraction call, one core")
    for s in sorted({p.set for p in pages}):
        group = [p for p in pages if p.set == s]
        kind = sorted({" + ".join(k for k, has in (("text", p.truth.get("text") is not None),
                                                   ("snippets", p.truth.get("with") or p.truth.get("without")))
                                  if has) + (" (%s)" % p.truth["truth_kind"] if p.truth.get("truth_kind") else "")
                       for p in group})
        groups = [("all", group)]
        if len({p.lang for p in group}) > 1:
            groups += by_lang(group, fold_under=3)
        table("%s (%d pages; truth: %s)" % (s, len(group), ", ".join(kind)), groups, res, out)
    if len({p.set for p in pages}) > 1:
        en = [p for p in pages if p.lang == "en"]
        groups = [("en", en)] if en else []
        groups += [(l, g) for l, g in by_lang(pages, fold_under=3) if l != "en"]
        table("all sets taken together, by language", [("all", pages)] + groups, res, out)
    if "precis" in res:
        out += confidence_lines(pages, res["precis"])
    out.append("")
    out.append("== speed over all %d pages (%.1f MB), one core" % (len(pages), sum(p.bytes for p in pages) / 1048576))
    cpus = {}
    for name in EXTRACTORS:
        recs = res.get(name, {})
        if recs and all(p.key in recs for p in pages):
            cpus[name] = sum(recs[p.key].get("cpu_s", 0.0) for p in pages)
            whens = sorted({r.get("when") for r in recs.values() if r.get("when")})
            errs = sum(1 for p in pages if recs[p.key].get("error"))
            out.append("%-17s pages/s %8.1f   MB/s %6.2f   cpu %7.1f s%s%s" % (
                name, len(pages) / cpus[name], sum(p.bytes for p in pages) / 1048576 / cpus[name], cpus[name],
                "   failures %d" % errs if errs else "",
                "   (measured %s)" % ", ".join(whens) if name != "precis" and whens else ""))
    if "precis" in cpus and "readability-lxml" in cpus:
        out.append("precis is %.1fx readability-lxml's pages/s (issue #11 asks for 5x or more)" %
                   (cpus["readability-lxml"] / cpus["precis"]))
    out += speed

    os.makedirs(a.results, exist_ok=True)
    res = {name: recs for name, recs in res.items() if recs}
    for name, recs in res.items():
        with open(os.path.join(a.results, name + ".tsv"), "w", encoding="utf-8") as f:
            cols = ["f1", "precision", "recall", "snippets", "with", "without"]
            f.write("set\tid\tlang\tbytes\tcpu_ms\t%s\tout_chars\terror\n" % "\t".join(cols))
            for p in pages:
                if p.key not in recs:
                    continue
                r = recs[p.key]
                f.write("%s\t%s\t%s\t%d\t%.2f\t%s\t%d\t%s\n" % (
                    p.set, p.id, p.lang, p.bytes, r.get("cpu_s", 0.0) * 1000,
                    "\t".join("%.4f" % p.m[name][c] if c in p.m[name] else "" for c in cols),
                    len(r.get("text") or ""), (r.get("error") or "").replace("\t", " ").replace("\n", " ")))
    if "precis" in res:
        with open(os.path.join(a.results, "precis.jsonl"), "w", encoding="utf-8") as f:
            for p in pages:
                r = res["precis"][p.key]
                f.write(json.dumps({"set": p.set, "id": p.id, "url": p.url, "file": p.path, "title": r.get("title"),
                                    "lang": r.get("lang"), "confidence": r.get("confidence"),
                                    "not_article": r.get("not_article"), "text": r.get("text")}, ensure_ascii=False) + "\n")
    if a.worst and "precis" in res:
        out += worst(pages, res, a.worst)
    if a.compare and "precis" in res:
        out += compare(pages, a.compare)
    out.append("")
    out.append("per-page scores in %s: %s%s" % (a.results, ", ".join(n + ".tsv" for n in res),
                                                 "; precis' texts: precis.jsonl" if "precis" in res else ""))
    with open(os.path.join(a.results, "table.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print("\n".join(out))


def main_score(p, name):
    """A page's F1, else its snippet score, else None."""
    m = p.m.get(name, {})
    return m.get("f1", m.get("snippets"))


def confidence_lines(pages, recs):
    """Whether precis' confidence tells good extractions from doubtful ones:
    the pages on each side of the extractor service's gate (MIN_CONFIDENCE
    in services/extractor/extractor.c)."""
    gate, out = 0.35, ["", "== precis' confidence against its score"]
    for label, keep in (("under %.2f" % gate, lambda c: c < gate), ("%.2f or over" % gate, lambda c: c >= gate)):
        got = [main_score(p, "precis") for p in pages if p.key in recs and keep(recs[p.key].get("confidence", 0.0))]
        got = [x for x in got if x is not None]
        out.append("confidence %-12s pages %5d   mean score %s   under 0.5 %d" % (
            label, len(got), fmt(mean(got)), sum(x < 0.5 for x in got)))
    said = [main_score(p, "precis") for p in pages if p.key in recs and recs[p.key].get("not_article")]
    said = [x for x in said if x is not None]
    out.append("said no article         pages %5d   mean score %s   under 0.5 %d" % (
        len(said), fmt(mean(said)), sum(x < 0.5 for x in said)))
    return out


def worst(pages, res, n):
    """precis' n worst pages, with the best peer's score beside each."""
    out = ["", "== precis' %d worst pages (main score: F1, else snippets), with the best peer's" % n,
           "%-22s %-44s %-4s %7s %7s  %s" % ("set", "id", "lang", "precis", "best", "peer")]
    ranked = sorted(pages, key=lambda p: (p.m["precis"]["main"], p.set, p.id))
    for p in ranked[:n]:
        peers = [(p.m[x]["main"], x) for x in EXTRACTORS[1:] if x in p.m]
        best = max(peers) if peers else (None, "-")
        out.append("%-22s %-44s %-4s %7.3f %7s  %s" % (p.set, p.id[:44], p.lang, p.m["precis"]["main"],
                                                     fmt(best[0]), best[1]))
    return out


def compare(pages, old):
    """Pages whose precis score moved since an earlier run's precis.tsv."""
    path = os.path.join(old, "precis.tsv") if os.path.isdir(old) else old
    before = {}
    with open(path, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for ln in f:
            r = dict(zip(head, ln.rstrip("\n").split("\t")))
            v = r.get("f1") or r.get("snippets")
            if v:
                before[(r["set"], r["id"])] = float(v)
    moved = []
    for p in pages:
        if (p.set, p.id) in before:
            d = p.m["precis"]["main"] - before[(p.set, p.id)]
            if abs(d) >= 0.005:
                moved.append((d, p))
    moved.sort(key=lambda x: (x[0], x[1].set, x[1].id))
    out = ["", "== against %s: %d pages better, %d worse, %d compared" % (
        path, sum(1 for d, _ in moved if d > 0), sum(1 for d, _ in moved if d < 0),
        sum(1 for p in pages if (p.set, p.id) in before))]
    for d, p in moved[:15] + [x for x in moved[-15:] if x[0] > 0 and x not in moved[:15]]:
        out.append("%+7.3f  %-22s %s" % (d, p.set, p.id))
    return out


if __name__ == "__main__":
    main()

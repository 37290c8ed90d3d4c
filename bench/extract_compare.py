#!/usr/bin/env python3
"""precis' extractor beside trafilatura and readability-lxml on the corpus of
tests/fixtures/extract, scored the same way as extract_quality.py, with each
one's time over the corpus (all in one process each; the others are Python,
so precis' figure includes starting a process).

Needs a Python with trafilatura and readability-lxml (bench/extract_compare.sh
makes a virtualenv from PyPI). Usage: extract_compare.py [PRECIS_BINARY]
"""
import collections
import glob
import json
import os
import re
import subprocess
import sys
import time

import trafilatura
from readability import Document

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
precis = sys.argv[1] if len(sys.argv) > 1 else os.path.join(top, "build", "bin", "precis")
pages = sorted(glob.glob(os.path.join(top, "tests", "fixtures", "extract", "*.html")))


def tokens(text, zh):
    if zh:
        return collections.Counter(c for c in text if "\u3400" <= c <= "\u9fff")
    return collections.Counter(re.findall(r"[a-z0-9]+", text.lower()))


def html_text(fragment):
    import lxml.html
    return lxml.html.fromstring(fragment).text_content() if fragment.strip() else ""


def run_precis():
    out = subprocess.run([precis, "extract", "--format", "json"] + pages, capture_output=True, text=True, check=True).stdout
    got = {json.loads(l)["file"]: json.loads(l).get("text", "") for l in out.splitlines() if l.strip()}
    return [got[p] for p in pages]


def decode(p):
    raw = open(p, "rb").read()
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            pass
    return raw.decode("utf-8", "replace")


def run_trafilatura():
    return [trafilatura.extract(open(p, "rb").read(), include_tables=True, include_comments=False) or "" for p in pages]


def run_readability():
    return [html_text(Document(decode(p)).summary(html_partial=True)) for p in pages]


expected = [open(p[:-5] + ".txt", encoding="utf-8").read() for p in pages]
print("%-18s %-6s %9s %9s %9s %10s" % ("extractor", "lang", "precision", "recall", "F1", "seconds"))
for name, fn in (("precis", run_precis), ("trafilatura", run_trafilatura), ("readability-lxml", run_readability)):
    t = time.monotonic()
    texts = fn()
    secs = time.monotonic() - t
    for lang in ("en", "zh"):
        common = have = want = 0
        for p, text, exp in zip(pages, texts, expected):
            if not os.path.basename(p).startswith(lang):
                continue
            zh = lang == "zh"
            w, h = tokens(exp, zh), tokens(text, zh)
            common += sum((w & h).values())
            have += sum(h.values())
            want += sum(w.values())
        pr, rc = common / max(1, have), common / max(1, want)
        print("%-18s %-6s %9.3f %9.3f %9.3f %10.2f" % (name, lang, pr, rc, 2 * pr * rc / max(1e-9, pr + rc), secs))

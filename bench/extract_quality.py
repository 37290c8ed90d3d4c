#!/usr/bin/env python3
"""Extraction quality over tests/fixtures/extract: runs `precis extract
--format json` on every page and scores its text against the expected one,
token by token for English (lowercased words) and character by character for
Chinese (Han characters), as precision, recall and F1 over bags of tokens.

Usage: bench/extract_quality.py [PRECIS_BINARY]   (default build/bin/precis)
"""
import collections
import glob
import json
import os
import re
import subprocess
import sys

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
precis = sys.argv[1] if len(sys.argv) > 1 else os.path.join(top, "build", "bin", "precis")
pages = sorted(glob.glob(os.path.join(top, "tests", "fixtures", "extract", "*.html")))


def tokens(text, zh):
    if zh:
        return collections.Counter(c for c in text if "\u3400" <= c <= "\u9fff")
    return collections.Counter(re.findall(r"[a-z0-9]+", text.lower()))


out = subprocess.run([precis, "extract", "--format", "json"] + pages, capture_output=True, text=True, check=True).stdout
got = {json.loads(l)["file"]: json.loads(l) for l in out.splitlines() if l.strip()}
totals = collections.defaultdict(lambda: [0, 0, 0])
print("%-22s %6s %6s %6s" % ("page", "P", "R", "F1"))
for p in pages:
    name = os.path.basename(p)[:-5]
    zh = name.startswith("zh")
    want = tokens(open(p[:-5] + ".txt", encoding="utf-8").read(), zh)
    have = tokens(got[p].get("text", ""), zh)
    common = sum((want & have).values())
    prec = common / max(1, sum(have.values()))
    rec = common / max(1, sum(want.values()))
    f1 = 2 * prec * rec / max(1e-9, prec + rec)
    print("%-22s %6.3f %6.3f %6.3f" % (name, prec, rec, f1))
    lang = "zh" if zh else "en"
    totals[lang][0] += common
    totals[lang][1] += sum(have.values())
    totals[lang][2] += sum(want.values())
for lang, (common, have, want) in sorted(totals.items()):
    prec, rec = common / max(1, have), common / max(1, want)
    print("%s (%s-level, micro-averaged): precision %.3f  recall %.3f  F1 %.3f" % (
        lang, "character" if lang == "zh" else "token", prec, rec, 2 * prec * rec / max(1e-9, prec + rec)))

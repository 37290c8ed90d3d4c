#!/usr/bin/env python3
"""precis feed parse beside feedparser, feedsmith and rss-parser, per feed
set and per field: agreement with each set's truth (score_feeds.py), and
with feedparser everywhere (feedparser's output taken as the truth, scored
the same way). Run by feeds_compare.sh, which installs the peers.

Usage: feeds_compare.py --precis BIN --python PY --node-modules DIR
                        --work DIR [--corpora DIR] [--own DIR] [--show N]
A set is a folder with truth.jsonl in score_feeds.py's format; a truth row
may carry "charset_hint", the HTTP charset served with the file.
"""
import argparse
import collections
import datetime
import email.utils
import glob
import html
import json
import os
import re
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
FIELDS = ['parsed_ok', 'rejects_non_feed', 'entry_count', 'feed.title', 'feed.link',
          'entry.title', 'entry.link', 'entry.id', 'entry.published', 'entry.updated',
          'entry.summary', 'entry.content', 'entry.author', 'charset.must_contain']
PARSERS = ['precis', 'feedparser', 'feedsmith', 'rss-parser']


def truth_rows(path):
    return [json.loads(l) for l in open(path, encoding='utf-8') if l.strip()]


def hint_of(row):
    return row.get('charset_hint') or row['expected'].get('charset_hint') or ''


def run_precis(binary, rows, base, out):
    with open(out, 'w', encoding='utf-8') as f:
        for r in rows:
            cmd = [binary, 'feed', 'parse']
            if hint_of(r):
                cmd += ['--charset', hint_of(r)]
            p = subprocess.run(cmd + [os.path.join(base, r['file'])], capture_output=True)
            try:
                parsed = json.loads(p.stdout) if p.returncode == 0 else {'error': True}
            except ValueError:
                parsed = {'error': True}
            text = '\n'.join(strings(parsed, []))
            f.write(json.dumps({'file': r['file'], 'parsed': parsed, 'text': text},
                               ensure_ascii=False) + '\n')


def strings(v, acc):
    """Every string in a parsed feed, for the charset fixtures' must_contain."""
    if isinstance(v, str):
        acc.append(v)
    elif isinstance(v, dict):
        for x in v.values():
            strings(x, acc)
    elif isinstance(v, list):
        for x in v:
            strings(x, acc)
    return acc


def instant(s):
    if not isinstance(s, str) or not s.strip():
        return None
    try:
        dt = email.utils.parsedate_to_datetime(s.strip())
    except (TypeError, ValueError, IndexError):
        try:
            dt = datetime.datetime.fromisoformat(s.strip().replace('Z', '+00:00'))
        except ValueError:
            return squash(s)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=datetime.timezone.utc)
    return dt.timestamp()


def squash(s):
    return re.sub(r'\s+', ' ', s if isinstance(s, str) else str(s or '')).strip()


def score_inline(truth, preds):
    """score_feeds.py's rules, for when the corpora (and their scorer) are absent."""
    got = {}
    for l in open(preds, encoding='utf-8'):
        r = json.loads(l)
        got[r['file']] = r
    res = collections.defaultdict(lambda: [0, 0])

    def check(key, ok):
        res[key][0] += bool(ok)
        res[key][1] += 1

    def same(f, e, g):
        if f in ('published', 'updated'):
            return instant(e) == instant(g)
        if f in ('summary', 'content'):
            e = html.unescape(re.sub(r'<[^>]*>', ' ', e or ''))
            g = html.unescape(re.sub(r'<[^>]*>', ' ', g or ''))
        return squash(e) == squash(g)

    for t in truth_rows(truth):
        exp, p = t['expected'], got.get(t['file'], {})
        if t.get('format') == 'charset-fixture':
            for s in exp.get('must_contain', []):
                check('charset.must_contain', s in (p.get('text') or ''))
            continue
        g = p.get('parsed') or {}
        if exp.get('error'):
            check('rejects_non_feed', g.get('error'))
            continue
        check('parsed_ok', p and not g.get('error'))
        for f in ('title', 'link'):
            if f in exp:
                check('feed.' + f, same(f, exp[f], g.get(f)))
        if 'entries' in exp:
            ge = g.get('entries') or []
            check('entry_count', len(ge) == len(exp['entries']))
            for i, e in enumerate(exp['entries']):
                ent = ge[i] if i < len(ge) else {}
                for f, v in e.items():
                    check('entry.' + f, same(f, v, ent.get(f)))
    return {k: tuple(v) for k, v in res.items()}


def score(truth, preds, show, scorer):
    if not scorer:
        return score_inline(truth, preds)
    cmd = [sys.executable, scorer, truth, preds] + (['--show', str(show)] if show else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    res = {}
    for line in out.splitlines():
        parts = line.split()
        if line.startswith('MISMATCH'):
            print('   ', line[:300])
        elif len(parts) == 4 and parts[0] != 'check':
            res[parts[0]] = (int(parts[1]), int(parts[2]))
    return res


def as_truth(preds, rows, out):
    """feedparser's output as a truth file: its values become the expectations."""
    got = {}
    for l in open(preds, encoding='utf-8'):
        r = json.loads(l)
        got[r['file']] = r['parsed']
    with open(out, 'w', encoding='utf-8') as f:
        for r in rows:
            if r.get('format') == 'charset-fixture':
                continue
            p = got.get(r['file'], {'error': True})
            if p.get('error'):
                exp = {'error': True}
            else:
                exp = {k: v for k, v in p.items() if k != 'entries' and v}
                exp['entries'] = [{k: v for k, v in e.items() if v} for e in p['entries']]
            f.write(json.dumps({'file': r['file'], 'expected': exp}, ensure_ascii=False) + '\n')


TEXT = ('title', 'summary', 'content', 'author')


def as_text(s, plain=False):
    """A field's words: tags out, entities decoded, no white space at all.
    Plain text (precis' output) is text already: "<L29Ah>" in it is a word."""
    s = s if isinstance(s, str) else ''
    if not plain:
        s = html.unescape(re.sub(r'<[^>]*>', ' ', s))
    return re.sub(r'\s+', '', s)


def score_as_text(truth, preds, plain):
    """Text fields compared as text: markup and spacing around it do not count.
    precis gives plain text where the others give the feed's HTML, and the
    scorer's tags-to-spaces leaves "(<a>x</a>, y)" as "( x , y)" on one
    side only; this tells a different word from a different spacing."""
    got = {}
    for l in open(preds, encoding='utf-8'):
        r = json.loads(l)
        got[r['file']] = r.get('parsed') or {}
    res = collections.defaultdict(lambda: [0, 0])
    for t in truth_rows(truth):
        exp = t['expected']
        if t.get('format') == 'charset-fixture' or exp.get('error'):
            continue
        g = got.get(t['file'], {})
        for f in ('title',):
            if f in exp and '\ufffd' not in str(exp[f]):
                res['feed.' + f][0] += as_text(exp[f]) == as_text(g.get(f), plain)
                res['feed.' + f][1] += 1
        ge = g.get('entries') or []
        for i, e in enumerate(exp.get('entries', [])):
            ent = ge[i] if i < len(ge) else {}
            for f in TEXT:
                if f in e and '\ufffd' not in str(e[f]):
                    res['entry.' + f][0] += as_text(e[f]) == as_text(ent.get(f), plain)
                    res['entry.' + f][1] += 1
    return {k: tuple(v) for k, v in res.items()}


def table(title, results, parsers):
    print('\n' + title)
    print('%-22s' % 'field' + ''.join('%13s' % p for p in parsers) + '%9s' % 'n')
    for field in FIELDS:
        cells = [results[p].get(field) for p in parsers]
        if not any(cells):
            continue
        n = max(c[1] for c in cells if c)
        row = ''.join('%13s' % ('%.3f' % (c[0] / c[1]) if c and c[1] else '-') for c in cells)
        print('%-22s%s%9d' % (field, row, n))


def summary(results):
    """Per set and field: precis beside the best of the others. A field's
    share is the better of its two readings (the scorer's, and as text),
    for every parser alike: each reading has a flaw that costs some parser
    fields it got right (tags as spaces against plain text; "<b>" in a
    plain-text truth read as a tag)."""
    print('\n== summary: precis beside the best peer, agreement with the truth '
          '(the better of the two readings)')
    print('%-18s %-22s %8s %8s  %s' % ('set', 'field', 'precis', 'best', 'peer'))
    for name, truth, text in results:
        for field in FIELDS:
            share = {}
            for p in PARSERS:
                cells = [c for c in (truth[p].get(field), text[p].get(field)) if c and c[1]]
                if cells:
                    share[p] = max(c[0] / c[1] for c in cells)
            peers = [p for p in share if p != 'precis']
            if 'precis' not in share or not peers:
                continue
            best = max(peers, key=lambda p: share[p])
            mark = '' if share['precis'] >= share[best] - 1e-9 else '  <'
            print('%-18s %-22s %8.3f %8.3f  %s%s' % (name, field, share['precis'], share[best], best, mark))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--precis', required=True)
    ap.add_argument('--python', required=True)
    ap.add_argument('--node-modules', required=True)
    ap.add_argument('--work', required=True)
    ap.add_argument('--corpora')
    ap.add_argument('--own')
    ap.add_argument('--show', type=int, default=0, help='print the first N mismatches of precis')
    ap.add_argument('--only', help='run only the sets whose name contains this')
    a = ap.parse_args()
    scorer = os.path.join(a.corpora or '', 'tools', 'score_feeds.py')
    if not os.path.exists(scorer):
        print('(no %s: scoring with score_inline(), the same rules)' % scorer)
        scorer = None
    sets = []
    if a.corpora:
        sets += sorted(d for d in glob.glob(os.path.join(a.corpora, 'feeds-*'))
                       if os.path.exists(os.path.join(d, 'truth.jsonl')))
    if a.own:
        sets += sorted(d for d in glob.glob(os.path.join(a.own, '*'))
                       if os.path.exists(os.path.join(d, 'truth.jsonl')))
    if a.only:
        sets = [s for s in sets if a.only in os.path.basename(s)]
    results = []
    for s in sets:
        name = os.path.basename(s)
        rows = truth_rows(os.path.join(s, 'truth.jsonl'))
        work = os.path.join(a.work, name)
        os.makedirs(work, exist_ok=True)
        lst = os.path.join(work, 'list.tsv')
        with open(lst, 'w', encoding='utf-8') as f:
            for r in rows:
                f.write('%s\t%s\t%s\n' % (r['file'], os.path.join(s, r['file']), hint_of(r)))
        preds = {p: os.path.join(work, p + '.jsonl') for p in PARSERS}
        run_precis(a.precis, rows, s, preds['precis'])
        with open(preds['feedparser'], 'w') as f:
            subprocess.run([a.python, os.path.join(here, 'feeds_feedparser.py'), lst], stdout=f,
                           check=True)
        for p in ('feedsmith', 'rss-parser'):
            with open(preds[p], 'w') as f:
                subprocess.run(['node', os.path.join(here, 'feeds_peers.mjs'), a.node_modules, p,
                                lst], stdout=f, check=True)
        print('\n== %s (%d feeds)' % (name, len(rows)))
        truth = {p: score(os.path.join(s, 'truth.jsonl'), preds[p],
                          a.show if p == 'precis' else 0, scorer) for p in PARSERS}
        table('agreement with the truth', truth, PARSERS)
        as_text_truth = {p: score_as_text(os.path.join(s, 'truth.jsonl'), preds[p], p == 'precis')
                         for p in PARSERS}
        table('agreement with the truth, text fields as text', as_text_truth, PARSERS)
        results.append((name, truth, as_text_truth))
        fp_truth = os.path.join(work, 'feedparser-truth.jsonl')
        as_truth(preds['feedparser'], rows, fp_truth)
        others = [p for p in PARSERS if p != 'feedparser']
        agree = {p: score(fp_truth, preds[p], 0, scorer) for p in others}
        table('agreement with feedparser', agree, others)
        table('agreement with feedparser, text fields as text',
              {p: score_as_text(fp_truth, preds[p], p == 'precis') for p in others}, others)
    summary(results)


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
"""Python's feedparser on a list of feeds, for feeds_compare.sh.

Prints one JSON line per feed in score_feeds.py's prediction shape, plus
"text" (every string parsed, joined) for charset fixtures. feedparser reads
the bytes itself; the HTTP charset given with a file goes in as the
response's Content-Type. Dates are feedparser's parsed UTC time where it
parsed one, else the raw string.

Usage: feeds_feedparser.py LIST   (one "file<TAB>path<TAB>charset" line per feed)
"""
import calendar
import datetime
import json
import sys

import feedparser

from feeds_compare import strings


def when(entry, key):
    # dict.get: feedparser's own get() answers 'updated' with the published date.
    parsed = dict.get(entry, key + '_parsed')
    if parsed:
        t = datetime.datetime.fromtimestamp(calendar.timegm(parsed), datetime.timezone.utc)
        return t.strftime('%Y-%m-%dT%H:%M:%SZ')
    return dict.get(entry, key)


def parse(path, hint):
    headers = {}
    if hint:  # a bare label, or a whole Content-Type
        headers['content-type'] = hint if '/' in hint else 'application/xml; charset=' + hint
    with open(path, 'rb') as f:
        d = feedparser.parse(f.read(), response_headers=headers)
    if not d.get('version') and not d.entries:
        return {'error': True}
    out = {'title': d.feed.get('title'), 'link': d.feed.get('link'), 'entries': []}
    for e in d.entries:
        content = e.get('content')
        out['entries'].append({
            'title': e.get('title'), 'link': e.get('link'), 'id': e.get('id'),
            'published': when(e, 'published'), 'updated': when(e, 'updated'),
            'summary': e.get('summary'),
            'content': content[0].get('value') if content else None,
            'author': e.get('author'),
        })
    return out


def main():
    for line in open(sys.argv[1], encoding='utf-8'):
        if not line.strip():
            continue
        name, path, hint = (line.rstrip('\n').split('\t') + [''])[:3]
        try:
            parsed = parse(path, hint)
        except Exception:  # a crash counts as a rejected feed
            parsed = {'error': True}
        print(json.dumps({'file': name, 'parsed': parsed, 'text': '\n'.join(strings(parsed, []))},
                         ensure_ascii=False))


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
"""Writes feeds of our own making for bench/feeds_compare.sh: one feed per
date form (at three instants), per namespace and element, per encoding
(declared, undeclared, named by HTTP alone), per form of entry without a
link and per kind of broken markup, each set a folder with truth.jsonl in
the corpora's format (score_feeds.py), so every parser is scored the same
way on them. All text is written here.

Usage: make_feeds.py OUT_DIR
"""
import base64
import datetime as dt
import json
import os
import sys

UTC = dt.timezone.utc
INSTANTS = [dt.datetime(2024, 1, 5, 8, 30, 0, tzinfo=UTC), dt.datetime(2019, 7, 14, 23, 5, 9, tzinfo=UTC),
            dt.datetime(2025, 3, 9, 17, 45, 30, tzinfo=UTC)]
EN_MON = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split()
EN_DAY = 'Mon Tue Wed Thu Fri Sat Sun'.split()


def at(t, minutes):
    return t.astimezone(dt.timezone(dt.timedelta(minutes=minutes)))


def rfc822(t, zone_min=0, zone='+0000', weekday=True, seconds=True, year2=False, sep=' '):
    u = at(t, zone_min)
    s = '%s, ' % EN_DAY[u.weekday()] if weekday else ''
    s += '%02d%s%s%s%s %02d:%02d' % (u.day, sep, EN_MON[u.month - 1], sep,
                                     ('%02d' % (u.year % 100)) if year2 else u.year, u.hour, u.minute)
    if seconds:
        s += ':%02d' % u.second
    return s + (' ' + zone if zone else '')


def local(t, minutes, fmt):
    return at(t, minutes).strftime(fmt)


def foreign(months, days, zone_min, zone):
    def f(t):
        u = at(t, zone_min)
        return '%s, %02d %s %d %02d:%02d:%02d %s' % (days[u.weekday()], u.day, months[u.month - 1], u.year,
                                                     u.hour, u.minute, u.second, zone)
    return f


def ampm(t, zone_min, zone):
    u = at(t, zone_min)
    h = u.hour % 12 or 12
    return '%s %d, %d %d:%02d %s %s' % (EN_MON[u.month - 1], u.day, u.year, h, u.minute,
                                         'AM' if u.hour < 12 else 'PM', zone)


def korean(t):
    u = at(t, 540)
    h = u.hour % 12 or 12
    return '%d년 %d월 %d일 %s %d:%02d' % (u.year, u.month, u.day, '오전' if u.hour < 12 else '오후', h, u.minute)


# (form, lang of the feed, function of an instant -> text, precision: 'second', 'minute' or 'day')
DATE_FORMS = [
    ('rfc822', None, lambda t: rfc822(t), 'second'),
    ('rfc822-no-weekday', None, lambda t: rfc822(t, weekday=False, zone='GMT'), 'second'),
    ('rfc822-no-seconds', None, lambda t: rfc822(t, seconds=False, zone='GMT'), 'minute'),
    ('rfc822-two-digit-year', None, lambda t: rfc822(t, year2=True, zone='GMT'), 'second'),
    ('rfc850', None, lambda t: rfc822(t, sep='-', year2=True, zone='GMT'), 'second'),
    ('asctime', None, lambda t: t.strftime('%a %b ') + '%2d' % t.day + t.strftime(' %H:%M:%S %Y'), 'second'),
    ('zone-EST', None, lambda t: rfc822(t, -300, 'EST'), 'second'),
    ('zone-PDT', None, lambda t: rfc822(t, -420, 'PDT'), 'second'),
    ('zone-GMT+8', None, lambda t: rfc822(t, 480, 'GMT+8'), 'second'),
    ('zone-UTC+05:30', None, lambda t: rfc822(t, 330, 'UTC+05:30'), 'second'),
    ('zone-colon-offset', None, lambda t: rfc822(t, 480, '+08:00'), 'second'),
    ('zone-KST', None, lambda t: rfc822(t, 540, 'KST'), 'second'),
    ('zone-CST-chinese-feed', 'zh-cn', lambda t: rfc822(t, 480, 'CST'), 'second'),
    ('zone-CST-english-feed', 'en-us', lambda t: rfc822(t, -360, 'CST'), 'second'),
    ('no-zone', None, lambda t: rfc822(t, zone=''), 'second'),
    ('month-first-am-pm', None, lambda t: ampm(t, -300, 'EST'), 'minute'),
    ('rfc3339', None, lambda t: t.strftime('%Y-%m-%dT%H:%M:%SZ'), 'second'),
    ('rfc3339-fraction', None, lambda t: t.strftime('%Y-%m-%dT%H:%M:%S.250Z'), 'second'),
    ('rfc3339-offset', None, lambda t: local(t, 120, '%Y-%m-%dT%H:%M:%S+02:00'), 'second'),
    ('w3cdtf-minutes', None, lambda t: t.strftime('%Y-%m-%dT%H:%MZ'), 'minute'),
    ('w3cdtf-day', None, lambda t: t.strftime('%Y-%m-%d'), 'day'),
    ('w3cdtf-month', None, lambda t: t.strftime('%Y-%m'), 'month'),
    ('w3cdtf-year', None, lambda t: t.strftime('%Y'), 'year'),
    ('iso8601-basic', None, lambda t: t.strftime('%Y%m%dT%H%M%SZ'), 'second'),
    ('iso8601-basic-date', None, lambda t: t.strftime('%Y%m%d'), 'day'),
    ('space-for-T', None, lambda t: t.strftime('%Y-%m-%d %H:%M:%S'), 'second'),
    ('space-and-offset', None, lambda t: local(t, 480, '%Y-%m-%d %H:%M:%S +0800'), 'second'),
    ('sql', None, lambda t: t.strftime('%Y-%m-%d %H:%M:%S.0'), 'second'),
    ('slashes', None, lambda t: t.strftime('%Y/%m/%d %H:%M:%S'), 'second'),
    ('day.month.year', None, lambda t: t.strftime('%d.%m.%Y %H:%M'), 'minute'),
    ('no-zone-chinese-feed', 'zh-cn', lambda t: local(t, 480, '%Y-%m-%d %H:%M:%S'), 'second'),
    ('german', 'de', foreign('Jan Feb Mär Apr Mai Jun Jul Aug Sep Okt Nov Dez'.split(),
                             'Mo Di Mi Do Fr Sa So'.split(), 60, '+0100'), 'second'),
    ('spanish', 'es', foreign('ene feb mar abr may jun jul ago sep oct nov dic'.split(),
                              'lun mar mié jue vie sáb dom'.split(), 60, '+0100'), 'second'),
    ('french', 'fr', foreign('janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.'.split(),
                             'lun. mar. mer. jeu. ven. sam. dim.'.split(), 60, '+0100'), 'second'),
    ('portuguese', 'pt', foreign('jan fev mar abr mai jun jul ago set out nov dez'.split(),
                                 'Seg Ter Qua Qui Sex Sáb Dom'.split(), -180, '-0300'), 'second'),
    ('italian', 'it', foreign('gen feb mar apr mag giu lug ago set ott nov dic'.split(),
                              'lun mar mer gio ven sab dom'.split(), 60, '+0100'), 'second'),
    ('greek', 'el', foreign('Ιαν Φεβ Μάρ Απρ Μάι Ιούν Ιούλ Αύγ Σεπ Οκτ Νοέ Δεκ'.split(),
                            'Δευ Τρι Τετ Πεμ Παρ Σαβ Κυρ'.split(), 120, '+0200'), 'second'),
    ('hungarian', 'hu', lambda t: '%d. %s %d. %s' % (
        at(t, 60).year, 'január február március április május június július augusztus szeptember október '
        'november december'.split()[at(t, 60).month - 1], at(t, 60).day, at(t, 60).strftime('%H:%M +0100')),
     'minute'),
    ('russian', 'ru', lambda t: '%d %s %d г. %s' % (
        at(t, 180).day, 'января февраля марта апреля мая июня июля августа сентября октября ноября '
        'декабря'.split()[at(t, 180).month - 1], at(t, 180).year, at(t, 180).strftime('%H:%M MSK')), 'minute'),
    ('korean', 'ko', korean, 'minute'),
    ('chinese', 'zh-cn', lambda t: '%d年%d月%d日 %s' % (at(t, 480).year, at(t, 480).month, at(t, 480).day,
                                                     at(t, 480).strftime('%H:%M')), 'minute'),
    ('japanese', 'ja', lambda t: '%d年%d月%d日 %d時%02d分' % (at(t, 540).year, at(t, 540).month, at(t, 540).day,
                                                          at(t, 540).hour, at(t, 540).minute), 'minute'),
    ('junk-around', None, lambda t: 'Published: %s (updated)' % rfc822(t, zone='GMT'), 'second'),
    ('white-space-around', None, lambda t: '\n   %s \n' % t.strftime('%Y-%m-%dT%H:%M:%SZ'), 'second'),
]


def truncated(t, precision):
    t = t.replace(microsecond=0)
    if precision in ('minute', 'day', 'month', 'year'):
        t = t.replace(second=0)
    if precision in ('day', 'month', 'year'):
        t = t.replace(hour=0, minute=0)
    if precision in ('month', 'year'):
        t = t.replace(day=1)
    if precision == 'year':
        t = t.replace(month=1)
    return t


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def rss(items, lang=None, ns='', head=''):
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"%s><channel><title>Own feed</title>'
            '<link>https://own.example/</link>%s%s\n%s</channel></rss>\n'
            % (ns, '<language>%s</language>' % lang if lang else '', head, items))


def atom(entries, ns=''):
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"%s>'
            '<title>Own feed</title><link href="https://own.example/"/>\n%s</feed>\n' % (ns, entries))


class Set:
    def __init__(self, out, name):
        self.dir = os.path.join(out, name)
        os.makedirs(os.path.join(self.dir, 'feeds'), exist_ok=True)
        self.rows = []

    def add(self, name, data, expected, fmt='rss', hint=None):
        path = 'feeds/%s' % name
        with open(os.path.join(self.dir, path), 'wb') as f:
            f.write(data if isinstance(data, bytes) else data.encode('utf-8'))
        row = {'file': path, 'format': fmt, 'expected': expected, 'truth_kind': 'generated'}
        if hint:
            row['charset_hint'] = hint
        self.rows.append(row)

    def close(self):
        with open(os.path.join(self.dir, 'truth.jsonl'), 'w', encoding='utf-8') as f:
            for r in self.rows:
                f.write(json.dumps(r, ensure_ascii=False) + '\n')
        return len(self.rows)


def rdf(items, lang=None):
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            '<title>Own feed</title><link>https://own.example/</link>%s</channel>\n%s</rdf:RDF>\n'
            % ('<dc:language>%s</dc:language>' % lang if lang else '', items))


def dates(out):
    """Each form at each instant twice: in RSS 2.0's pubDate and in RSS 1.0's dc:date."""
    s = Set(out, 'own-dates')
    for form, lang, fn, precision in DATE_FORMS:
        for k, t in enumerate(INSTANTS):
            want = truncated(t, precision).strftime('%Y-%m-%dT%H:%M:%SZ')
            exp = {'entries': [{'title': '%s %d' % (form, k), 'published': want}]}
            item = ('<item><title>%s %d</title><link>https://own.example/%s/%d</link>'
                    '<pubDate>%s</pubDate></item>' % (form, k, form, k, esc(fn(t))))
            s.add('%s-%d.xml' % (form, k), rss(item, lang), exp)
            item = ('<item rdf:about="https://own.example/%s/%d"><title>%s %d</title><link>https://own.example/'
                    '%s/%d</link><dc:date>%s</dc:date></item>' % (form, k, form, k, form, k, esc(fn(t))))
            s.add('%s-%d.rdf' % (form, k), rdf(item, lang), exp, 'rdf')
    return s.close()


NS = {
    'content': 'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
    'dc': 'xmlns:dc="http://purl.org/dc/elements/1.1/"',
    'itunes': 'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"',
    'media': 'xmlns:media="http://search.yahoo.com/mrss/"',
    'dcterms': 'xmlns:dcterms="http://purl.org/dc/terms/"',
}


def namespaces(out):
    s = Set(out, 'own-namespaces')
    when = '2024-01-05T08:30:00Z'
    cases = [
        ('content-encoded', 'content', '<title>A</title><description>Teaser.</description>'
         '<content:encoded><![CDATA[<p>Full text of the story.</p>]]></content:encoded>',
         {'title': 'A', 'summary': 'Teaser.', 'content': '<p>Full text of the story.</p>'}),
        ('content-encoded-undeclared', '', '<title>A</title><content:encoded>&lt;p&gt;Full.&lt;/p&gt;'
         '</content:encoded>', {'title': 'A', 'content': '<p>Full.</p>'}),
        ('dc-creator', 'dc', '<title>A</title><dc:creator>Mara Quill</dc:creator>',
         {'title': 'A', 'author': 'Mara Quill'}),
        ('dc-date', 'dc', '<title>A</title><dc:date>2024-01-05T09:30:00+01:00</dc:date>',
         {'title': 'A', 'published': when}),
        ('dc-title-fallback', 'dc', '<dc:title>From DC</dc:title>', {'title': 'From DC'}),
        ('dc-identifier', 'dc', '<title>A</title><dc:identifier>urn:isbn:0-00-000000-0</dc:identifier>',
         {'title': 'A', 'id': 'urn:isbn:0-00-000000-0'}),
        ('dcterms-modified', 'dcterms', '<title>A</title><dcterms:modified>2024-01-05T08:30:00Z'
         '</dcterms:modified>', {'title': 'A', 'updated': when}),
        ('itunes-summary', 'itunes', '<title>Ep 1</title><itunes:summary>Show notes here.</itunes:summary>',
         {'title': 'Ep 1', 'summary': 'Show notes here.'}),
        ('itunes-author', 'itunes', '<title>Ep 1</title><itunes:author>The Host</itunes:author>',
         {'title': 'Ep 1', 'author': 'The Host'}),
        ('media-description', 'media', '<title>Clip</title><media:group><media:description>What it shows.'
         '</media:description></media:group>', {'title': 'Clip', 'summary': 'What it shows.'}),
        ('media-title-loses', 'media', '<media:title>Media title</media:title><title>Real title</title>',
         {'title': 'Real title'}),
        ('upper-case-elements', '', '<Title>Cased</Title><Link>https://own.example/c</Link>'
         '<PubDate>Fri, 05 Jan 2024 08:30:00 GMT</PubDate>',
         {'title': 'Cased', 'link': 'https://own.example/c', 'published': when}),
        ('mistyped-namespace', 'dc-mistyped', '<title>A</title><dc:creator>Mara Quill</dc:creator>',
         {'title': 'A', 'author': 'Mara Quill'}),
        ('rss-author-email-name', '', '<title>A</title><author>mara@own.example (Mara Quill)</author>',
         {'title': 'A', 'author': 'Mara Quill'}),
    ]
    for name, ns, body, exp in cases:
        decl = NS.get(ns, '') if ns != 'dc-mistyped' else 'xmlns:dc="http://purl.org/dc/elements/1.1"'
        s.add('rss-%s.xml' % name, rss('<item>%s</item>' % body, ns=' ' + decl if decl else ''),
              {'entries': [exp]})
    atom_cases = [
        ('author-name', '<title>A</title><author><name>Mara Quill</name><email>mara@own.example</email></author>',
         {'title': 'A', 'author': 'Mara Quill'}),
        ('author-email-only', '<title>A</title><author><email>mara@own.example</email></author>',
         {'title': 'A', 'author': 'mara@own.example'}),
        ('content-and-summary', '<title>A</title><summary>Short.</summary><content type="html">'
         '&lt;p&gt;Long.&lt;/p&gt;</content>', {'title': 'A', 'summary': 'Short.', 'content': '<p>Long.</p>'}),
        ('xhtml-content', '<title>A</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
         '<p>One &amp; two.</p></div></content>', {'title': 'A', 'content': '<p>One &amp; two.</p>'}),
        ('text-title', '<title type="text">a &lt;b&gt; c</title>', {'title': 'a <b> c'}),
        ('xml-base', '<title>A</title><link href="post.html"/>',
         {'title': 'A', 'link': 'https://base.own.example/blog/post.html'}),
        ('published-and-updated', '<title>A</title><published>2024-01-05T08:30:00Z</published>'
         '<updated>2024-01-06T08:30:00Z</updated>',
         {'title': 'A', 'published': when, 'updated': '2024-01-06T08:30:00Z'}),
    ]
    for name, body, exp in atom_cases:
        base = ' xml:base="https://base.own.example/blog/"' if name == 'xml-base' else ''
        s.add('atom-%s.xml' % name, atom('<entry%s>%s</entry>' % (base, body)), {'entries': [exp]}, 'atom')
    atom03 = ('<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title>'
              '<entry><title>E</title><issued>2024-01-05T08:30:00Z</issued><content type="text/html" '
              'mode="escaped">&lt;p&gt;Escaped.&lt;/p&gt;</content></entry><entry><title>B</title>'
              '<content type="text/plain" mode="base64">%s</content></entry></feed>'
              % base64.b64encode('Base64 body.'.encode()).decode())
    s.add('atom03-modes.xml', atom03, {'entries': [{'title': 'E', 'published': when, 'content': 'Escaped.'},
                                                   {'title': 'B', 'content': 'Base64 body.'}]}, 'atom')
    return s.close()


def encodings(out):
    s = Set(out, 'own-encodings')
    texts = {
        'ja': ('市議会が来年度の予算を承認', '交通と学校への支出は増えるが、中小企業への税金は据え置かれる。'),
        'ko': ('시의회, 내년도 예산 승인', '교통과 학교 지출은 늘어나지만 중소기업 세금은 그대로 유지된다.'),
        'ru': ('Городской совет утвердил бюджет', 'Расходы на транспорт и школы вырастут, а налоги останутся.'),
        'zh': ('市议会批准明年预算', '交通和学校的支出将增加，而小企业的税收保持不变。'),
        'tw': ('市議會批准明年預算', '交通和學校的支出將增加，而小企業的稅收保持不變。'),
        'fr': ('Le conseil approuve le budget', 'Les dépenses des écoles augmenteront, a déclaré le maire.'),
        'el': ('Το συμβούλιο ενέκρινε τον προϋπολογισμό', 'Οι δαπάνες για τα σχολεία θα αυξηθούν.'),
    }
    encs = [('euc-jp', 'ja'), ('shift_jis', 'ja'), ('euc-kr', 'ko'), ('windows-1251', 'ru'), ('koi8-r', 'ru'),
            ('gbk', 'zh'), ('gb18030', 'zh'), ('big5', 'tw'), ('windows-1252', 'fr'), ('iso-8859-7', 'el'),
            ('utf-8', 'fr')]
    for enc, lang in encs:
        title, para = texts[lang]
        items = ''.join('<item><title>%s %d</title><link>https://own.example/%s/%d</link><description>%s'
                        '</description></item>' % (title, k, enc, k, para) for k in range(3))
        exp = {'title': 'Own feed', 'entries': [{'title': '%s %d' % (title, k), 'summary': para}
                                                for k in range(3)]}
        for how in ('declared', 'undeclared', 'http'):
            doc = rss(items).replace('encoding="utf-8"', 'encoding="%s"' % enc if how == 'declared' else '')
            s.add('%s-%s.xml' % (enc, how), doc.encode(enc), exp, hint=enc if how == 'http' else None)
    return s.close()


def linkless(out):
    s = Set(out, 'own-linkless')
    cases = [
        ('title-only', '<item><title>Flash: rates held</title></item>', {'title': 'Flash: rates held'}),
        ('guid-not-permalink', '<item><guid isPermaLink="false">flash-1042</guid><description>Rates held.'
         '</description></item>', {'id': 'flash-1042', 'summary': 'Rates held.'}),
        ('description-only', '<item><description>Only words.</description></item>', {'summary': 'Only words.'}),
        ('enclosure-only', '<item><title>Ep. 3</title><enclosure url="https://own.example/3.mp3" '
         'type="audio/mpeg" length="1"/></item>', {'title': 'Ep. 3'}),
        ('permalink-guid', '<item><guid>https://own.example/a/1</guid><title>G</title></item>',
         {'title': 'G', 'id': 'https://own.example/a/1', 'link': 'https://own.example/a/1'}),
    ]
    for name, item, exp in cases:
        s.add('rss-%s.xml' % name, rss(item + '<item><title>linked</title><link>https://own.example/l</link>'
                                       '</item>'), {'entries': [exp, {'title': 'linked', 'link': 'https://own.example/l'}]})
    s.add('atom-id-only.xml', atom('<entry><id>urn:uuid:5e0c</id><title>Brief</title></entry>'),
          {'entries': [{'id': 'urn:uuid:5e0c', 'title': 'Brief'}]}, 'atom')
    s.add('atom-self-link-only.xml', atom('<entry><id>tag:own.example,2026:7</id><title>Seven</title>'
                                          '<link rel="self" href="https://own.example/s/7"/></entry>'),
          {'entries': [{'id': 'tag:own.example,2026:7', 'title': 'Seven'}]}, 'atom')
    s.add('json-id-only.json', json.dumps({'version': 'https://jsonfeed.org/version/1.1', 'title': 'J',
                                           'items': [{'id': 'j1', 'content_text': 'Text only.'}]}),
          {'title': 'J', 'entries': [{'id': 'j1', 'content': 'Text only.'}]}, 'json')
    return s.close()


def broken(out):
    s = Set(out, 'own-broken')
    three = lambda mid: rss('<item><title>One</title><link>https://own.example/1</link></item>' + mid +
                            '<item><title>Three</title><link>https://own.example/3</link></item>')
    cases = [
        ('bare-ampersand-link', three('<item><title>Two</title><link>https://own.example/?a=1&b=2</link></item>'),
         {'title': 'Two', 'link': 'https://own.example/?a=1&b=2'}),
        ('bare-ampersand-title', three('<item><title>Tom & Jerry</title><link>https://own.example/2</link>'
                                       '</item>'), {'title': 'Tom & Jerry'}),
        ('unclosed-b-in-title', three('<item><title>Big <b>news</title><link>https://own.example/2</link>'
                                      '</item>'), {'link': 'https://own.example/2'}),
        ('unclosed-title', three('<item><title>Open<link>https://own.example/2</link></item>'),
         {'link': 'https://own.example/2'}),
        ('html-entity', three('<item><title>Caf&eacute; &mdash; open</title></item>'), {'title': 'Café — open'}),
        ('control-character', three('<item><title>Bell\x07 rings</title></item>'), {'title': 'Bell rings'}),
        ('deep-nesting', three('<item><title>Two</title><description>%sbottom%s</description></item>'
                               % ('<div>' * 300, '</div>' * 300)), {'title': 'Two'}),
        ('warning-before-declaration', '<b>Warning</b>: x\n' + three('<item><title>Two</title></item>'),
         {'title': 'Two'}),
    ]
    for name, doc, exp in cases:
        s.add('%s.xml' % name, doc, {'entries': [{'title': 'One'}, exp, {'title': 'Three'}]})
    return s.close()


def main():
    out = sys.argv[1]
    n = sum(f(out) for f in (dates, namespaces, encodings, linkless, broken))
    print('%d feeds of our own in %s' % (n, out))


if __name__ == '__main__':
    main()

// feedsmith and rss-parser (npm) on a list of feeds, for feeds_compare.sh.
// Prints one JSON line per feed in score_feeds.py's prediction shape:
// {"file", "parsed": {"title", "link", "entries": [...]}} or {"error": true},
// plus "text" (every string parsed, joined) for charset fixtures.
//
// Both take a string, not bytes: the bytes are decoded as a careful caller
// would, by the byte order mark, else the HTTP charset given with the file,
// else the XML declaration, else as UTF-8 (TextDecoder, WHATWG labels).
//
// Usage: node feeds_peers.mjs NODE_MODULES_DIR feedsmith|rss-parser LIST
// where LIST has one "file<TAB>path<TAB>charset" line per feed.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [modules, which, list] = process.argv.slice(2);
const require = createRequire(path.join(modules, 'x.js'));

function decode(bytes, hint) {
	const b = bytes;
	if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder('utf-8').decode(b);
	if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b);
	if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b);
	const head = b.subarray(0, 512).toString('latin1');
	const m = /^<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/.exec(head);
	for (const label of [hint, m && m[1]]) {
		if (!label) continue;
		try {
			return new TextDecoder(label.replace(/^.*charset=/i, '').trim()).decode(b);
		} catch (e) { /* an unknown label: try the next */ }
	}
	return new TextDecoder('utf-8').decode(b);
}

const str = (v) => (v === undefined || v === null ? undefined :
	typeof v === 'object' ? (v.value !== undefined ? String(v.value) : v._ !== undefined ? String(v._) : undefined) : String(v));
const first = (a) => (Array.isArray(a) && a.length ? a[0] : undefined);

function atomLink(links) {
	if (!Array.isArray(links)) return undefined;
	const alt = links.find((l) => !l.rel || l.rel === 'alternate') || undefined;
	return alt && alt.href;
}

function person(p) {
	if (!p) return undefined;
	if (typeof p === 'string') return p;
	return p.name || p.email;
}

function feedsmith(text) {
	const { parseFeed } = require('feedsmith');
	const { format, feed } = parseFeed(text);
	const out = { title: str(feed.title), entries: [] };
	if (format === 'atom') {
		out.link = atomLink(feed.links);
		for (const e of feed.entries || [])
			out.entries.push({ title: str(e.title), link: atomLink(e.links), id: str(e.id),
				published: str(e.published) || str(first(e.dc && e.dc.dates)),
				updated: str(e.updated), summary: str(e.summary), content: str(e.content),
				author: person(first(e.authors)) || first(e.dc && e.dc.creators) });
	} else if (format === 'json') {
		out.link = feed.home_page_url;
		for (const e of feed.items || [])
			out.entries.push({ title: e.title, link: e.url || e.external_url, id: e.id !== undefined ? String(e.id) : undefined,
				published: e.date_published, updated: e.date_modified, summary: e.summary,
				content: e.content_html || e.content_text,
				author: person(first(e.authors) || e.author) });
	} else { // rss, rdf
		out.link = feed.link;
		for (const e of feed.items || [])
			out.entries.push({ title: str(e.title), link: e.link, id: str(e.guid),
				published: str(e.pubDate) || str(first(e.dc && e.dc.dates)),
				summary: str(e.description), content: e.content && e.content.encoded,
				author: first(e.dc && e.dc.creators) || person(first(e.authors)) });
	}
	return out;
}

async function rssParser(text) {
	const Parser = require('rss-parser');
	const feed = await new Parser().parseString(text);
	const out = { title: feed.title, link: feed.link, entries: [] };
	const atom = /<feed[\s>]/.test(text.slice(0, 4096)) && !/<rss[\s>]/.test(text.slice(0, 4096));
	for (const e of feed.items || [])
		out.entries.push({ title: e.title, link: e.link, id: e.guid || e.id,
			published: e.isoDate || e.pubDate, summary: atom ? e.summary : e.content,
			content: atom ? e.content : e['content:encoded'], author: e.creator || e.author });
	return out;
}

function strings(v, acc) {
	if (typeof v === 'string') acc.push(v);
	else if (v && typeof v === 'object') for (const k of Object.keys(v)) strings(v[k], acc);
	return acc;
}

for (const line of fs.readFileSync(list, 'utf8').split('\n')) {
	if (!line) continue;
	const [file, p, hint] = line.split('\t');
	let parsed;
	try {
		const text = decode(fs.readFileSync(p), hint);
		parsed = which === 'feedsmith' ? feedsmith(text) : await rssParser(text);
	} catch (e) {
		parsed = { error: true };
	}
	process.stdout.write(JSON.stringify({ file, parsed, text: strings(parsed, []).join('\n') }) + '\n');
}

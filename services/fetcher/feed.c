#include "feed.h"

#include <ctype.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "charset.h"
#include "date.h"
#include "html.h"
#include "text.h"
#include "url.h"
#include "common.h"

#define FEED_TEXT_MAX (1024 * 1024)

static int named(xmlNodePtr n, const char *local)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, local);
}

static int in_ns(xmlNodePtr n, const char *fragment)
{
	return n->ns && n->ns->href && strstr((const char *)n->ns->href, fragment);
}

/*
 * The plain text of a feed field (NULL for none or empty). Feeds put HTML in
 * titles and descriptions, escaped or in CDATA: html strips it.
 */
static char *field_text(const char *s, int html)
{
	struct buf b;

	if (!s)
		return NULL;
	buf_init(&b, FEED_TEXT_MAX);
	if (html)
		html_fragment_text(s, strlen(s), &b);
	else
		text_append_clean(&b, s, strlen(s));
	buf_rtrim(&b);
	if (!b.len) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

static char *node_text(xmlNodePtr n, int html)
{
	xmlChar *raw = xmlNodeGetContent(n);
	char *t = field_text((const char *)raw, html);

	xmlFree(raw);
	return t;
}

static void set_once(char **field, char *value)
{
	if (!value)
		return;
	if (*field) {
		free(value);
		return;
	}
	*field = value;
}

static char *date_of(const char *raw)
{
	char out[32];
	int64_t ms;

	if (!raw || date_parse(raw, &ms))
		return NULL;
	/* A date in the future beyond a little clock skew is a publisher's mistake. */
	if (ms > now_ms() + 15 * 60 * 1000)
		ms = now_ms();
	time_iso8601(ms, out, sizeof(out));
	return xstrdup(out);
}

static char *date_text(xmlNodePtr n)
{
	char *raw = node_text(n, 0), *d = date_of(raw);

	free(raw);
	return d;
}

static char *resolved(const char *base, xmlNodePtr n, const char *raw)
{
	xmlChar *xbase = n ? xmlNodeGetBase(n->doc, n) : NULL;
	char *abs;

	abs = url_resolve(xbase ? (const char *)xbase : base, raw);
	if (xbase)
		xmlFree(xbase);
	return abs;
}

static void parse_entry(xmlNodePtr item, const char *url, struct feed_entry *e)
{
	for (xmlNodePtr c = item->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (named(c, "title")) {
			set_once(&e->title, node_text(c, 1));
		} else if (named(c, "link")) {
			const char *href = (const char *)xmlGetProp(c, (const xmlChar *)"href");
			xmlChar *rel = xmlGetProp(c, (const xmlChar *)"rel");

			if (href) { /* Atom */
				if (!rel || !strcmp((const char *)rel, "alternate"))
					set_once(&e->link, resolved(url, c, href));
				xmlFree((xmlChar *)href);
			} else {
				char *t = node_text(c, 0);

				if (t)
					set_once(&e->link, resolved(url, c, t));
				free(t);
			}
			if (rel)
				xmlFree(rel);
		} else if (named(c, "guid") || named(c, "id")) {
			set_once(&e->id, node_text(c, 0));
		} else if (named(c, "description") || named(c, "summary")) {
			set_once(&e->summary, node_text(c, 1));
		} else if (named(c, "encoded") || named(c, "content")) {
			set_once(&e->content, node_text(c, 1));
		} else if (named(c, "pubDate") || named(c, "published") || named(c, "issued") ||
			   named(c, "created") || (named(c, "date") && in_ns(c, "purl.org/dc"))) {
			set_once(&e->published, date_text(c));
		} else if (named(c, "updated") || named(c, "modified")) {
			set_once(&e->updated, date_text(c));
		} else if (named(c, "author") || named(c, "creator")) {
			xmlNodePtr name = c->children;

			while (name && !named(name, "name"))
				name = name->next;
			set_once(&e->author, node_text(name ? name : c, 0));
		}
	}
	if (!e->link && e->id && (!strncmp(e->id, "http://", 7) || !strncmp(e->id, "https://", 8)))
		e->link = xstrdup(e->id);
}

static void collect(xmlNodePtr parent, const char *url, struct feed *f, int depth)
{
	for (xmlNodePtr c = parent->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (named(c, "item") || named(c, "entry")) {
			struct feed_entry e = { 0 };

			parse_entry(c, url, &e);
			if (!e.link) {
				free(e.title), free(e.id), free(e.summary), free(e.content),
					free(e.published), free(e.updated), free(e.author);
				continue;
			}
			f->entries = xrealloc(f->entries, (f->n + 1) * sizeof(e));
			f->entries[f->n++] = e;
		} else if (named(c, "channel") && depth == 0) {
			collect(c, url, f, depth + 1);
		} else if (named(c, "title") && !f->title) {
			f->title = node_text(c, 1);
		} else if (named(c, "link") && !f->link) {
			xmlChar *href = xmlGetProp(c, (const xmlChar *)"href");
			char *t = href ? xstrdup((const char *)href) : node_text(c, 0);

			if (t)
				f->link = resolved(url, c, t);
			free(t);
			if (href)
				xmlFree(href);
		}
	}
}

/* ---- JSON Feed 1.0 and 1.1 ---- */

static char *json_text(json_t *v, int html)
{
	return field_text(json_string_value(v), html);
}

static int json_feed(const char *data, size_t len, const char *url, struct feed *out,
	char *errstr, size_t errsize)
{
	json_error_t jerr;
	json_t *doc = json_loadb(data, len, 0, &jerr), *items, *item;
	const char *version;
	size_t i;

	if (!doc) {
		snprintf(errstr, errsize, "not a feed: invalid JSON (%s)", jerr.text);
		return -1;
	}
	version = json_string_value(json_object_get(doc, "version"));
	items = json_object_get(doc, "items");
	if (!version || strncmp(version, "https://jsonfeed.org/version/", 29) ||
		!json_is_array(items)) {
		snprintf(errstr, errsize, "not a feed: JSON without a jsonfeed.org version and items");
		json_decref(doc);
		return -1;
	}
	out->title = json_text(json_object_get(doc, "title"), 1);
	if (json_string_value(json_object_get(doc, "home_page_url")))
		out->link = url_resolve(url, json_string_value(json_object_get(doc, "home_page_url")));
	json_array_foreach(items, i, item) {
		struct feed_entry e = { 0 };
		const char *link = json_string_value(json_object_get(item, "url"));
		json_t *author = json_object_get(item, "author"), *authors;

		if (!link)
			link = json_string_value(json_object_get(item, "external_url"));
		if (!link) {
			const char *id = json_string_value(json_object_get(item, "id"));

			if (!id || (strncmp(id, "http://", 7) && strncmp(id, "https://", 8)))
				continue;
			link = id;
		}
		e.link = url_resolve(url, link);
		if (!e.link)
			continue;
		e.title = json_text(json_object_get(item, "title"), 1);
		e.id = json_text(json_object_get(item, "id"), 0);
		e.summary = json_text(json_object_get(item, "summary"), 1);
		e.content = json_text(json_object_get(item, "content_html"), 1);
		if (!e.content)
			e.content = json_text(json_object_get(item, "content_text"), 0);
		e.published = date_of(json_string_value(json_object_get(item, "date_published")));
		e.updated = date_of(json_string_value(json_object_get(item, "date_modified")));
		authors = json_object_get(item, "authors"); /* 1.1; "author" in 1.0 */
		if (!author && json_is_array(authors))
			author = json_array_get(authors, 0);
		e.author = json_text(json_object_get(author, "name"), 0);
		out->entries = xrealloc(out->entries, (out->n + 1) * sizeof(e));
		out->entries[out->n++] = e;
	}
	out->encoding = xstrdup("UTF-8");
	json_decref(doc);
	return 0;
}

/* ---- bytes to a parseable document ---- */

/*
 * The document's encoding, in the order RFC 7303 gives XML over HTTP: a
 * byte order mark, the HTTP charset, the XML declaration; then a guess.
 */
static const char *choose_encoding(const char *data, size_t len, const char *http_charset,
	size_t *skip)
{
	const char *enc = charset_bom(data, len, skip);
	char declared[64];

	if (enc)
		return enc;
	if ((enc = charset_canonical(http_charset)))
		return enc;
	charset_xml_declared(data, len, declared, sizeof(declared));
	if ((enc = charset_canonical(declared)))
		return enc;
	return charset_detect(data, len);
}

/*
 * Feeds use HTML's named entities (&nbsp; &eacute; &mdash;) that XML does not
 * know and a parser would drop; they become numeric references first.
 */
static void html_entities_to_numeric(const char *s, size_t len, struct buf *out)
{
	static const char *const xml_own[] = { "amp", "lt", "gt", "quot", "apos" };
	const char *p = s, *end = s + len;

	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		char name[33];
		size_t n = 0;
		const htmlEntityDesc *ent;
		int own = 0;

		if (!amp) {
			buf_add(out, p, (size_t)(end - p));
			break;
		}
		buf_add(out, p, (size_t)(amp - p));
		p = amp + 1;
		while (p + n < end && n < sizeof(name) - 1 && isalnum((unsigned char)p[n])) {
			name[n] = p[n];
			n++;
		}
		name[n] = '\0';
		for (size_t i = 0; i < ARRAY_SIZE(xml_own); i++)
			own |= !strcmp(name, xml_own[i]);
		if (n && p + n < end && p[n] == ';' && !own &&
			(ent = htmlEntityLookup((const xmlChar *)name))) {
			buf_printf(out, "&#%u;", ent->value);
			p += n + 1;
		} else {
			buf_addch(out, '&');
		}
	}
}

/*
 * A document type with entity declarations is how billion-laughs and
 * external-entity attacks begin; no real feed needs one.
 */
static int declares_entities(const char *data, size_t len)
{
	const char *dt = memmem(data, len < 65536 ? len : 65536, "<!DOCTYPE", 9), *subset, *close;

	if (!dt)
		return 0;
	close = memchr(dt, '>', len - (size_t)(dt - data));
	subset = memchr(dt, '[', len - (size_t)(dt - data));
	if (!subset || (close && close < subset))
		return 0;
	return memmem(subset, len - (size_t)(subset - data), "<!ENTITY", 8) != NULL;
}

int feed_parse(const char *data, size_t len, const char *url, const char *http_charset,
	struct feed *out, char *errstr, size_t errsize)
{
	/* NONET: no DTD or entity fetches. No NOENT: external entities are never substituted. */
	int opts = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
		   XML_PARSE_NOCDATA;
	const char *enc, *p;
	size_t skip = 0;
	struct buf utf8, xml;
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	buf_init(&utf8, len * 3 + 16 < INT32_MAX ? len * 3 + 16 : INT32_MAX);
	buf_init(&xml, INT32_MAX);
	if (len > INT32_MAX / 4) {
		snprintf(errstr, errsize, "feed too large");
		goto out;
	}
	enc = choose_encoding(data, len, http_charset, &skip);
	if (!strcmp(enc, "UTF-8") && text_utf8_valid(data + skip, len - skip)) {
		buf_add(&utf8, data + skip, len - skip);
	} else if (charset_to_utf8(data + skip, len - skip, enc, &utf8, errstr, errsize)) {
		goto out;
	}
	for (p = utf8.data ? utf8.data : ""; isspace((unsigned char)*p); p++)
		;
	if (*p == '{') {
		rc = json_feed(p, utf8.len - (size_t)(p - utf8.data), url, out, errstr, errsize);
		goto out;
	}
	if (declares_entities(utf8.data ? utf8.data : "", utf8.len)) {
		snprintf(errstr, errsize, "refused: the document declares entities (<!ENTITY>), "
			 "which no feed needs and attacks use");
		goto out;
	}
	html_entities_to_numeric(utf8.data ? utf8.data : "", utf8.len, &xml);
	/* The bytes are UTF-8 now, whatever the declaration still says. */
	doc = xmlReadMemory(xml.data ? xml.data : "", (int)xml.len, url, "UTF-8", opts);
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root) {
		snprintf(errstr, errsize, "not an XML document");
		goto out;
	}
	if (!named(root, "rss") && !named(root, "feed") && !named(root, "RDF")) {
		snprintf(errstr, errsize, "not a feed: the document's root element is <%s>",
			(const char *)root->name);
		goto out;
	}
	collect(root, url, out, 0);
	out->encoding = xstrdup(enc);
	rc = 0;
out:
	if (doc)
		xmlFreeDoc(doc);
	buf_release(&utf8);
	buf_release(&xml);
	return rc;
}

void feed_release(struct feed *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->entries[i].title);
		free(f->entries[i].link);
		free(f->entries[i].id);
		free(f->entries[i].summary);
		free(f->entries[i].content);
		free(f->entries[i].published);
		free(f->entries[i].updated);
		free(f->entries[i].author);
	}
	free(f->entries);
	free(f->title);
	free(f->link);
	free(f->encoding);
	memset(f, 0, sizeof(*f));
}

#include "feed.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
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

static char *node_text(xmlNodePtr n, int html)
{
	xmlChar *raw = xmlNodeGetContent(n);
	struct buf b;

	buf_init(&b, FEED_TEXT_MAX);
	if (raw) {
		/* Feeds put HTML in titles and descriptions, escaped or in CDATA. */
		if (html)
			html_fragment_text((const char *)raw, strlen((const char *)raw), &b);
		else
			text_append_clean(&b, (const char *)raw, strlen((const char *)raw));
		xmlFree(raw);
	}
	buf_rtrim(&b);
	if (!b.len) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
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

static char *date_text(xmlNodePtr n)
{
	char *raw = node_text(n, 0), out[32];
	int64_t ms;

	if (!raw)
		return NULL;
	if (date_parse(raw, &ms)) {
		free(raw);
		return NULL;
	}
	free(raw);
	/* A date in the future beyond a little clock skew is a publisher's mistake. */
	if (ms > now_ms() + 15 * 60 * 1000)
		ms = now_ms();
	time_iso8601(ms, out, sizeof(out));
	return xstrdup(out);
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
			   (named(c, "date") && in_ns(c, "purl.org/dc"))) {
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

int feed_parse(const char *data, size_t len, const char *url, struct feed *out, char *errstr,
	size_t errsize)
{
	/* NONET: no DTD or entity fetches. No NOENT: external entities are never substituted. */
	int opts = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
		   XML_PARSE_NOCDATA;
	xmlDocPtr doc;
	xmlNodePtr root;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (len > INT32_MAX) {
		snprintf(errstr, errsize, "feed too large");
		return -1;
	}
	doc = xmlReadMemory(data, (int)len, url, NULL, opts);
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
	out->encoding = xstrdup(doc->encoding ? (const char *)doc->encoding : "UTF-8");
	rc = 0;
out:
	if (doc)
		xmlFreeDoc(doc);
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

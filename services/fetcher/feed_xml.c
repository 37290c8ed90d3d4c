#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "codec.h"
#include "feed_mend.h"
#include "feed_read.h"
#include "html.h"
#include "text.h"
#include "common.h"

/*
 * RSS 0.9x/2.0, RSS 1.0 and Atom 0.3/1.0 on one walk: each child of an
 * entry is matched against one table by its local name (in any letter
 * case) and what its namespace means, and offers a value to a field (or
 * two) with a rank; a higher rank replaces a lower one, so <title> beats
 * dc:title beats media:title whatever their order.
 */

/*
 * Namespaces by what they mean to a feed. The feed's own vocabulary is
 * FEED under whatever URI it is given (none, RSS 1.0's, Atom's, or the
 * root element's own), as feeds in the wild put RSS and Atom in unexpected
 * namespaces. A prefix that was never declared ("content:encoded" alone)
 * is known by its usual name.
 */
enum ns { NS_FEED, NS_DC, NS_DCTERMS, NS_CONTENT, NS_MEDIA, NS_ITUNES, NS_XHTML, NS_RDF, NS_OTHER };

static const struct {
	const char *uri, *prefix;
	enum ns ns;
} namespaces[] = {
	{ "http://www.w3.org/2005/Atom", "atom", NS_FEED },
	{ "http://purl.org/atom/ns#", "atom03", NS_FEED },
	{ "http://purl.org/rss/1.0/", "rss", NS_FEED },
	{ "http://my.netscape.com/rdf/simple/0.9/", "rss090", NS_FEED },
	{ "http://backend.userland.com/rss2", "rss2", NS_FEED },
	{ "http://blogs.law.harvard.edu/tech/rss", "rss2h", NS_FEED },
	{ "http://purl.org/dc/elements/1.1/", "dc", NS_DC },
	{ "http://purl.org/dc/terms/", "dcterms", NS_DCTERMS },
	{ "http://purl.org/rss/1.0/modules/content/", "content", NS_CONTENT },
	{ "http://search.yahoo.com/mrss/", "media", NS_MEDIA },
	{ "http://www.itunes.com/dtds/podcast-1.0.dtd", "itunes", NS_ITUNES },
	{ "http://www.w3.org/1999/xhtml", "xhtml", NS_XHTML },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf", NS_RDF },
};

enum field { F_TITLE, F_LINK, F_ID, F_SUMMARY, F_CONTENT, F_PUBLISHED, F_UPDATED, F_AUTHOR, F_N };

/* How an element's value is read. */
enum how {
	H_CONSTRUCT, /* by its type (and Atom 0.3's mode); HTML in RSS, text in Atom */
	H_HTML, /* HTML, tags stripped */
	H_TEXT, /* text as it is */
	H_LINK, /* href (Atom: only rel="alternate") or text, resolved */
	H_GUID, /* text; a permalink unless isPermaLink="false" */
	H_DATE,
	H_PERSON, /* Atom's <name>, else <email>; RSS's "email (Name)" */
	H_MEDIA, /* text, or HTML with type="html" */
};

static const struct rule {
	const char *name;
	enum ns ns;
	enum field field;
	int rank;
	enum how how;
} rules[] = {
	{ "title", NS_FEED, F_TITLE, 4, H_CONSTRUCT },
	{ "title", NS_DC, F_TITLE, 3, H_HTML },
	{ "title", NS_ITUNES, F_TITLE, 2, H_HTML },
	{ "title", NS_MEDIA, F_TITLE, 1, H_MEDIA },
	{ "link", NS_FEED, F_LINK, 4, H_LINK },
	{ "guid", NS_FEED, F_ID, 4, H_GUID },
	{ "id", NS_FEED, F_ID, 4, H_TEXT },
	{ "identifier", NS_DC, F_ID, 2, H_TEXT },
	{ "description", NS_FEED, F_SUMMARY, 4, H_CONSTRUCT },
	{ "summary", NS_FEED, F_SUMMARY, 4, H_CONSTRUCT },
	{ "description", NS_DC, F_SUMMARY, 3, H_HTML },
	{ "summary", NS_ITUNES, F_SUMMARY, 2, H_HTML },
	{ "description", NS_MEDIA, F_SUMMARY, 1, H_MEDIA },
	{ "subtitle", NS_ITUNES, F_SUMMARY, 1, H_HTML },
	{ "encoded", NS_CONTENT, F_CONTENT, 4, H_HTML },
	{ "content", NS_FEED, F_CONTENT, 4, H_CONSTRUCT },
	{ "body", NS_XHTML, F_CONTENT, 3, H_CONSTRUCT },
	{ "pubDate", NS_FEED, F_PUBLISHED, 4, H_DATE },
	{ "published", NS_FEED, F_PUBLISHED, 4, H_DATE },
	{ "issued", NS_FEED, F_PUBLISHED, 3, H_DATE }, /* Atom 0.3 */
	{ "date", NS_DC, F_PUBLISHED, 3, H_DATE },
	{ "date", NS_DC, F_UPDATED, 1, H_DATE }, /* as feedparser and gofeed read it */
	{ "issued", NS_DCTERMS, F_PUBLISHED, 2, H_DATE },
	{ "created", NS_FEED, F_PUBLISHED, 2, H_DATE }, /* Atom 0.3 */
	{ "created", NS_DCTERMS, F_PUBLISHED, 1, H_DATE },
	{ "updated", NS_FEED, F_UPDATED, 4, H_DATE },
	{ "modified", NS_FEED, F_UPDATED, 3, H_DATE }, /* Atom 0.3 */
	{ "modified", NS_DCTERMS, F_UPDATED, 2, H_DATE },
	{ "creator", NS_DC, F_AUTHOR, 4, H_TEXT },
	{ "author", NS_FEED, F_AUTHOR, 3, H_PERSON },
	{ "author", NS_ITUNES, F_AUTHOR, 2, H_TEXT },
};

struct reader {
	struct feed *f;
	const char *url;
	const xmlChar *root_ns; /* the root element's namespace: the feed's own */
	int atom; /* text constructs default to text, not HTML */
	/* what the namespace declarations seen last mean: elements share them */
	struct {
		const xmlNs *ns;
		enum ns means;
	} seen[8];
	size_t nseen;
};

/* An entry being read: its fields and the rank of what filled them. */
struct draft {
	char *v[F_N];
	int rank[F_N];
	int permalink; /* the guid is the entry's address */
};

/* URIs as feeds mistype them: any letter case, the scheme and a closing / or # left out. */
static int same_uri(const char *a, const char *b)
{
	size_t na, nb;

	a += !strncasecmp(a, "https://", 8) ? 8 : !strncasecmp(a, "http://", 7) ? 7 : 0;
	b += !strncasecmp(b, "https://", 8) ? 8 : !strncasecmp(b, "http://", 7) ? 7 : 0;
	na = strlen(a), nb = strlen(b);
	na -= na && (a[na - 1] == '/' || a[na - 1] == '#');
	nb -= nb && (b[nb - 1] == '/' || b[nb - 1] == '#');
	return na == nb && !strncasecmp(a, b, na);
}

static enum ns ns_by_prefix(const char *prefix, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(namespaces); i++)
		if (strlen(namespaces[i].prefix) == len && !strncasecmp(prefix, namespaces[i].prefix, len))
			return namespaces[i].ns;
	return NS_OTHER;
}

/*
 * What n's namespace means, and its local name. An unknown URI is known by
 * its usual prefix, as feedparser does.
 */
static enum ns ns_of(struct reader *r, xmlNodePtr n, const char **local)
{
	const char *name = (const char *)n->name, *colon = strchr(name, ':'), *href;
	enum ns means = NS_OTHER;

	*local = name;
	if (!n->ns) {
		if (!colon)
			return NS_FEED;
		/* recovered from an undeclared prefix: the name keeps it */
		*local = colon + 1;
		return ns_by_prefix(name, (size_t)(colon - name));
	}
	for (size_t i = 0; i < r->nseen; i++)
		if (r->seen[i].ns == n->ns)
			return r->seen[i].means;
	href = (const char *)n->ns->href;
	if (r->root_ns && !strcmp(href, (const char *)r->root_ns))
		means = NS_FEED;
	for (size_t i = 0; means == NS_OTHER && i < ARRAY_SIZE(namespaces); i++)
		if (same_uri(href, namespaces[i].uri))
			means = namespaces[i].ns;
	if (means == NS_OTHER && n->ns->prefix)
		means = ns_by_prefix((const char *)n->ns->prefix, strlen((const char *)n->ns->prefix));
	r->seen[r->nseen % ARRAY_SIZE(r->seen)].ns = n->ns;
	r->seen[r->nseen % ARRAY_SIZE(r->seen)].means = means;
	if (r->nseen < ARRAY_SIZE(r->seen))
		r->nseen++;
	return means;
}

static int is(struct reader *r, xmlNodePtr n, enum ns ns, const char *name)
{
	const char *local;

	return n->type == XML_ELEMENT_NODE && ns_of(r, n, &local) == ns && !strcasecmp(local, name);
}

static const char *attr(xmlNodePtr n, const char *name)
{
	return html_attr(n, name); /* borrowed from the node */
}

/* The text of n's children (text and CDATA, not elements), as HTML or text. */
static char *content_text(xmlNodePtr n, int html)
{
	xmlChar *raw = xmlNodeGetContent(n);
	char *t = raw ? feed_text((const char *)raw, strlen((const char *)raw), html) : NULL;

	xmlFree(raw);
	return t;
}

static int has_elements(xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

/* The text of markup that sits in the feed as elements (XHTML, or HTML left unescaped). */
static char *markup_text(xmlNodePtr n)
{
	struct buf b;

	buf_init(&b, 1024 * 1024);
	html_node_text(n, &b);
	buf_rtrim(&b);
	if (!b.len) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

/* Base64 that decodes to text (an Atom 0.3 body, a mislabelled one), or NULL. */
static char *base64_text(xmlNodePtr n, int html, int *was_base64)
{
	xmlChar *raw = xmlNodeGetContent(n);
	size_t len = 0;
	unsigned char *bytes = raw ? codec_base64_decode((const char *)raw,
						strlen((const char *)raw), &len) : NULL;
	char *t = NULL;

	*was_base64 = bytes != NULL;
	if (bytes && text_utf8_valid((const char *)bytes, len) && !memchr(bytes, 0, len))
		t = feed_text((const char *)bytes, len, html);
	xmlFree(raw);
	free(bytes);
	return t;
}

/*
 * An Atom text construct, or an RSS text: type "text" (or text/plain),
 * "html" (text/html), "xhtml" (application/xhtml+xml, or Atom 0.3's
 * mode="xml"), escaped or base64 (Atom 0.3's mode). Markup left in the
 * element is read as markup whatever the type says. Any other type is
 * base64 (RFC 4287 4.1.3.3): kept when it decodes to text, and when it is
 * no base64 at all, read as text.
 */
static char *construct(struct reader *r, xmlNodePtr n)
{
	const char *type = attr(n, "type"), *mode = attr(n, "mode");
	int html = !r->atom, b64;
	char *t;

	if (type) {
		if (!strcasecmp(type, "html") || !strcasecmp(type, "text/html"))
			html = 1;
		else if (!strcasecmp(type, "text") || !strncasecmp(type, "text/", 5))
			html = 0;
		else if (strcasecmp(type, "xhtml") && !strstr(type, "xml"))
			mode = "base64";
	}
	if (mode && !strcasecmp(mode, "escaped"))
		html = !type || html;
	if (mode && !strcasecmp(mode, "base64")) {
		t = base64_text(n, html, &b64);
		return t || b64 ? t : content_text(n, 0);
	}
	if (has_elements(n))
		return markup_text(n);
	return content_text(n, html);
}

/* A link element's address, resolved against xml:base and the feed; NULL when it is not one. */
static char *link_of(struct reader *r, xmlNodePtr n, int *rank)
{
	const char *href = attr(n, "href"), *rel = attr(n, "rel"), *type = attr(n, "type");
	xmlChar *base;
	char *raw, *abs;

	if (href) {
		if (rel && strcasecmp(rel, "alternate"))
			return NULL; /* self, edit, enclosure, replies... */
		if (type && !strstr(type, "html"))
			(*rank)--; /* an alternate in another format, if nothing better */
		raw = feed_text(href, strlen(href), 0);
	} else {
		raw = content_text(n, 0);
	}
	if (!raw)
		return NULL;
	base = xmlNodeGetBase(n->doc, n);
	abs = feed_link(base ? (const char *)base : r->url, raw);
	xmlFree(base);
	free(raw);
	return abs;
}

/*
 * A person: Atom's <name>, or its <email> when it has no name; as text,
 * RSS's "email (Name)" and "Name <email>" give the name.
 */
static char *person(xmlNodePtr n)
{
	xmlNodePtr name = NULL, email = NULL;
	char *t, *open;
	size_t len;

	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!name && !strcasecmp((const char *)c->name, "name"))
			name = c;
		if (!email && !strcasecmp((const char *)c->name, "email"))
			email = c;
	}
	if (name || email) {
		t = name ? content_text(name, 0) : NULL;
		return t ? t : email ? content_text(email, 0) : NULL;
	}
	if (!(t = content_text(n, 0)))
		return NULL;
	len = strlen(t);
	if ((open = strchr(t, '(')) && t[len - 1] == ')' && memchr(t, '@', (size_t)(open - t))) {
		char *inner = feed_text(open + 1, len - (size_t)(open - t) - 2, 0);

		if (inner) {
			free(t);
			return inner;
		}
	} else if ((open = strchr(t, '<')) && open > t && t[len - 1] == '>' && strchr(open, '@')) {
		char *before = feed_text(t, (size_t)(open - t), 0);

		if (before) {
			free(t);
			return before;
		}
	}
	return t;
}

static char *read_value(struct reader *r, const struct rule *rule, xmlNodePtr n,
	struct draft *d, int *rank)
{
	const char *type, *permalink;

	switch (rule->how) {
	case H_CONSTRUCT:
		return construct(r, n);
	case H_HTML:
		return has_elements(n) ? markup_text(n) : content_text(n, 1);
	case H_TEXT:
		return content_text(n, 0);
	case H_LINK:
		return link_of(r, n, rank);
	case H_GUID:
		permalink = attr(n, "isPermaLink");
		d->permalink = !permalink || strcasecmp(permalink, "false");
		return content_text(n, 0);
	case H_DATE: {
		xmlChar *raw = xmlNodeGetContent(n);
		char *date = feed_date(r->f, (const char *)raw);

		xmlFree(raw);
		return date;
	}
	case H_PERSON:
		return person(n);
	case H_MEDIA:
		type = attr(n, "type");
		return content_text(n, type && !strcasecmp(type, "html"));
	}
	return NULL;
}

static void offer(struct draft *d, enum field field, int rank, char *value)
{
	if (!value)
		return;
	if (rank <= d->rank[field]) {
		free(value);
		return;
	}
	free(d->v[field]);
	d->v[field] = value;
	d->rank[field] = rank;
}

static void read_children(struct reader *r, xmlNodePtr parent, struct draft *d)
{
	for (xmlNodePtr c = parent->children; c; c = c->next) {
		const char *local;
		enum ns ns;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		ns = ns_of(r, c, &local);
		if (ns == NS_MEDIA && (!strcasecmp(local, "group") || !strcasecmp(local, "content"))) {
			read_children(r, c, d); /* media:title and media:description inside */
			continue;
		}
		for (size_t i = 0; i < ARRAY_SIZE(rules); i++) {
			int rank = rules[i].rank;
			char *value;

			if (rules[i].ns != ns || (rules[i].name[0] | 0x20) != (local[0] | 0x20) ||
				strcasecmp(rules[i].name, local) || rank <= d->rank[rules[i].field])
				continue;
			/* read first: reading may lower the rank, and arguments have no order */
			value = read_value(r, &rules[i], c, d, &rank);
			offer(d, rules[i].field, rank, value);
		}
	}
}

static void read_entry(struct reader *r, xmlNodePtr item)
{
	struct draft d = { 0 };
	struct feed_entry e;
	const char *about;

	read_children(r, item, &d);
	/* RSS 1.0 names an item by its rdf:about, before any dc:identifier. */
	about = (const char *)xmlGetNsProp(item, (const xmlChar *)"about",
		(const xmlChar *)"http://www.w3.org/1999/02/22-rdf-syntax-ns#");
	if (about) {
		offer(&d, F_ID, 3, feed_text(about, strlen(about), 0));
		xmlFree((xmlChar *)about);
	}
	/* RSS 2.0: a guid is the entry's permalink unless it says otherwise. */
	if (!d.v[F_LINK] && d.v[F_ID] && d.permalink &&
		(!strncasecmp(d.v[F_ID], "http://", 7) || !strncasecmp(d.v[F_ID], "https://", 8)))
		d.v[F_LINK] = xstrdup(d.v[F_ID]);
	e = (struct feed_entry){ .title = d.v[F_TITLE], .link = d.v[F_LINK], .id = d.v[F_ID],
		.summary = d.v[F_SUMMARY], .content = d.v[F_CONTENT],
		.published = d.v[F_PUBLISHED], .updated = d.v[F_UPDATED], .author = d.v[F_AUTHOR] };
	feed_add(r->f, &e);
}

/* The feed's own fields, from the root or the channel. */
static void read_head(struct reader *r, xmlNodePtr parent, struct draft *d)
{
	for (xmlNodePtr c = parent->children; c; c = c->next) {
		int rank = 4;
		char *link;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(r, c, NS_FEED, "title")) {
			offer(d, F_TITLE, 2, construct(r, c));
		} else if (is(r, c, NS_DC, "title")) {
			offer(d, F_TITLE, 1, content_text(c, 1));
		} else if (is(r, c, NS_FEED, "link")) {
			link = link_of(r, c, &rank); /* before rank is read: it may lower it */
			offer(d, F_LINK, rank, link);
		}
	}
}

/* Entries wherever they are outside another entry; the feed's fields at its top. */
static void walk(struct reader *r, xmlNodePtr parent, int top, struct draft *head)
{
	if (top)
		read_head(r, parent, head);
	for (xmlNodePtr c = parent->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(r, c, NS_FEED, "item") || is(r, c, NS_FEED, "entry"))
			read_entry(r, c);
		else
			walk(r, c, top && is(r, c, NS_FEED, "channel"), head);
	}
}

/* The feed's language: <language>, dc:language, or xml:lang at its top. */
static char *language(struct reader *r, xmlNodePtr root)
{
	xmlChar *lang;

	for (int level = 0; level < 2; level++) {
		for (xmlNodePtr c = root->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE)
				continue;
			if (is(r, c, NS_FEED, "language") || is(r, c, NS_DC, "language"))
				return content_text(c, 0);
			if (level == 0 && is(r, c, NS_FEED, "channel")) {
				root = c;
				break;
			}
		}
	}
	lang = xmlNodeGetLang(root);
	if (lang) {
		char *l = feed_text((const char *)lang, strlen((const char *)lang), 0);

		xmlFree(lang);
		return l;
	}
	return NULL;
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

/* The first <link rel="alternate"> to a feed under n, in document order, or NULL. */
static xmlNodePtr feed_link_in(xmlNodePtr n, int depth)
{
	for (; n && depth < 64; n = n->next) {
		const char *rel, *type;
		xmlNodePtr hit;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		rel = html_attr(n, "rel"), type = html_attr(n, "type");
		if (html_is(n, "link") && rel && type && html_attr(n, "href") &&
			strcasestr(rel, "alternate") &&
			(strcasestr(type, "rss") || strcasestr(type, "atom") ||
				strcasestr(type, "feed+json")))
			return n;
		if ((hit = feed_link_in(n->children, depth + 1)))
			return hit;
	}
	return NULL;
}

/*
 * Says what text is when it holds no feed: nothing at all, or a web page
 * (a site's home page given as its feed), naming the feed the page links
 * to when it does. 0 when it is neither.
 */
static int not_a_feed(const char *text, size_t len, const char *url, char *errstr,
	size_t errsize)
{
	const char *p = text, *end = text + len;
	htmlDocPtr page;
	xmlNodePtr root, link;
	char *href;

	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p == end) {
		snprintf(errstr, errsize, "not a feed: the document is empty");
		return 1;
	}
	if (!memmem(p, (size_t)(end - p) < 4096 ? (size_t)(end - p) : 4096, "<html", 5) &&
		!memmem(p, (size_t)(end - p) < 4096 ? (size_t)(end - p) : 4096, "<HTML", 5) &&
		strncasecmp(p, "<!doctype html", 14))
		return 0;
	page = htmlReadMemory(text, (int)len, url, "UTF-8", HTML_PARSE_RECOVER |
		HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	root = page ? xmlDocGetRootElement(page) : NULL;
	link = root ? feed_link_in(root, 0) : NULL;
	href = link ? feed_link(url, html_attr(link, "href")) : NULL;
	if (href)
		snprintf(errstr, errsize, "not a feed but a web page; the page names its feed: %s",
			href);
	else
		snprintf(errstr, errsize, "not a feed but a web page (it names no feed of its own "
			"in a <link rel=\"alternate\">)");
	free(href);
	if (page)
		xmlFreeDoc(page);
	return 1;
}

int feed_xml_read(struct feed *f, const char *text, size_t len, const char *url, char *errstr,
	size_t errsize)
{
	/* NONET: no DTD or entity fetches. No NOENT: external entities are never substituted. */
	int opts = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
		   XML_PARSE_NOCDATA;
	struct reader r = { .f = f, .url = url };
	struct draft head = { 0 };
	struct buf xml;
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	const char *name;
	size_t entry_tags;
	int rc = -1;

	buf_init(&xml, INT32_MAX);
	if (declares_entities(text, len)) {
		snprintf(errstr, errsize, "refused: the document declares entities (<!ENTITY>), "
			 "which no feed needs and attacks use");
		goto out;
	}
	if (feed_mend(text, len, &xml, &f->report, &entry_tags)) {
		snprintf(errstr, errsize, "feed too large");
		goto out;
	}
	/* The bytes are UTF-8 now, whatever the declaration said. */
	doc = xmlReadMemory(xml.data, (int)xml.len, url, "UTF-8", opts);
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root) {
		if (!not_a_feed(text, len, url, errstr, errsize))
			snprintf(errstr, errsize, "not an XML document");
		goto out;
	}
	name = strchr((const char *)root->name, ':') ? strchr((const char *)root->name, ':') + 1
						     : (const char *)root->name;
	if (strcasecmp(name, "rss") && strcasecmp(name, "feed") && strcasecmp(name, "RDF") &&
		strcasecmp(name, "channel")) {
		if (!not_a_feed(text, len, url, errstr, errsize))
			snprintf(errstr, errsize, "not a feed: the document's root element is <%.64s>",
				(const char *)root->name);
		goto out;
	}
	r.root_ns = root->ns ? root->ns->href : NULL;
	r.atom = !strcasecmp(name, "feed");
	f->lang = language(&r, root);
	walk(&r, root, 1, &head);
	f->title = head.v[F_TITLE];
	f->link = head.v[F_LINK];
	/* Whatever libxml2 could not read still had its tag counted. */
	if (entry_tags > f->n)
		f->report.lost += (unsigned)(entry_tags - f->n);
	rc = 0;
out:
	if (doc)
		xmlFreeDoc(doc);
	buf_release(&xml);
	return rc;
}

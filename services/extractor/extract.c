#include "extract.h"

#include <ctype.h>
#include <jansson.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "html.h"
#include "text.h"
#include "url.h"
#include "common.h"

#define EXTRACT_TEXT_MAX (4 * 1024 * 1024)
#define MAX_DEPTH 200

/* Elements that never hold article text. */
static int is_junk_tag(xmlNodePtr n)
{
	static const char *const tags[] = { "script", "style", "noscript", "nav", "header",
		"footer", "aside", "form", "iframe", "svg", "button", "select", "template",
		"object", "embed", "canvas", "input", "textarea", "menu", "dialog" };

	for (size_t i = 0; i < ARRAY_SIZE(tags); i++)
		if (html_is(n, tags[i]))
			return 1;
	return 0;
}

static int contains_any(const char *s, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcasestr(s, words[i]))
			return 1;
	return 0;
}

/* +1 for names that mark article bodies, -1 for boilerplate, 0 otherwise. */
static int class_weight(xmlNodePtr n)
{
	static const char *const negative[] = { "comment", "sidebar", "side-bar", "footer",
		"masthead", "menu", "nav", "share", "social", "related", "recommend", "advert",
		"sponsor", "promo", "banner", "cookie", "consent", "subscribe", "newsletter",
		"breadcrumb", "popular", "hot-", "tags", "widget", "toolbar", "copyright",
		"login", "signup", "pagination", "reply", "rank", "outbrain", "taboola" };
	static const char *const positive[] = { "article", "content", "post", "entry", "main",
		"story", "body", "text", "detail", "news" };
	const char *cls = html_attr(n, "class"), *id = html_attr(n, "id");
	char both[512];
	int w = 0;

	snprintf(both, sizeof(both), "%s %s", cls ? cls : "", id ? id : "");
	if (both[0] == ' ' && !both[1])
		return 0;
	if (contains_any(both, negative, ARRAY_SIZE(negative)))
		w -= 1;
	if (contains_any(both, positive, ARRAY_SIZE(positive)))
		w += 1;
	/* "ad" alone is too short to search for as a substring. */
	if ((cls && (!strcasecmp(cls, "ad") || strcasestr(cls, "ad-") || strcasestr(cls, "ads"))) ||
		(id && (!strcasecmp(id, "ad") || strcasestr(id, "ad-"))))
		w -= 1;
	return w;
}

static int is_unwanted(xmlNodePtr n)
{
	const char *role = html_attr(n, "role"), *style = html_attr(n, "style");

	if (is_junk_tag(n) || (html_attr(n, "hidden")) ||
		(style && strcasestr(style, "display:none")) ||
		(role && (!strcasecmp(role, "navigation") || !strcasecmp(role, "complementary") ||
				 !strcasecmp(role, "banner") || !strcasecmp(role, "contentinfo"))))
		return 1;
	/* A container named like boilerplate and not like content. */
	return !html_is(n, "body") && !html_is(n, "html") && class_weight(n) < 0;
}

struct candidate {
	xmlNodePtr node;
	double score;
};

struct scorer {
	struct candidate *c;
	size_t n, alloc;
};

static void add_score(struct scorer *s, xmlNodePtr node, double score)
{
	for (size_t i = 0; i < s->n; i++) {
		if (s->c[i].node == node) {
			s->c[i].score += score;
			return;
		}
	}
	if (s->n == s->alloc) {
		s->alloc = s->alloc ? s->alloc * 2 : 64;
		s->c = xrealloc(s->c, s->alloc * sizeof(*s->c));
	}
	/* A container's own name says how likely it holds the article. */
	s->c[s->n++] = (struct candidate){ node, score + 25.0 * class_weight(node) };
}

/*
 * What the scoring asks of an element again and again: characters of text
 * under it (scripts and styles left out), how many sit inside links below
 * it, and its commas. One pass over the tree measures every element; the
 * element keeps the index of its figures in _private, libxml2's field for
 * its users, so a lookup costs nothing however often it is made.
 */
struct stats {
	size_t chars, link, commas;
};

struct measures {
	struct stats *v;
	size_t n, alloc;
};

static struct stats measure(xmlNodePtr n, struct measures *m, int depth)
{
	struct stats st = { 0, 0, 0 };
	size_t slot;

	if (m->n == m->alloc) {
		m->alloc = m->alloc ? m->alloc * 2 : 256;
		m->v = xrealloc(m->v, m->alloc * sizeof(*m->v));
	}
	slot = m->n++;
	for (xmlNodePtr c = n->children; c && depth <= MAX_DEPTH; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content) {
			for (const unsigned char *p = c->content; *p; p++) {
				if ((*p & 0xc0) != 0x80 && !isspace(*p))
					st.chars++;
				/* , and the full-width ，and 、 */
				if (*p == ',' || (*p == 0xef && p[1] == 0xbc && p[2] == 0x8c) ||
					(*p == 0xe3 && p[1] == 0x80 && p[2] == 0x81))
					st.commas++;
			}
		} else if (c->type == XML_ELEMENT_NODE && !is_junk_tag(c)) {
			struct stats sub = measure(c, m, depth + 1);

			st.chars += sub.chars;
			st.commas += sub.commas;
			st.link += html_is(c, "a") ? sub.chars : sub.link;
		}
	}
	m->v[slot] = st;
	n->_private = (void *)(uintptr_t)(slot + 1);
	return st;
}

/* Characters of text under n, and how many of them sit inside links. */
static void text_stats(const struct measures *m, xmlNodePtr n, size_t *chars, size_t *link_chars)
{
	uintptr_t slot = (uintptr_t)n->_private;

	*chars = slot ? m->v[slot - 1].chars : 0;
	*link_chars = slot ? m->v[slot - 1].link : 0;
}

static size_t count_commas(const struct measures *m, xmlNodePtr n)
{
	uintptr_t slot = (uintptr_t)n->_private;

	return slot ? m->v[slot - 1].commas : 0;
}

static int is_paragraph(xmlNodePtr n)
{
	return html_is(n, "p") || html_is(n, "pre") || html_is(n, "blockquote") ||
	       html_is(n, "li") || html_is(n, "tr");
}

/* Scores every paragraph's parent and grandparent, as Readability does. */
static void score_tree(xmlNodePtr n, struct scorer *s, const struct measures *m, int depth)
{
	if (depth > MAX_DEPTH)
		return;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		size_t chars = 0, link = 0;
		double score;

		if (c->type != XML_ELEMENT_NODE || is_unwanted(c))
			continue;
		if (!is_paragraph(c)) {
			score_tree(c, s, m, depth + 1);
			continue;
		}
		text_stats(m, c, &chars, &link);
		if (chars < 20 || link * 2 > chars)
			continue;
		score = 1.0 + (double)count_commas(m, c) +
			(chars / 100 > 3 ? 3.0 : (double)(chars / 100));
		if (c->parent && c->parent->type == XML_ELEMENT_NODE)
			add_score(s, c->parent, score);
		if (c->parent && c->parent->parent && c->parent->parent->type == XML_ELEMENT_NODE)
			add_score(s, c->parent->parent, score / 2);
	}
}

static int is_heading(xmlNodePtr n)
{
	return html_is(n, "h1") || html_is(n, "h2") || html_is(n, "h3") || html_is(n, "h4") ||
	       html_is(n, "h5") || html_is(n, "h6");
}

/* The page's title repeated as a heading belongs to the title, not the text. */
static int repeats_title(xmlNodePtr n, const char *title)
{
	struct buf t;
	int same;

	if (html_is(n, "h1"))
		return 1;
	if (!title || !is_heading(n))
		return 0;
	buf_init(&t, 64 * 1024);
	html_node_text(n, &t);
	same = t.len && !strcmp(t.data, title);
	buf_release(&t);
	return same;
}

/* Appends the readable paragraphs under n, skipping boilerplate inside the container. */
/*
 * Sites put their own lines inside the article's container: newsletter and
 * follow prompts, "read more", copyright and editor lines, bylines. A short
 * paragraph that says one of those is not the article.
 */
static int is_boilerplate(const char *p, size_t len)
{
	/* Calls to action and site lines, not words: an article may be about copyright. */
	static const char *const phrases[] = { "sign up for", "subscribe to our", "our newsletter",
		"read more:", "read more \xc2\xbb", "all rights reserved", "follow us on",
		"share this article", "click here to", "copyright \xc2\xa9", "\xc2\xa9 20",
		"this article first appeared", "this story first appeared",
		"\xe8\xae\xa2\xe9\x98\x85\xe6\x88\x91\xe4\xbb\xac", /* 订阅我们 */
		"\xe5\xbb\xb6\xe4\xbc\xb8\xe9\x98\x85\xe8\xaf\xbb\xef\xbc\x9a", /* 延伸阅读： */
		"\xe7\x9b\xb8\xe5\x85\xb3\xe9\x98\x85\xe8\xaf\xbb\xef\xbc\x9a", /* 相关阅读： */
		"\xe7\x89\x88\xe6\x9d\x83\xe6\x89\x80\xe6\x9c\x89", /* 版权所有 */
		"\xe8\xb4\xa3\xe4\xbb\xbb\xe7\xbc\x96\xe8\xbe\x91\xef\xbc\x9a", /* 责任编辑： */
		"\xe5\x8e\x9f\xe6\xa0\x87\xe9\xa2\x98\xef\xbc\x9a", /* 原标题： */
		"\xe5\x85\xb3\xe6\xb3\xa8\xe6\x88\x91\xe4\xbb\xac", /* 关注我们 */
		"\xe6\x9c\xaa\xe7\xbb\x8f\xe6\x8e\x88\xe6\x9d\x83", /* 未经授权 */
	};
	size_t chars = 0;

	for (size_t i = 0; i < len; i++)
		chars += ((unsigned char)p[i] & 0xc0) != 0x80;
	if (chars > 160)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(phrases); i++)
		if (strcasestr(p, phrases[i]))
			return 1;
	/* "By Jane Writer, November 29, 2026" */
	return chars < 80 && !strncmp(p, "By ", 3) && isupper((unsigned char)p[3]);
}

static void gather(xmlNodePtr n, const char *title, const struct measures *m, struct buf *out,
	int depth)
{
	if (depth > MAX_DEPTH)
		return;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		size_t chars = 0, link = 0;
		struct buf para;

		if (c->type != XML_ELEMENT_NODE || is_unwanted(c) || repeats_title(c, title))
			continue;
		if (!is_paragraph(c) && !is_heading(c) && !html_is(c, "figcaption")) {
			gather(c, title, m, out, depth + 1);
			continue;
		}
		text_stats(m, c, &chars, &link);
		if (!chars || (link * 2 > chars && !is_heading(c)))
			continue;
		buf_init(&para, EXTRACT_TEXT_MAX);
		if (html_is(c, "li"))
			buf_addstr(&para, "- ");
		if (html_is(c, "tr")) {
			/* A row reads as one line: "Model | Score | Price". */
			for (xmlNodePtr cell = c->children; cell; cell = cell->next) {
				struct buf t;

				if (!html_is(cell, "td") && !html_is(cell, "th"))
					continue;
				buf_init(&t, EXTRACT_TEXT_MAX);
				html_node_text(cell, &t);
				for (size_t i = 0; i < t.len; i++)
					if (t.data[i] == '\n')
						t.data[i] = ' ';
				if (t.len && para.len)
					buf_addstr(&para, " | ");
				buf_add(&para, t.data, t.len);
				buf_release(&t);
			}
		} else if (html_is(c, "pre")) {
			xmlChar *raw = xmlNodeGetContent(c);

			if (raw)
				buf_addstr(&para, (const char *)raw);
			xmlFree(raw);
			buf_rtrim(&para);
		} else {
			html_node_text(c, &para);
			/* Paragraph-internal breaks fold into one paragraph. */
			for (size_t i = 0; i < para.len; i++)
				if (para.data[i] == '\n')
					para.data[i] = ' ';
		}
		if (!is_heading(c) && is_boilerplate(para.data, para.len)) {
			buf_release(&para);
			continue;
		}
		if (para.len > 2 || (para.len && !html_is(c, "li"))) {
			if (out->len)
				buf_addstr(out, "\n\n");
			buf_add(out, para.data, para.len);
		}
		buf_release(&para);
	}
}

static xmlNodePtr find_first(xmlNodePtr n, const char *name, int depth)
{
	if (depth > MAX_DEPTH)
		return NULL;
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
		xmlNodePtr hit;

		if (html_is(c, name))
			return c;
		if (c->type == XML_ELEMENT_NODE && (hit = find_first(c, name, depth + 1)))
			return hit;
	}
	return NULL;
}

static char *clean(const char *s)
{
	struct buf b;

	if (!s)
		return NULL;
	buf_init(&b, 64 * 1024);
	text_append_clean(&b, s, strlen(s));
	if (!b.len) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

static char *node_clean_text(xmlNodePtr n)
{
	xmlChar *t = n ? xmlNodeGetContent(n) : NULL;
	char *s = clean((const char *)t);

	xmlFree(t);
	return s;
}

/* The <title> often ends in " - Site" or " | Site"; keep the longer side. */
static void strip_site_suffix(char *title, const char *site)
{
	static const char *const seps[] = { " - ", " | ", " _ ", " – ", " — ", "_", "｜" };

	for (size_t i = 0; i < ARRAY_SIZE(seps); i++) {
		char *at = NULL, *p = title;

		while ((p = strstr(p, seps[i]))) {
			at = p;
			p += strlen(seps[i]);
		}
		if (!at)
			continue;
		if ((site && strstr(at, site)) || text_chars(at) * 2 < text_chars(title)) {
			*at = '\0';
			return;
		}
	}
}

/* A time for a field: RFC 3339 UTC, once, never in the future beyond a little skew. */
static void set_time(char **field, const char *text)
{
	int64_t ms;
	char ts[32];

	if (*field || !text || date_parse(text, &ms) || ms > now_ms() + 15 * 60 * 1000)
		return;
	time_iso8601(ms, ts, sizeof(ts));
	*field = xstrdup(ts);
}

static void set_url(char **field, const char *base, const char *ref)
{
	if (!*field && ref && *ref)
		*field = url_resolve(base, ref);
}

static void read_meta(htmlDocPtr doc, const char *url, struct extract_result *r, char **og_title)
{
	xmlNodePtr head = find_first((xmlNodePtr)doc, "head", 0);

	for (xmlNodePtr c = head ? head->children : NULL; c; c = c->next) {
		const char *prop, *content;
		char **field = NULL;

		if (html_is(c, "link") && html_attr(c, "rel") && html_attr(c, "href") &&
			!strcasecmp(html_attr(c, "rel"), "canonical")) {
			set_url(&r->canonical, url, html_attr(c, "href"));
			continue;
		}
		if (!html_is(c, "meta") || !(content = html_attr(c, "content")))
			continue;
		prop = html_attr(c, "property");
		if (!prop)
			prop = html_attr(c, "name");
		if (!prop)
			prop = html_attr(c, "itemprop");
		if (!prop)
			continue;
		if (!strcasecmp(prop, "og:title"))
			field = og_title;
		else if (!strcasecmp(prop, "og:site_name") || !strcasecmp(prop, "application-name"))
			field = &r->site_name;
		else if (!strcasecmp(prop, "author") || !strcasecmp(prop, "article:author"))
			field = &r->author;
		else if (!strcasecmp(prop, "og:image") || !strcasecmp(prop, "twitter:image") ||
			 !strcasecmp(prop, "og:image:url"))
			set_url(&r->image, url, content);
		else if (!strcasecmp(prop, "og:url"))
			set_url(&r->canonical, url, content);
		else if (!strcasecmp(prop, "article:published_time") || !strcasecmp(prop, "pubdate") ||
			 !strcasecmp(prop, "datePublished") || !strcasecmp(prop, "publishdate") ||
			 !strcasecmp(prop, "date") || !strcasecmp(prop, "DC.date.issued") ||
			 !strcasecmp(prop, "dc.date"))
			set_time(&r->published, content);
		else if (!strcasecmp(prop, "article:modified_time") ||
			 !strcasecmp(prop, "og:updated_time") || !strcasecmp(prop, "dateModified"))
			set_time(&r->updated, content);
		if (field && !*field)
			*field = clean(content);
	}
}

/* ---- JSON-LD ---- */

static int is_article_type(json_t *type)
{
	static const char *const kinds[] = { "Article", "NewsArticle", "BlogPosting",
		"ReportageNews", "AnalysisNewsArticle", "TechArticle", "ScholarlyArticle",
		"OpinionNewsArticle", "LiveBlogPosting", "WebPage" };
	size_t i;
	json_t *t;

	if (json_is_array(type)) {
		json_array_foreach(type, i, t)
			if (is_article_type(t))
				return 1;
		return 0;
	}
	for (i = 0; json_is_string(type) && i < ARRAY_SIZE(kinds); i++)
		if (!strcmp(json_string_value(type), kinds[i]))
			return 1;
	return 0;
}

/* "name", {"name": ...} or a list of either, joined by ", ". */
static char *names_of(json_t *v)
{
	struct buf b;
	size_t i;
	json_t *item;

	buf_init(&b, 4096);
	if (json_is_array(v)) {
		json_array_foreach(v, i, item) {
			char *one = names_of(item);

			if (one && b.len)
				buf_addstr(&b, ", ");
			if (one)
				buf_addstr(&b, one);
			free(one);
		}
	} else if (json_is_string(v)) {
		text_append_clean(&b, json_string_value(v), json_string_length(v));
	} else if (json_is_string(json_object_get(v, "name"))) {
		text_append_clean(&b, json_string_value(json_object_get(v, "name")),
			json_string_length(json_object_get(v, "name")));
	}
	if (!b.len) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

static const char *image_of(json_t *v)
{
	if (json_is_array(v))
		v = json_array_get(v, 0);
	if (json_is_string(v))
		return json_string_value(v);
	return json_string_value(json_object_get(v, "url"));
}

static void from_json_ld_node(json_t *n, const char *url, struct extract_result *r, char **headline)
{
	size_t i;
	json_t *item;

	if (json_is_array(n)) {
		json_array_foreach(n, i, item)
			from_json_ld_node(item, url, r, headline);
		return;
	}
	if (!json_is_object(n))
		return;
	if (json_object_get(n, "@graph"))
		from_json_ld_node(json_object_get(n, "@graph"), url, r, headline);
	if (!is_article_type(json_object_get(n, "@type")))
		return;
	set_time(&r->published, json_string_value(json_object_get(n, "datePublished")));
	set_time(&r->updated, json_string_value(json_object_get(n, "dateModified")));
	if (!r->author)
		r->author = names_of(json_object_get(n, "author"));
	if (!r->site_name)
		r->site_name = names_of(json_object_get(n, "publisher"));
	set_url(&r->image, url, image_of(json_object_get(n, "image")));
	if (!*headline && json_is_string(json_object_get(n, "headline")))
		*headline = clean(json_string_value(json_object_get(n, "headline")));
	if (json_is_string(json_object_get(n, "mainEntityOfPage")))
		set_url(&r->canonical, url, json_string_value(json_object_get(n, "mainEntityOfPage")));
}

static void read_json_ld(xmlNodePtr n, const char *url, struct extract_result *r, char **headline,
	int depth)
{
	for (xmlNodePtr c = n ? n->children : NULL; c && depth < MAX_DEPTH; c = c->next) {
		const char *type;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		type = html_is(c, "script") ? html_attr(c, "type") : NULL;
		if (type && !strcasecmp(type, "application/ld+json")) {
			xmlChar *raw = xmlNodeGetContent(c);
			json_t *doc = raw ? json_loads((const char *)raw, 0, NULL) : NULL;

			from_json_ld_node(doc, url, r, headline);
			json_decref(doc);
			xmlFree(raw);
			continue;
		}
		read_json_ld(c, url, r, headline, depth + 1);
	}
}

/* ---- dates in the body and the URL ---- */

static void read_time_element(xmlNodePtr n, struct extract_result *r, int depth)
{
	for (xmlNodePtr c = n ? n->children : NULL; c && !r->published && depth < MAX_DEPTH;
		c = c->next) {
		if (c->type != XML_ELEMENT_NODE || is_junk_tag(c))
			continue;
		if (html_is(c, "time") && html_attr(c, "datetime")) {
			set_time(&r->published, html_attr(c, "datetime"));
			return;
		}
		read_time_element(c, r, depth + 1);
	}
}

/* /2026/11/29/, /2026-11-29, /20261129/: a date many CMSes put in their URLs. */
static void read_url_date(const char *url, struct extract_result *r)
{
	const char *path = url ? strstr(url, "://") : NULL;

	for (const char *p = path ? strchr(path + 3, '/') : NULL; p && *p && !r->published; p++) {
		int y, m, d, n = 0;
		char date[16];

		if (*p != '/' || !isdigit((unsigned char)p[1]))
			continue;
		if (sscanf(p, "/%4d/%2d/%2d%n", &y, &m, &d, &n) == 3 ||
			sscanf(p, "/%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 ||
			sscanf(p, "/%4d%2d%2d%n", &y, &m, &d, &n) == 3) {
			if (y < 1995 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31 ||
				isdigit((unsigned char)p[n]))
				continue;
			snprintf(date, sizeof(date), "%04d-%02d-%02d", y, m, d);
			set_time(&r->published, date);
		}
	}
}

/*
 * Long prose in a container with few links is an article; a short text or
 * one gathered from a link-heavy container or the whole body less likely.
 */
static double confidence(const struct measures *m, xmlNodePtr best, size_t chars)
{
	size_t all = 0, link = 0;
	double c;

	if (!best || !chars)
		return 0.1;
	text_stats(m, best, &all, &link);
	c = 0.3 + 0.4 * (chars >= 1500 ? 1.0 : (double)chars / 1500.0) +
	    0.3 * (all ? 1.0 - (double)link / (double)all : 0.0);
	return c > 1.0 ? 1.0 : c;
}

int extract_html(const char *html, size_t len, const char *charset, const char *url,
	struct extract_result *r, char *errstr, size_t errsize)
{
	struct scorer s = { 0 };
	struct measures m = { 0 };
	htmlDocPtr doc;
	xmlNodePtr body, best = NULL;
	char *og_title = NULL, *headline = NULL;
	double best_score = -1e9;

	memset(r, 0, sizeof(*r));
	buf_init(&r->text, EXTRACT_TEXT_MAX);
	r->lang = "und";
	doc = html_parse(html, len, url, charset);
	if (!doc || !xmlDocGetRootElement(doc)) {
		snprintf(errstr, errsize, "the page holds no HTML");
		if (doc)
			xmlFreeDoc(doc);
		return -1;
	}
	read_meta(doc, url, r, &og_title);
	read_json_ld((xmlNodePtr)doc, url, r, &headline, 0);
	if (!og_title && headline) {
		og_title = headline;
		headline = NULL;
	}
	r->title = og_title ? og_title : node_clean_text(find_first((xmlNodePtr)doc, "title", 0));
	if (!r->title)
		r->title = node_clean_text(find_first((xmlNodePtr)doc, "h1", 0));
	if (r->title && !og_title)
		strip_site_suffix(r->title, r->site_name);

	body = find_first((xmlNodePtr)doc, "body", 0);
	if (!body)
		body = xmlDocGetRootElement(doc);
	measure(body, &m, 0);
	score_tree(body, &s, &m, 0);
	for (size_t i = 0; i < s.n; i++) {
		size_t chars = 0, link = 0;
		double score;

		text_stats(&m, s.c[i].node, &chars, &link);
		score = s.c[i].score * (chars ? 1.0 - (double)link / (double)chars : 0.0);
		if (score > best_score) {
			best_score = score;
			best = s.c[i].node;
		}
	}
	gather(best ? best : body, r->title, &m, &r->text, 0);
	if (!r->text.len)
		html_node_text(body, &r->text);
	r->confidence = confidence(&m, best, r->text.len ? text_chars(r->text.data) : 0);
	read_time_element(best ? best : body, r, 0);
	read_time_element(body, r, 0);
	read_url_date(url, r);
	free(headline);
	r->lang = text_detect_lang(r->text.data);
	free(s.c);
	free(m.v);
	xmlFreeDoc(doc);
	return 0;
}

void extract_release(struct extract_result *r)
{
	free(r->title);
	free(r->author);
	free(r->site_name);
	free(r->published);
	free(r->updated);
	free(r->canonical);
	free(r->image);
	buf_release(&r->text);
}

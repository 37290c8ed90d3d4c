#include "meta.h"

#include <ctype.h>
#include <jansson.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "hints.h"
#include "html.h"
#include "text.h"
#include "url.h"
#include "common.h"

#define MAX_DEPTH 200

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

xmlNodePtr meta_find(xmlNodePtr n, const char *name)
{
	return find_first(n, name, 0);
}

static char *node_text(xmlNodePtr n)
{
	struct buf b;

	if (!n)
		return NULL;
	buf_init(&b, 64 * 1024);
	html_inline_text(n, &b);
	buf_rtrim(&b);
	if (!b.len) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

static void read_json_ld(xmlNodePtr n, const char *url, struct meta *r, char **headline,
	int depth);

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

void meta_read(htmlDocPtr doc, const char *url, struct meta *r)
{
	xmlNodePtr head = meta_find((xmlNodePtr)doc, "head");
	char **og_title = &r->og_title;

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
			*field = text_dup_clean(content);
	}
	read_json_ld((xmlNodePtr)doc, url, r, &r->headline, 0);
	r->html_title = node_text(meta_find((xmlNodePtr)doc, "title"));
	r->h1 = node_text(meta_find((xmlNodePtr)doc, "h1"));
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

static void from_json_ld_node(json_t *n, const char *url, struct meta *r, char **headline)
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
		*headline = text_dup_clean(json_string_value(json_object_get(n, "headline")));
	if (json_is_string(json_object_get(n, "mainEntityOfPage")))
		set_url(&r->canonical, url, json_string_value(json_object_get(n, "mainEntityOfPage")));
}

static void read_json_ld(xmlNodePtr n, const char *url, struct meta *r, char **headline,
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

static void read_time_element(xmlNodePtr n, struct meta *r, int depth)
{
	for (xmlNodePtr c = n ? n->children : NULL; c && !r->published && depth < MAX_DEPTH;
		c = c->next) {
		if (c->type != XML_ELEMENT_NODE || hints_is_junk_tag(c))
			continue;
		if (html_is(c, "time") && html_attr(c, "datetime")) {
			set_time(&r->published, html_attr(c, "datetime"));
			return;
		}
		read_time_element(c, r, depth + 1);
	}
}

/* /2026/11/29/, /2026-11-29, /20261129/: a date many CMSes put in their URLs. */
static void read_url_date(const char *url, struct meta *r)
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

void meta_dates(xmlNodePtr container, xmlNodePtr body, const char *url, struct meta *r)
{
	if (container)
		read_time_element(container, r, 0);
	read_time_element(body, r, 0);
	read_url_date(url, r);
}

void meta_release(struct meta *m)
{
	free(m->author);
	free(m->site_name);
	free(m->published);
	free(m->updated);
	free(m->canonical);
	free(m->image);
	free(m->og_title);
	free(m->headline);
	free(m->html_title);
	free(m->h1);
	memset(m, 0, sizeof(*m));
}

#include <jansson.h>
#include <string.h>

#include "feed_read.h"
#include "common.h"

/* JSON Feed 1.0 and 1.1 (jsonfeed.org). */

static char *json_text(json_t *v, int html)
{
	const char *s = json_string_value(v);

	return s ? feed_text(s, strlen(s), html) : NULL;
}

/* An id, which feeds send as a number as often as the string the spec asks for. */
static char *json_id(json_t *v)
{
	char n[32];

	if (json_is_integer(v)) {
		snprintf(n, sizeof(n), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return xstrdup(n);
	}
	return json_text(v, 0);
}

static char *json_date(struct feed *f, json_t *v)
{
	return feed_date(f, json_string_value(v));
}

static void json_entry(struct feed *f, json_t *item, const char *url, struct feed_entry *e)
{
	const char *link = json_string_value(json_object_get(item, "url"));
	json_t *author = json_object_get(item, "author"), *authors = json_object_get(item, "authors");

	if (!link)
		link = json_string_value(json_object_get(item, "external_url"));
	if (link)
		e->link = feed_link(url, link);
	e->title = json_text(json_object_get(item, "title"), 1);
	e->id = json_id(json_object_get(item, "id"));
	e->summary = json_text(json_object_get(item, "summary"), 1);
	e->content = json_text(json_object_get(item, "content_html"), 1);
	if (!e->content)
		e->content = json_text(json_object_get(item, "content_text"), 0);
	e->published = json_date(f, json_object_get(item, "date_published"));
	e->updated = json_date(f, json_object_get(item, "date_modified"));
	if (!author && json_is_array(authors)) /* 1.1; "author" in 1.0 */
		author = json_array_get(authors, 0);
	e->author = json_text(json_object_get(author, "name"), 0);
}

int feed_json_read(struct feed *f, const char *text, size_t len, const char *url, char *errstr,
	size_t errsize)
{
	json_error_t jerr;
	json_t *doc = json_loadb(text, len, 0, &jerr), *items, *item;
	const char *home;
	size_t i;

	if (!doc) {
		snprintf(errstr, errsize, "not a feed: invalid JSON (%s)", jerr.text);
		return -1;
	}
	/* Feeds write "1.0" for the version, or nothing: the items are what makes one. */
	items = json_object_get(doc, "items");
	if (!json_is_array(items)) {
		snprintf(errstr, errsize, "not a feed: JSON without an array of items");
		json_decref(doc);
		return -1;
	}
	f->title = json_text(json_object_get(doc, "title"), 1);
	if ((home = json_string_value(json_object_get(doc, "home_page_url"))))
		f->link = feed_link(url, home);
	f->lang = json_text(json_object_get(doc, "language"), 0);
	json_array_foreach(items, i, item) {
		struct feed_entry e = { 0 };

		if (!json_is_object(item)) {
			f->report.lost++;
			continue;
		}
		json_entry(f, item, url, &e);
		feed_add(f, &e);
	}
	json_decref(doc);
	return 0;
}

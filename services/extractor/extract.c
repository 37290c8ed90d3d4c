#include "extract.h"

#include <string.h>
#include <strings.h>

#include "gather.h"
#include "hints.h"
#include "html.h"
#include "meta.h"
#include "notpage.h"
#include "score.h"
#include "text.h"
#include "title.h"
#include "url.h"
#include "common.h"

#define EXTRACT_TEXT_MAX (4 * 1024 * 1024)
/* Containers an article may be gathered from: the best one and its siblings. */
#define MAX_PICKED 256
/*
 * Less text than this (in characters, a CJK character counting as three)
 * and the first try, which skips containers named like boilerplate, is
 * doubted: a layout named "with-sidebar" may hold the article.
 */
#define SHORT_TEXT 500
/*
 * How many times more text the try that reads links as text must find
 * to be taken: a page of links read whole, not a short post's site menu.
 */
#define LINKS_GAIN 5
/*
 * Prose (weight_of()) of the shortest article: a news item of two
 * sentences. With less, the page may have no article at all.
 */
#define PARAGRAPH_PROSE 130

/*
 * Long prose in a container with few links is an article; a short text or
 * one gathered from a link-heavy container or the whole body less likely.
 */
static double confidence(const struct score_tree *t, xmlNodePtr best, size_t chars)
{
	const struct score_el *e = score_of(t, best);
	double c;

	if (!e || !chars)
		return 0.1;
	/* text read from links (SCORE_LINKS_AS_TEXT) is no article's prose */
	c = 0.3 + 0.4 * (chars >= 1500 ? 1.0 : (double)chars / 1500.0) +
	    0.3 * (e->chars && !t->links_as_text ? 1.0 - (double)e->link / (double)e->chars : 0.0);
	return c > 1.0 ? 1.0 : c;
}

/* Characters of text, a CJK character counting as a word of three letters. */
static size_t weight_of(const char *s)
{
	size_t cjk, words;

	text_count(s, &cjk, &words);
	return text_chars(s) + 2 * cjk;
}

/*
 * The prose of best (score_el's prose) weighed as weight_of() weighs
 * text, as the share of its text that is prose: a CJK character counts
 * three.
 */
static size_t prose_weight(const struct score_tree *t, xmlNodePtr best, const char *text)
{
	const struct score_el *e = score_of(t, best);
	size_t chars = text_chars(text);

	if (!e || !chars)
		return 0;
	return (size_t)((double)e->prose * (double)weight_of(text) / (double)chars);
}

/* Words of text a page that says it is missing may hold: its notice and the site's furniture. */
#define NOTICE_WORDS 500

/*
 * Why the page is no article, or NULL: its title or its first heading,
 * or all the text there is, says the page is missing or failed, and the
 * text is no longer than such a notice. Caller frees.
 */
static char *not_article(const struct meta *m, const char *text)
{
	const char *says[] = { m->html_title, m->og_title, m->h1, text };
	size_t cjk, words;
	struct buf b;

	text_count(text, &cjk, &words);
	if (words + cjk / 2 > NOTICE_WORDS)
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(says); i++) {
		char *what;

		/* the title names the site beside the notice; the text is the notice alone */
		if (!notpage_says_missing(says[i], says[i] != text))
			continue;
		what = text_shorten(says[i], 80);
		buf_init(&b, 1024);
		buf_printf(&b, "the page says it is missing (\"%s\"), not an article", what);
		free(what);
		return buf_detach(&b, NULL);
	}
	return NULL;
}

/* 1 if n is inside or is ancestor (either may be NULL). */
static int is_within(xmlNodePtr n, xmlNodePtr ancestor)
{
	for (; n && ancestor; n = n->parent)
		if (n == ancestor)
			return 1;
	return 0;
}

/*
 * 1 if n or a box around it below stop is boilerplate by its name
 * ("sidebar", "nav"), its tag (<nav>, <footer>) or its role
 * ("navigation") before any is named as an article: what reading links
 * as text finds there is the site's menus. A "main" box inside an
 * "outerAd" wrapping the whole page is the page's.
 */
static int in_boilerplate(xmlNodePtr n, xmlNodePtr stop)
{
	for (; n && n != stop; n = n->parent) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (hints_is_furniture_tag(n) || hints_is_unwanted(n))
			return 1;
		if (!n->properties)
			continue;
		if (hints_class_weight(n) > 0)
			return 0;
		if (hints_skip_weight(n) < 0)
			return 1;
	}
	return 0;
}

/* One try: the text of the best container and its siblings into out; the container, or NULL. */
static xmlNodePtr try_extract(struct score_tree *t, const char *title, int strip_named,
	struct buf *out)
{
	xmlNodePtr picked[MAX_PICKED], best;
	size_t n = score_pick(t, strip_named, picked, MAX_PICKED, &best);

	if (n)
		gather_text(t, picked, n, title, strip_named, out);
	return best;
}

int extract_html(const char *html, size_t len, const char *charset, const char *url,
	struct extract_result *r, char *errstr, size_t errsize)
{
	struct meta m = { 0 };
	struct score_tree t;
	htmlDocPtr doc;
	xmlNodePtr body, best;
	char *host = url ? url_host(url) : NULL;
	const char *not_text;
	unsigned flags = 0; /* score_measure()'s */

	memset(r, 0, sizeof(*r));
	buf_init(&r->text, EXTRACT_TEXT_MAX);
	r->lang = "und";
	if ((not_text = html_not_text(html, len, charset))) {
		snprintf(errstr, errsize, "not a page of text: %s", not_text);
		free(host);
		return -1;
	}
	doc = html_parse(html, len, url, charset);
	if (!doc || !xmlDocGetRootElement(doc)) {
		snprintf(errstr, errsize, "the page holds no HTML");
		if (doc)
			xmlFreeDoc(doc);
		free(host);
		return -1;
	}
	meta_read(doc, url, &m);
	{
		const char *cands[] = { m.og_title, m.headline, m.html_title, m.h1 };

		r->title = title_pick(cands, 4, m.site_name, host);
	}

	body = meta_find((xmlNodePtr)doc, "body");
	if (!body)
		body = xmlDocGetRootElement(doc);
	score_measure(&t, body, flags);
	best = try_extract(&t, r->title, 1, &r->text);
	if (!best) {
		/* No prose at all: a page may show its article only to readers without scripts. */
		flags = SCORE_NOSCRIPT;
		score_release(&t);
		score_measure(&t, body, flags);
		best = try_extract(&t, r->title, 1, &r->text);
	}
	if (weight_of(r->text.data) < SHORT_TEXT) {
		/* Too little: maybe a container named like boilerplate holds the article. */
		struct buf again;
		xmlNodePtr other;

		buf_init(&again, EXTRACT_TEXT_MAX);
		other = try_extract(&t, r->title, 0, &again);
		/*
		 * Only a different container: one around the first adds back
		 * what the names had rightly left out.
		 */
		if (weight_of(again.data) > weight_of(r->text.data) * 3 / 2 &&
			!is_within(best, other)) {
			buf_release(&r->text);
			r->text = again;
			best = other;
		} else {
			buf_release(&again);
		}
	}
	if (r->text.len && prose_weight(&t, best, r->text.data) < PARAGRAPH_PROSE) {
		/*
		 * Less prose than a short news item's: on a page with no article, its main content
		 * may be links (a table of contents, a directory, a section
		 * front of linked teasers), which both tries left out as menus.
		 * Measured again with links as text, boilerplate names still
		 * skipped, the page's main box is what it has to say. Not a
		 * box in a named sidebar: one that holds most of a blog's empty
		 * front is kept by score_unwanted(), and its lists are menus.
		 */
		struct score_tree lt;
		struct buf again;
		xmlNodePtr other;

		buf_init(&again, EXTRACT_TEXT_MAX);
		score_measure(&lt, body, flags | SCORE_LINKS_AS_TEXT);
		other = try_extract(&lt, r->title, 1, &again);
		if (weight_of(again.data) >= SHORT_TEXT &&
			weight_of(again.data) > weight_of(r->text.data) * LINKS_GAIN &&
			!in_boilerplate(other, body)) {
			buf_release(&r->text);
			r->text = again;
			best = other;
			score_release(&t);
			t = lt;
		} else {
			/*
			 * t's measures are still found through the nodes: the
			 * second measure gave each node the slot it had in t (the
			 * same walk, the same flags but how links count).
			 */
			buf_release(&again);
			score_release(&lt);
		}
	}
	if (best && !r->text.len)
		html_node_text(body, &r->text);
	r->confidence = confidence(&t, best, r->text.len ? text_chars(r->text.data) : 0);
	meta_dates(best, body, url, &m);
	/* The metadata's strings become the result's. */
	r->author = m.author, m.author = NULL;
	r->site_name = m.site_name, m.site_name = NULL;
	r->published = m.published, m.published = NULL;
	r->updated = m.updated, m.updated = NULL;
	r->canonical = m.canonical, m.canonical = NULL;
	r->image = m.image, m.image = NULL;
	r->lang = text_detect_lang(r->text.data);
	if (best) {
		r->not_article = not_article(&m, r->text.data);
	} else {
		/*
		 * No paragraph of prose anywhere (a parked domain, a search
		 * form, a bare "404"): the page's menus and labels are no
		 * article, and the digest would have nothing to condense. The
		 * text stays empty; the reason names a notice if there is one.
		 */
		struct buf all;

		buf_init(&all, EXTRACT_TEXT_MAX);
		html_node_text(body, &all);
		r->not_article = not_article(&m, all.data);
		if (!r->not_article)
			r->not_article = xstrdup(all.len ? "no paragraph of prose on the page, only "
							   "short lines, links or captions: not an article" :
							   "no text on the page, only scripts or markup: "
							   "not an article");
		buf_release(&all);
	}
	score_release(&t);
	meta_release(&m);
	free(host);
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
	free(r->not_article);
	buf_release(&r->text);
}

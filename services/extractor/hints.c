#include "hints.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "common.h"

static int is_one_of(xmlNodePtr n, const char *const *tags, size_t ntags)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return 0;
	for (size_t i = 0; i < ntags; i++)
		if (!strcasecmp((const char *)n->name, tags[i]))
			return 1;
	return 0;
}

int hints_is_junk_tag(xmlNodePtr n)
{
	static const char *const tags[] = { "script", "style", "noscript", "iframe", "svg",
		"button", "select", "template", "object", "embed", "canvas", "input", "textarea",
		"dialog", "head", "link", "meta", "video", "audio", "map", "math" };

	return is_one_of(n, tags, ARRAY_SIZE(tags));
}

/* 1 if a block element and 200 characters of text are under n: a page, not a label. */
static int holds_page(xmlNodePtr n)
{
	size_t chars = 0;
	int block = 0;

	/* depth-first, without recursion: a page may lie under n */
	for (xmlNodePtr c = n->children; c && !(block && chars >= 200);) {
		if (c->type == XML_TEXT_NODE && c->content)
			chars += strlen((const char *)c->content);
		block |= hints_is_block(c);
		if (c->children && c->type == XML_ELEMENT_NODE) {
			c = c->children;
			continue;
		}
		while (c != n && !c->next)
			c = c->parent;
		c = c == n ? NULL : c->next;
	}
	return block && chars >= 200;
}

int hints_is_junk(xmlNodePtr n, int noscript)
{
	static const char *const open_ended[] = { "button", "svg", "math" };

	if (!hints_is_junk_tag(n))
		return 0;
	if (noscript && html_is(n, "noscript"))
		return 0;
	return !(is_one_of(n, open_ended, ARRAY_SIZE(open_ended)) && holds_page(n));
}

int hints_is_furniture_tag(xmlNodePtr n)
{
	static const char *const tags[] = { "nav", "header", "footer", "aside", "form", "menu" };

	return is_one_of(n, tags, ARRAY_SIZE(tags));
}

int hints_is_heading(xmlNodePtr n)
{
	static const char *const tags[] = { "h1", "h2", "h3", "h4", "h5", "h6" };

	return is_one_of(n, tags, ARRAY_SIZE(tags));
}

int hints_is_link(xmlNodePtr n)
{
	return html_is(n, "a") &&
	       (html_attr(n, "href") || !html_attr(n, "name") || html_attr(n, "class"));
}

int hints_is_block(xmlNodePtr n)
{
	static const char *const tags[] = { "p", "div", "section", "article", "main", "table",
		"ul", "ol", "dl", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "figure",
		"header", "footer", "aside", "nav", "form", "hr", "li", "tr", "td", "address" };

	return is_one_of(n, tags, ARRAY_SIZE(tags));
}

/* 1 if a CSS declaration in style sets property to value ("display: none"). */
static int style_sets(const char *style, const char *property, const char *value)
{
	size_t n = strlen(property);

	for (const char *p = style; (p = strcasestr(p, property)); p += n) {
		const char *v = p + n;

		while (*v == ' ' || *v == ':')
			v++;
		if (!strncasecmp(v, value, strlen(value)))
			return 1;
	}
	return 0;
}

int hints_is_hidden(xmlNodePtr n)
{
	const char *style = html_attr(n, "style"), *aria = html_attr(n, "aria-hidden");

	/*
	 * Only "hidden" with a value: a bare one is how a streaming renderer
	 * (React's) parks the article's parts until its script moves them in
	 * (<div hidden id="S:0">), and a reader without scripts still wants
	 * them (WCXB: seven articles lost when it hid).
	 */
	if (html_attr(n, "hidden") || (aria && !strcasecmp(aria, "true")))
		return 1;
	return style && (style_sets(style, "display", "none") ||
				style_sets(style, "visibility", "hidden"));
}

/*
 * Calls fn on each word of s: runs of letters and digits, split where a
 * lower-case letter meets an upper-case one ("articleBody") and where
 * digits follow letters ("galleryCaption651", "ad728"). Words come
 * lower-cased; fn returns non-zero to stop, which is returned.
 */
static int each_word(const char *s, int (*fn)(const char *word, void *arg), void *arg)
{
	char w[32];
	size_t n = 0;

	for (const char *p = s;; p++) {
		unsigned char c = (unsigned char)*p;
		int boundary = !isalnum(c) ||
			       (n && isupper(c) && islower((unsigned char)p[-1])) ||
			       (n && isdigit(c) && isalpha((unsigned char)p[-1]));

		if (boundary && n) {
			int rc;

			w[n < sizeof(w) ? n : sizeof(w) - 1] = '\0';
			if ((rc = fn(w, arg)))
				return rc;
			n = 0;
		}
		if (!c)
			return 0;
		if (isalnum(c)) {
			if (n + 1 < sizeof(w))
				w[n] = (char)tolower(c);
			n++;
		}
	}
}

struct wordlist {
	const char *const *words;
	size_t n;
};

static int in_list(const char *word, void *arg)
{
	const struct wordlist *l = arg;

	/* the first letter first: most words of a page's names are in no list */
	for (size_t i = 0; i < l->n; i++)
		if (word[0] == l->words[i][0] && !strcmp(word, l->words[i]))
			return 1;
	return 0;
}

/* in_list() for the first word alone: 1 if it is in the list, 2 if not. */
static int first_in_list(const char *word, void *arg)
{
	return in_list(word, arg) ? 1 : 2;
}

static int count_word(const char *word, void *arg)
{
	(void)word;
	++*(size_t *)arg;
	return 0;
}

/* 1 if a word of the class or id (or of the other attributes named) is in the list. */
static int names_match(xmlNodePtr n, const char *const *attrs, size_t nattrs,
	const char *const *words, size_t nwords)
{
	struct wordlist l = { words, nwords };

	for (size_t i = 0; i < nattrs; i++) {
		const char *v = html_attr(n, attrs[i]);
		size_t nw = 0;

		/*
		 * An id of five words or more is an anchor made from a heading
		 * ("sharing-with-multiple-developers"), not a name for a part of
		 * the layout.
		 */
		if (v && !strcmp(attrs[i], "id") && (each_word(v, count_word, &nw), nw >= 5))
			continue;
		if (v && each_word(v, in_list, &l))
			return 1;
	}
	return 0;
}

static const char *const class_and_id[] = { "class", "id" };

/*
 * Names of boilerplate, and soft names that lower a container's score but
 * do not make the reader skip it: page builders wrap every block of an
 * article in a "widget", and a review ranks its products.
 */
static const char *const negative_words[] = { "comment", "comments", "commentlist", "disqus",
	"sidebar", "sidebars", "aside", "footer", "header", "masthead", "menu", "nav", "navbar",
	"navigation", "breadcrumb", "breadcrumbs", "share", "sharing", "sharer", "social",
	"related", "recommend", "recommended", "recommendations", "ad", "ads", "advert", "adverts",
	"advertisement", "advertising", "adsense", "sponsor", "sponsored", "promo", "promoted",
	"banner", "cookie", "cookies", "consent", "gdpr", "subscribe", "subscription",
	"newsletter", "tags", "toolbar", "copyright", "legal", "login", "signup", "pagination",
	"pager", "reply", "replies", "outbrain", "taboola", "popup", "modal", "skyscraper",
	"shoutbox", "byline", "dateline" };
static const char *const soft_words[] = { "widget", "widgets", "popular", "trending", "rank",
	"ranking", "hot" };
static const char *const article_words[] = { "article", "articlebody", "content", "entry",
	"hentry", "main", "post", "story", "body", "text", "blog", "detail", "prose", "richtext",
	"markdown" };

/* -1, 0 or +1 as hints_class_weight(), soft words counted only with soft. */
static int name_weight(xmlNodePtr n, int soft)
{
	int w = 0;

	if (!n->properties)
		return 0;
	if (names_match(n, class_and_id, 2, negative_words, ARRAY_SIZE(negative_words)) ||
		(soft && names_match(n, class_and_id, 2, soft_words, ARRAY_SIZE(soft_words))))
		w--;
	w += names_match(n, class_and_id, 2, article_words, ARRAY_SIZE(article_words));
	return w;
}

int hints_class_weight(xmlNodePtr n)
{
	return name_weight(n, 1);
}

int hints_skip_weight(xmlNodePtr n)
{
	return name_weight(n, 0);
}

static const char *const comment_words[] = { "comment", "comments", "commentlist", "disqus",
	"reply", "replies", "respond" };

int hints_is_comments(xmlNodePtr n)
{
	return n->properties &&
	       names_match(n, class_and_id, 2, comment_words, ARRAY_SIZE(comment_words));
}

/*
 * 1 if a class or id of n (one name between spaces) starts with a word of
 * comments and, with part, holds an article's word too, or, without, is
 * that word alone.
 */
static int names_comments(xmlNodePtr n, int part)
{
	struct wordlist comment = { comment_words, ARRAY_SIZE(comment_words) },
			article = { article_words, ARRAY_SIZE(article_words) };

	for (size_t i = 0; n->properties && i < ARRAY_SIZE(class_and_id); i++) {
		const char *v = html_attr(n, class_and_id[i]);

		while (v && *v) {
			size_t len = strcspn(v, " \t\r\n"), keep = len < 63 ? len : 63, words = 0;
			char token[64];

			memcpy(token, v, keep);
			token[keep] = '\0';
			each_word(token, count_word, &words);
			if (each_word(token, first_in_list, &comment) == 1 &&
				(part ? each_word(token, in_list, &article) != 0 : words == 1))
				return 1;
			v += len;
			v += strspn(v, " \t\r\n");
		}
	}
	return 0;
}

int hints_is_comment_part(xmlNodePtr n)
{
	return names_comments(n, 1);
}

int hints_names_comments_alone(xmlNodePtr n)
{
	return names_comments(n, 0);
}

int hints_is_caption(xmlNodePtr n)
{
	static const char *const words[] = { "caption", "captions", "figcaption", "credit",
		"credits", "copyright", "legend" };

	return html_is(n, "figcaption") ||
	       (n->properties && names_match(n, class_and_id, 2, words, ARRAY_SIZE(words)));
}

static const char *const byline_words[] = { "byline", "author", "authors", "dateline",
	"writer" };

int hints_is_byline(xmlNodePtr n)
{
	static const char *const attrs[] = { "class", "id", "rel", "itemprop" };

	return n->properties &&
	       names_match(n, attrs, ARRAY_SIZE(attrs), byline_words, ARRAY_SIZE(byline_words));
}

int hints_is_author_box(xmlNodePtr n)
{
	struct wordlist byline = { byline_words, ARRAY_SIZE(byline_words) },
			article = { article_words, ARRAY_SIZE(article_words) };

	for (size_t i = 0; n->properties && i < ARRAY_SIZE(class_and_id); i++) {
		const char *v = html_attr(n, class_and_id[i]);

		while (v && *v) {
			size_t len = strcspn(v, " \t\r\n"), keep = len < 63 ? len : 63;
			char token[64];

			memcpy(token, v, keep);
			token[keep] = '\0';
			if (each_word(token, in_list, &byline) && !each_word(token, in_list, &article))
				return 1;
			v += len;
			v += strspn(v, " \t\r\n");
		}
	}
	return 0;
}

int hints_is_unwanted(xmlNodePtr n)
{
	static const char *const roles[] = { "navigation", "complementary", "banner",
		"contentinfo", "menu", "menubar", "alert", "alertdialog", "dialog", "search" };
	const char *role;

	if (hints_is_furniture_tag(n) || !n->properties || html_is(n, "body") || html_is(n, "html"))
		return 0;
	if (hints_is_hidden(n))
		return 1;
	role = html_attr(n, "role");
	for (size_t i = 0; role && i < ARRAY_SIZE(roles); i++)
		if (!strcasecmp(role, roles[i]))
			return 1;
	return 0;
}

#include "gather.h"

#include <ctype.h>
#include <string.h>

#include "hints.h"
#include "html.h"
#include "leaks.h"
#include "text.h"
#include "common.h"

#define PARA_MAX (4 * 1024 * 1024)
/* Bytes of labels a box of links may open with, as its title. */
#define BOX_TITLE_MAX 100
/* Characters of a box about the writer ("author-box", "author-bio"). */
#define AUTHOR_BOX_MAX 1000
/* Bytes of a line that may announce a list of links. */
#define INTRO_MAX 120

struct gather {
	const struct score_tree *t;
	const char *title;
	int strip_named;
	struct buf *out;
	struct buf para; /* the paragraph being built */
	size_t chars, link; /* its text, and how much of it is link text */
	int heading, item;
	int row; /* it is a row of a table of data (in_data_table()) */
	int in_link; /* inside a link that holds blocks: a teaser's card */
	size_t tail; /* where the trailing run of labels and headings starts in out */
	size_t kept, labels; /* paragraphs of text, and labels, kept so far */
	size_t linked; /* paragraphs left out as links since the last one kept */
	size_t intro; /* where the last paragraph kept starts in out, if it may announce links */
	int intro_label; /* and whether it counted as a label */
	size_t picked_prose; /* the prose of the containers gathered from */
	int done; /* readers' comments begin: nothing after is gathered */
};

/* Bytes of the ellipsis ("...", "…") that ends p's first len bytes, with the spaces before it. */
static size_t ellipsis_len(const char *p, size_t len)
{
	size_t n = 0;

	if (len >= 3 && !memcmp(p + len - 3, "...", 3))
		n = 3;
	else if (len >= 3 && !memcmp(p + len - 3, "\xe2\x80\xa6", 3)) /* … */
		n = 3;
	while (n && n < len && p[len - n - 1] == ' ')
		n++;
	return n;
}

/*
 * A label: a few words with no sentence in them ("Climate & Environment",
 * "original poster", "Filed under: AI"), or a heading. Before the first
 * paragraph of prose and after the last, labels are a page's furniture.
 * An ellipsis ends no sentence there but a widget's state ("Loading...",
 * "Gefällt mir Wird geladen …").
 */
static int is_label(const struct gather *g)
{
	size_t cjk, words, len = g->para.len;

	if (g->heading)
		return 1;
	len -= ellipsis_len(g->para.data, len);
	if (g->item || !len || len > 60 || strchr(".!?\"", g->para.data[len - 1]) ||
		leaks_ends_sentence(g->para.data, len))
		return 0;
	text_count(g->para.data, &cjk, &words);
	return words + cjk / 2 <= 4;
}

/*
 * A line that may announce what follows it: a label, or a short line
 * ending in a colon ("Lesen Sie auch die folgenden Beiträge:").
 */
static int is_intro(const struct gather *g, int label)
{
	size_t cjk, words;
	const char *end = g->para.data + g->para.len;

	if (label)
		return 1;
	if (g->item || g->para.len > INTRO_MAX ||
		(end[-1] != ':' && (g->para.len < 3 || memcmp(end - 3, "\xef\xbc\x9a", 3)))) /* ： */
		return 0;
	text_count(g->para.data, &cjk, &words);
	return words + cjk / 2 <= 10;
}

/*
 * A line that announced a list of links goes with the list: "Weitere
 * Artikel", "Related Coverage", "Veja também:" over the teasers the page
 * offers next, in whatever language. Only a list: a heading over a
 * paragraph of links ("Tickets: ...") heads a part of the article.
 */
static void drop_intro(struct gather *g)
{
	if (g->intro == SIZE_MAX)
		return;
	g->out->len = g->intro;
	g->out->data[g->out->len] = '\0';
	if (g->intro_label)
		g->labels--;
	else
		g->kept--;
	if (g->tail != SIZE_MAX && g->tail >= g->intro)
		g->tail = SIZE_MAX;
	g->intro = SIZE_MAX;
}

/*
 * Ends the paragraph being built: it joins the text unless it is mostly
 * links or a site line. A row of data is links only when four fifths of
 * it are: "1. Tom Ashby (GK)" is a line-up, not a menu.
 */
static void flush(struct gather *g)
{
	buf_rtrim(&g->para);
	if (g->para.len && (g->row ? g->link * 5 > g->chars * 4 : g->link * 2 > g->chars) &&
		(!g->heading || g->in_link)) {
		g->linked++;
		if (g->item)
			drop_intro(g);
	} else if (g->para.len && (g->heading || !leaks_reason(g->para.data, g->para.len)) &&
		!(g->item && g->para.len <= 2)) {
		int label = is_label(g);

		if (!g->out->len && label && !g->heading)
			goto out; /* a label before the article */
		if (!label)
			g->tail = SIZE_MAX, g->kept++;
		else if (g->tail == SIZE_MAX)
			g->tail = g->out->len;
		g->labels += label;
		g->linked = 0;
		g->intro = is_intro(g, label) ? g->out->len : SIZE_MAX;
		g->intro_label = label;
		if (g->out->len)
			buf_addstr(g->out, "\n\n");
		buf_add(g->out, g->para.data, g->para.len);
	}
out:
	buf_reset(&g->para);
	g->chars = g->link = 0;
	g->heading = g->item = g->row = 0;
}

/*
 * Adds n's text to the paragraph's figures. Inside a link that holds
 * blocks (a teaser's card: "<a><h3>..</h3><p>..</p></a>") every line is
 * link text, a heading's too.
 */
static void count(struct gather *g, xmlNodePtr n)
{
	const struct score_el *e = score_of(g->t, n);
	size_t chars = 0;

	if (n->type == XML_TEXT_NODE && n->content) {
		for (const unsigned char *p = n->content; *p; p++)
			chars += (*p & 0xc0) != 0x80 && !isspace(*p);
		g->link += g->in_link && !g->t->links_as_text ? chars : 0;
	} else if (e) {
		chars = e->chars;
		g->link += (g->in_link || hints_is_link(n)) && !g->t->links_as_text ? e->chars :
										   e->link;
	}
	g->chars += chars;
}

/* The page's title repeated as a heading belongs to the title, not the text. */
static int repeats_title(xmlNodePtr n, const char *title)
{
	struct buf t;
	int same;

	if (html_is(n, "h1"))
		return 1;
	if (!title || !hints_is_heading(n))
		return 0;
	buf_init(&t, 64 * 1024);
	html_inline_text(n, &t);
	buf_rtrim(&t);
	same = t.len && !strcmp(t.data, title);
	buf_release(&t);
	return same;
}

static int is_figure(xmlNodePtr n)
{
	return html_is(n, "figure") || html_is(n, "figcaption") || html_is(n, "picture");
}

/*
 * A short element named as a byline or a caption, a box named for the
 * writer (a photo, a name and a few lines about them), a figure, or a
 * line that is mostly a caption: not the article's text. One named so
 * with half the prose gathered is the article itself: a short post whose
 * class names its author ("post author-admin").
 */
static int is_aside(const struct gather *g, xmlNodePtr n)
{
	const struct score_el *e = score_of(g->t, n);

	if (is_figure(n))
		return 1;
	if (!e)
		return 0;
	if (!e->has_block && e->caption * 2 > e->chars)
		return 1; /* a line that is mostly a caption: "<div><cite class=caption>" */
	if (e->chars * 2 >= g->picked_prose)
		return 0;
	/* the writer's box: a byline, or a few lines about the writer ("author-bio") */
	if (e->chars <= 200 ? hints_is_byline(n) :
			      e->chars <= AUTHOR_BOX_MAX && hints_is_author_box(n))
		return 1;
	return e->chars <= 200 && hints_is_caption(n);
}

/*
 * 1 if tr is in a table of data, one that labels its columns (<th>,
 * <thead>) or names itself (<caption>), as Readability tells data from
 * layout: a line-up, a price list, a timetable, whose cells may be
 * names linked to their pages.
 */
static int in_data_table(xmlNodePtr tr)
{
	xmlNodePtr table = tr->parent;

	if (table && (html_is(table, "tbody") || html_is(table, "thead")))
		table = table->parent;
	if (!html_is(table, "table"))
		return 0;
	for (xmlNodePtr c = table->children; c; c = c->next) {
		xmlNodePtr row = c;

		if (html_is(c, "caption") || html_is(c, "thead"))
			return 1;
		if (html_is(c, "tbody"))
			for (row = c->children; row && !html_is(row, "tr"); row = row->next)
				;
		if (!html_is(row, "tr"))
			continue;
		/* only the first row is asked */
		for (xmlNodePtr cell = row->children; cell; cell = cell->next)
			if (html_is(cell, "th"))
				return 1;
		return 0;
	}
	return 0;
}

static void table_row(struct gather *g, xmlNodePtr tr)
{
	/* A row reads as one line: "Model | Score | Price". */
	for (xmlNodePtr cell = tr->children; cell; cell = cell->next) {
		size_t before = g->para.len;

		if (!html_is(cell, "td") && !html_is(cell, "th"))
			continue;
		if (g->para.len)
			buf_addstr(&g->para, " | ");
		html_inline_text(cell, &g->para);
		buf_rtrim(&g->para);
		if (g->para.len == before + 3 && before)
			g->para.len = before, g->para.data[before] = '\0';
		count(g, cell);
	}
	g->row = in_data_table(tr);
	flush(g);
}

static void walk(struct gather *g, xmlNodePtr n);

/* One block that is a paragraph of its own. */
static void leaf(struct gather *g, xmlNodePtr c)
{
	flush(g);
	if (html_is(c, "tr")) {
		table_row(g, c);
		return;
	}
	if (html_is(c, "pre")) {
		xmlChar *raw = xmlNodeGetContent(c);

		if (raw)
			buf_addstr(&g->para, (const char *)raw);
		xmlFree(raw);
	} else {
		if (html_is(c, "li"))
			buf_addstr(&g->para, "- ");
		html_inline_text(c, &g->para);
	}
	g->heading = hints_is_heading(c) && !score_is_prose_heading(score_of(g->t, c));
	g->item = html_is(c, "li");
	count(g, c);
	flush(g);
}

/* A table that lays out the page, not one of data: its cells hold paragraphs. */
static int cells_hold_blocks(const struct gather *g, xmlNodePtr tr)
{
	for (xmlNodePtr cell = tr->children; cell; cell = cell->next) {
		const struct score_el *e = score_of(g->t, cell);

		if (e && e->has_block)
			return 1;
	}
	return 0;
}

/*
 * Walks container c. A box of a short label or two and then nothing but
 * links leaves no text: the labels are its title ("Related coverage",
 * "Weitere Informationen", "Explore further"), in any language.
 */
static void walk_box(struct gather *g, xmlNodePtr c)
{
	size_t len = g->out->len, tail = g->tail, kept = g->kept, labels = g->labels;

	walk(g, c);
	flush(g);
	if (g->kept == kept && g->labels > labels && g->labels - labels <= 2 && g->linked &&
		g->out->len - len <= BOX_TITLE_MAX) {
		g->out->len = len;
		g->out->data[len] = '\0';
		g->tail = tail;
		g->intro = SIZE_MAX;
	}
}

static int is_jump_target(xmlNodePtr n)
{
	return html_is(n, "a") && !html_attr(n, "href");
}

/*
 * 1 if n marks where readers' comments begin, after the article in the
 * same container: a heading or a jump target (<a> without href) named
 * "comments" and no more ('<h2 id="comments">', '<a id="comments">'), or
 * a heading that holds such a target. Not a button ('<a id="open-comments">').
 */
static int starts_comments(const struct gather *g, xmlNodePtr n)
{
	if (!g->kept || !(hints_is_heading(n) || is_jump_target(n)))
		return 0;
	if (hints_names_comments_alone(n))
		return 1;
	if (!hints_is_heading(n))
		return 0;
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (is_jump_target(c) && hints_names_comments_alone(c))
			return 1;
	return 0;
}

static void child(struct gather *g, xmlNodePtr c)
{
	const struct score_el *e;

	if (c->type == XML_TEXT_NODE) {
		count(g, c);
		html_inline_text(c, &g->para);
		return;
	}
	if (c->type == XML_ELEMENT_NODE && starts_comments(g, c)) {
		g->done = 1;
		return;
	}
	if (c->type != XML_ELEMENT_NODE || score_unwanted(g->t, c, g->strip_named) ||
		is_aside(g, c) || repeats_title(c, g->title))
		return;
	if (html_is(c, "br")) {
		/* <br><br> ends a paragraph; one <br> is a line break inside it. */
		xmlNodePtr prev = c->prev;

		while (prev && prev->type == XML_TEXT_NODE && prev->content &&
			!*(prev->content + strspn((const char *)prev->content, " \t\r\n")))
			prev = prev->prev;
		if (html_is(prev, "br"))
			flush(g);
		else
			buf_addch(&g->para, ' ');
		return;
	}
	e = score_of(g->t, c);
	if (!e)
		return;
	if (!hints_is_block(c) && !e->has_block) {
		/* inline: part of the paragraph being built */
		count(g, c);
		html_inline_text(c, &g->para);
		return;
	}
	if (!e->has_block && (html_is(c, "p") || html_is(c, "li") || html_is(c, "pre") ||
				     hints_is_heading(c) || html_is(c, "dd") || html_is(c, "dt") ||
				     html_is(c, "div") || html_is(c, "section") || html_is(c, "td") ||
				     html_is(c, "blockquote") || html_is(c, "address") ||
				     html_is(c, "article"))) {
		leaf(g, c);
		return;
	}
	if (html_is(c, "tr") && !cells_hold_blocks(g, c)) {
		leaf(g, c);
		return;
	}
	flush(g);
	g->in_link += hints_is_link(c);
	walk_box(g, c);
	g->in_link -= hints_is_link(c);
}

static void walk(struct gather *g, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c && !g->done; c = c->next)
		child(g, c);
}

void gather_text(const struct score_tree *t, xmlNodePtr *nodes, size_t n, const char *title,
	int strip_named, struct buf *out)
{
	struct gather g = { .t = t, .title = title, .strip_named = strip_named, .out = out,
		.tail = SIZE_MAX, .intro = SIZE_MAX };

	buf_init(&g.para, PARA_MAX);
	for (size_t i = 0; i < n; i++)
		g.picked_prose += score_of(t, nodes[i])->prose;
	for (size_t i = 0; i < n && !g.done; i++) {
		/* a photo beside the article, picked for the line in it ("S.C. on ...") */
		if (n > 1 && is_figure(nodes[i]))
			continue;
		if (html_is(nodes[i], "body") || html_is(nodes[i], "html") ||
			score_of(t, nodes[i])->has_block || !hints_is_block(nodes[i]))
			walk(&g, nodes[i]);
		else
			child(&g, nodes[i]);
		flush(&g);
	}
	/* Labels and headings after the last paragraph: tags, "Related stories". */
	if (g.tail != SIZE_MAX) {
		out->len = g.tail;
		out->data[out->len] = '\0';
	}
	buf_release(&g.para);
}

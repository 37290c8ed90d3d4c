/*
 * One algorithm, past the usual size of a file here: measuring the page,
 * scoring its paragraphs and choosing the article's container with the
 * siblings that join it are steps of one choice, each reading the
 * figures the others leave (score.h).
 */
#include "score.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "hints.h"
#include "html.h"
#include "common.h"

/* How many of the best candidates are asked whether they share an ancestor. */
#define TOP_CANDIDATES 5

/* The longest text an element named as a caption or credit holds and is one. */
#define CAPTION_MAX 500

/* What a stretch of text is made of: score_el's figures, or a run of loose text's. */
struct figures {
	size_t chars, link, words, commas, cjk;
};

/*
 * Adds the figures of text s to f: non-space characters, words (runs
 * between spaces; a CJK character is a word of its own), CJK characters
 * and commas (, and the full-width ，and 、).
 */
static void count_text(const unsigned char *s, struct figures *f)
{
	int in_word = 0, cjk;

	for (const unsigned char *p = s; *p; p++) {
		if (isspace(*p)) {
			in_word = 0;
			continue;
		}
		if ((*p & 0xc0) != 0x80)
			f->chars++;
		/* lead bytes 0xe3..0xed: U+3000..U+DFFF, CJK and Hangul among them */
		cjk = *p >= 0xe3 && *p <= 0xed;
		f->cjk += cjk;
		if (!in_word || cjk)
			f->words++;
		in_word = 1;
		if (*p == ',' || (*p == 0xef && p[1] == 0xbc && p[2] == 0x8c) ||
			(*p == 0xe3 && p[1] == 0x80 && p[2] == 0x81))
			f->commas++;
	}
}

/* Adds a measured element's figures to f: all of its text is link text when it is a link. */
static void add_figures(struct figures *f, const struct score_el *e, int is_link)
{
	f->chars += e->chars;
	f->words += e->words;
	f->commas += e->commas;
	f->cjk += e->cjk;
	f->link += is_link ? e->chars : e->link;
}

static size_t measure(struct score_tree *t, xmlNodePtr n, size_t parent)
{
	struct figures f = { 0 };
	struct score_el st;
	size_t slot;

	memset(&st, 0, sizeof(st));
	st.node = n;
	st.parent = parent;
	st.weight = (signed char)hints_class_weight(n);
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? t->alloc * 2 : 256;
		t->v = xrealloc(t->v, t->alloc * sizeof(*t->v));
	}
	slot = t->n++;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content) {
			count_text(c->content, &f);
		} else if (c->type == XML_ELEMENT_NODE && !hints_is_junk(c, t->noscript)) {
			size_t k = measure(t, c, slot);
			const struct score_el *sub = &t->v[k];

			add_figures(&f, sub, !t->links_as_text && hints_is_link(c));
			st.caption += sub->chars <= CAPTION_MAX && hints_is_caption(c) ? sub->chars :
											 sub->caption;
			if (sub->named_inside > st.named_inside)
				st.named_inside = sub->named_inside;
			if (sub->weight > 0 && sub->chars >= 500 && sub->link * 2 < sub->chars &&
				sub->chars > st.named_inside)
				st.named_inside = sub->chars;
			st.has_block |= sub->has_block || hints_is_block(c);
		}
	}
	st.chars = f.chars, st.link = f.link, st.words = f.words, st.commas = f.commas;
	st.cjk = f.cjk;
	t->v[slot] = st;
	n->_private = (void *)(uintptr_t)(slot + 1);
	return slot;
}

void score_measure(struct score_tree *t, xmlNodePtr root, unsigned flags)
{
	memset(t, 0, sizeof(*t));
	t->root = root;
	t->noscript = !!(flags & SCORE_NOSCRIPT);
	t->links_as_text = !!(flags & SCORE_LINKS_AS_TEXT);
	if (root)
		measure(t, root, SCORE_NONE);
}

const struct score_el *score_of(const struct score_tree *t, xmlNodePtr n)
{
	uintptr_t slot = n ? (uintptr_t)n->_private : 0;

	return slot && slot <= t->n && t->v[slot - 1].node == n ? &t->v[slot - 1] : NULL;
}

/*
 * 1 if n's names skip it: a boilerplate name, or a name that only lowers
 * a score ("widget") on a box of little text or mostly links (a like
 * button, a list of recent posts). A page builder's widget that holds
 * paragraphs of the article stays.
 */
static int named_to_skip(const struct score_tree *t, xmlNodePtr n)
{
	const struct score_el *e;

	if (hints_skip_weight(n) < 0)
		return 1;
	if (hints_class_weight(n) >= 0)
		return 0;
	e = score_of(t, n);
	return !e || e->link * 10 >= e->chars * 3;
}

/*
 * Four fifths of the page's text is no sidebar, banner or form, whatever
 * it is called: a <form> around a whole ASP.NET page, an ad slot's <div>
 * or a <section role="complementary"> left open around the rest. Unless
 * it is mostly links: then it is the site's menu, however long.
 */
static int holds_the_page(const struct score_tree *t, const struct score_el *e)
{
	return e->chars * 5 >= t->v[0].chars * 4 && e->link * 2 < e->chars;
}

int score_unwanted(const struct score_tree *t, xmlNodePtr n, int strip_named)
{
	const struct score_el *e;

	/* not measured: junk (hints_is_junk()) or outside the body */
	if (!(e = score_of(t, n)))
		return 1;
	if (hints_is_unwanted(n))
		return hints_is_hidden(n) || !holds_the_page(t, e);
	/*
	 * Readers' comments are never the article, whatever their parts are
	 * called: a comment's body is no article's body.
	 */
	if (n->properties && hints_is_comments(n) &&
		(hints_skip_weight(n) < 0 || hints_is_comment_part(n)))
		return 1;
	if (!hints_is_furniture_tag(n) &&
		(strip_named ? !n->properties || !named_to_skip(t, n) : !hints_is_comments(n)))
		return 0;
	if (holds_the_page(t, e))
		return 0;
	return !(e->named_inside && (!html_is(n, "aside") || e->named_inside * 2 >= e->chars));
}

/* Characters of a heading that is a paragraph of prose set as one: no headline is as long. */
#define PROSE_HEADING 250

/*
 * Only <h1> to <h4>: a browser sets them at the body's size or larger, so
 * a page may set its text in them for the look; <h5> and <h6> are smaller
 * than the body's text, the small print of a disclaimer or a note.
 */
int score_is_prose_heading(const struct score_el *e)
{
	xmlNodePtr n = e->node;

	return e->chars >= PROSE_HEADING && !e->has_block && e->link * 2 < e->chars &&
	       (html_is(n, "h1") || html_is(n, "h2") || html_is(n, "h3") || html_is(n, "h4"));
}

/*
 * A paragraph of its own: p, pre, a heading of prose, or a div, section,
 * td or li holding no blocks.
 */
static int is_paragraph(const struct score_el *e)
{
	xmlNodePtr n = e->node;

	return html_is(n, "p") || html_is(n, "pre") || score_is_prose_heading(e) ||
	       ((html_is(n, "div") || html_is(n, "section") || html_is(n, "td") ||
			html_is(n, "li")) && !e->has_block);
}

/* Readability's start for a container: what its tag and its names say. */
static double initial_score(const struct score_el *e)
{
	xmlNodePtr n = e->node;
	double s = 0;

	if (html_is(n, "div") || html_is(n, "article") || html_is(n, "main"))
		s = 5;
	else if (html_is(n, "pre") || html_is(n, "td") || html_is(n, "blockquote"))
		s = 3;
	else if (html_is(n, "ol") || html_is(n, "ul") || html_is(n, "dl") || html_is(n, "dd") ||
		 html_is(n, "dt") || html_is(n, "li") || html_is(n, "form") || html_is(n, "address"))
		s = -3;
	else if (hints_is_heading(n) || html_is(n, "th"))
		s = -5;
	/*
	 * An article's name counts for a container that holds an article's
	 * worth of text, not for a video player named "story_0".
	 */
	if (e->weight > 0)
		return s + 25.0 * (e->chars >= 250 ? 1.0 : (double)e->chars / 250.0);
	return s + 25.0 * e->weight;
}

static void add_score(struct score_tree *t, size_t i, double score)
{
	struct score_el *e = &t->v[i];

	if (!e->scored) {
		e->scored = 1;
		e->score = initial_score(e);
	}
	e->score += score;
}

/*
 * 1 if text of chars characters in words words reads as words: code, data
 * or markup that a script or a broken attribute left in the text has
 * "words" over a dozen characters long on average.
 */
static int is_wording(size_t chars, size_t words)
{
	return words * 12 >= chars;
}

/* Letters of the shortest paragraph: a menu's or a label's line is shorter. */
#define PARAGRAPH_MIN 25

/*
 * A paragraph of text f whose parent is slot parent: it scores the parent
 * fully, the grandparent half and three more levels less, and its prose
 * counts for every ancestor from prose_from up. With score 0 only its
 * prose counts. No paragraph: a line too short (under PARAGRAPH_MIN, a CJK
 * character weighing three letters: "城东新桥今天上午正式通车。" is a
 * sentence), mostly links, or no words (is_wording()).
 */
static void add_paragraph(struct score_tree *t, size_t parent, size_t prose_from,
	const struct figures *f, int score)
{
	size_t chars = f->chars, up = parent;
	double s = 1.0 + (double)f->commas + (chars / 100 > 3 ? 3.0 : (double)(chars / 100));

	if (chars + 2 * f->cjk < PARAGRAPH_MIN || f->link * 2 > chars ||
		!is_wording(chars, f->words))
		return;
	for (int level = 0; score && level < 5 && up != SCORE_NONE; level++, up = t->v[up].parent)
		add_score(t, up, level == 0 ? s : s / (level == 1 ? 2.0 : level * 3.0));
	for (up = prose_from; up != SCORE_NONE; up = t->v[up].parent)
		t->v[up].prose += chars;
}

static int is_br(xmlNodePtr n)
{
	return n && n->type == XML_ELEMENT_NODE && html_is(n, "br");
}

/*
 * Text that sits in a container between its blocks, outside any
 * paragraph, is a paragraph all the same, as Readability wraps a div's
 * phrasing content and a run of <br><br> in a <p>: an old page, a forum
 * post or a blog's body written as lines with breaks.
 */
static void score_loose_text(struct score_tree *t, xmlNodePtr n, int strip_named, int score)
{
	size_t slot = score_of(t, n) - t->v;
	struct figures run = { 0 };
	xmlNodePtr last_br = NULL;

	for (xmlNodePtr c = n->children;; c = c->next) {
		const struct score_el *e = c && c->type == XML_ELEMENT_NODE ? score_of(t, c) : NULL;
		int end = !c || (e && (hints_is_block(c) || e->has_block)) ||
			  (is_br(c) && last_br);

		if (end) {
			add_paragraph(t, slot, slot, &run, score);
			memset(&run, 0, sizeof(run));
			last_br = NULL;
			if (!c)
				return;
			continue;
		}
		if (c->type == XML_TEXT_NODE && c->content) {
			size_t before = run.chars;

			count_text(c->content, &run);
			if (run.chars > before)
				last_br = NULL;
		} else if (is_br(c)) {
			last_br = c;
		} else if (e && !score_unwanted(t, c, strip_named)) {
			add_figures(&run, e, !t->links_as_text && hints_is_link(c));
			last_br = e->chars ? NULL : last_br;
		}
	}
}

/* Each paragraph of prose scores its ancestors (add_paragraph()). */
static void score_paragraphs(struct score_tree *t, xmlNodePtr n, int strip_named)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		const struct score_el *e;
		int cell;

		if (c->type != XML_ELEMENT_NODE || !(e = score_of(t, c)) ||
			score_unwanted(t, c, strip_named))
			continue;
		/* A table cell scores as Readability scores it, and so do the paragraphs in it. */
		cell = html_is(c, "td") && e->has_block;
		if (!is_paragraph(e)) {
			score_paragraphs(t, c, strip_named);
			if (e->has_block)
				score_loose_text(t, c, strip_named, !cell);
			if (!cell)
				continue;
		}
		struct figures f = { 0 };

		/* A photo's caption is no paragraph of the article: a gallery is no story. */
		if (e->caption * 2 > e->chars)
			continue;
		add_figures(&f, e, 0);
		add_paragraph(t, e->parent, cell ? SCORE_NONE : (size_t)(e - t->v), &f, 1);
	}
}

static double link_density(const struct score_el *e)
{
	return e->chars ? (double)e->link / (double)e->chars : 0.0;
}

static int is_ancestor(const struct score_tree *t, size_t a, size_t i)
{
	for (size_t up = t->v[i].parent; up != SCORE_NONE; up = t->v[up].parent)
		if (up == a)
			return 1;
	return 0;
}

static int same_class(xmlNodePtr a, xmlNodePtr b)
{
	const char *x = html_attr(a, "class"), *y = html_attr(b, "class");

	return x && y && *x && !strcmp(x, y);
}

/*
 * The most prose one piece of n holds: its largest element child's, or,
 * through wrappers (a child holding nearly all of n's prose), the largest
 * piece of that child: a comment thread sits in a box or two.
 */
static size_t largest_child(const struct score_tree *t, xmlNodePtr n)
{
	for (int depth = 0; depth < 8; depth++) {
		const struct score_el *most = NULL, *e = score_of(t, n);

		for (xmlNodePtr c = n->children; c; c = c->next) {
			const struct score_el *k = score_of(t, c);

			if (k && (!most || k->prose > most->prose))
				most = k;
		}
		if (!most || !e || most->prose * 10 < e->prose * 9)
			return most ? most->prose : 0;
		n = most->node;
	}
	return score_of(t, n) ? score_of(t, n)->prose : 0;
}

/*
 * 1 if a child of up beside the one on our path (from) is a rival: more
 * prose than ours, in pieces each under half of ours (a comment thread, a
 * list of teasers), not the rest of our article.
 */
static int has_rival(const struct score_tree *t, size_t up, size_t from)
{
	for (xmlNodePtr c = t->v[up].node->children; c; c = c->next) {
		const struct score_el *e = score_of(t, c);

		if (e && e != &t->v[from] && e->prose > t->v[from].prose &&
			largest_child(t, c) * 2 < t->v[from].prose)
			return 1;
	}
	return 0;
}

static size_t element_children(const struct score_tree *t, xmlNodePtr n)
{
	size_t k = 0;

	for (xmlNodePtr c = n->children; c; c = c->next)
		k += score_of(t, c) != NULL;
	return k;
}

/* A sibling with a sentence of prose and no links reads as part of the article. */
static int reads_as_prose(const struct score_el *e)
{
	xmlChar *text;
	int prose;

	if (!is_wording(e->chars, e->words))
		return 0;
	if (e->chars > 80)
		return link_density(e) < 0.25;
	if (!e->chars || e->link)
		return 0;
	text = xmlNodeGetContent(e->node);
	prose = text && (strstr((const char *)text, ". ") || strstr((const char *)text, "\xe3\x80\x82"));
	if (text && !prose) {
		size_t len = strlen((const char *)text);

		while (len && isspace((unsigned char)text[len - 1]))
			len--;
		prose = len && text[len - 1] == '.';
	}
	xmlFree(text);
	return prose;
}

/* 1 if n's tag (<footer>, <aside>...) or its name says boilerplate. */
static int is_boilerplate_box(xmlNodePtr n)
{
	return hints_is_furniture_tag(n) || (n->properties && hints_skip_weight(n) < 0);
}

/*
 * 1 if i is in a box whose name or tag says boilerplate, kept only for
 * the article-named prose inside it (score_unwanted()), and with under
 * half of the page's prose: one with more ("above-footer") is the page.
 * With any_share, whatever its share of the page's prose.
 */
static int in_named_box(const struct score_tree *t, size_t i, int any_share)
{
	for (size_t up = i; up != SCORE_NONE && up != 0; up = t->v[up].parent) {
		xmlNodePtr n = t->v[up].node;

		if (is_boilerplate_box(n) && (any_share || t->v[up].prose * 2 < t->v[0].prose))
			return 1;
	}
	return 0;
}

/*
 * 1 if i, or a container around it inside its boilerplate-named box, is
 * named as an article or is an <article>: a layout's "sidebar-wrap"
 * around "main_text" holds the article, not a box beside it.
 */
static int named_article_in_box(const struct score_tree *t, size_t i)
{
	for (size_t up = i; up != SCORE_NONE && up != 0; up = t->v[up].parent) {
		xmlNodePtr n = t->v[up].node;

		if (t->v[up].weight > 0 || html_is(n, "article"))
			return 1;
		if (is_boilerplate_box(n))
			return 0;
	}
	return 0;
}

/* 1 if up is box or around it (SCORE_NONE: no box). */
static int holds(const struct score_tree *t, size_t up, size_t box)
{
	return box != SCORE_NONE && (up == box || is_ancestor(t, up, box));
}

/* Whether and why the best candidate gives way to another (yields_to()). */
enum yield { YIELD_NOT, YIELD_TO_STRONGER, YIELD_TO_NAMED };

/*
 * Whether the best candidate, in a box in a footer or a sidebar, kept for
 * the prose in it (an "about us" text), yields to other: one half as
 * strong outside such boxes, the article told in short paragraphs; or
 * one named as the article in no such box at all, when the box holds most
 * of the page's prose because the post beside it is a line or a list of
 * links ("post-body" beside a sidebar's long profile) and nothing in the
 * box is named as an article (named_article_in_box()), also on the try
 * that lets boilerplate names hold the article (strip_named 0). Never
 * to a container around it.
 */
static enum yield yields_to(const struct score_tree *t, size_t best, size_t other,
	int strip_named)
{
	const struct score_el *b = &t->v[best], *o = &t->v[other];

	if (is_ancestor(t, other, best))
		return YIELD_NOT;
	if (strip_named && in_named_box(t, best, 0) && o->score * 2 >= b->score &&
		!in_named_box(t, other, 0))
		return YIELD_TO_STRONGER;
	if (o->weight > 0 && in_named_box(t, best, 1) && !named_article_in_box(t, best) &&
		!in_named_box(t, other, 1))
		return YIELD_TO_NAMED;
	return YIELD_NOT;
}

/*
 * The paragraphs of prose in an article's <header>, beside its <h1>: a
 * standfirst ("<header><h1>..</h1><p class=lead>..</p></header>"). A
 * header is furniture when it is the site's; the site's holds no
 * paragraph of prose without links (reads_as_prose()).
 */
static size_t add_header_lead(const struct score_tree *t, xmlNodePtr header, xmlNodePtr *picked,
	size_t k, size_t max)
{
	for (xmlNodePtr c = header->children; c && k < max; c = c->next) {
		const struct score_el *e = score_of(t, c);

		if (e && html_is(c, "p") && !hints_is_unwanted(c) && reads_as_prose(e))
			picked[k++] = c;
	}
	return k;
}

/* The most parts of an article split into boxes built alike (add_twins()). */
#define TWINS_MAX 2

/* How far above the best container a lead before it is looked for. */
#define LEAD_LEVELS 2

/*
 * Prose before the article one or two levels up: the standfirst in the
 * article's header, an intro above the grid column that holds the body.
 * Appends to picked from k, in document order; returns the new count.
 */
static size_t add_leads(const struct score_tree *t, size_t parent, size_t box, int strip_named,
	xmlNodePtr *picked, size_t k, size_t max)
{
	size_t path[LEAD_LEVELS];
	int n = 0;

	for (size_t up = parent; n < LEAD_LEVELS && t->v[up].parent != SCORE_NONE &&
		t->v[up].parent != 0; up = t->v[up].parent)
		path[n++] = up;
	while (n-- > 0) {
		xmlNodePtr x = t->v[path[n]].node;

		for (xmlNodePtr c = x->parent->children; c && c != x && k < max; c = c->next) {
			const struct score_el *e = score_of(t, c);

			if (!e)
				continue;
			if (holds(t, (size_t)(e - t->v), box))
				continue;
			if (!score_unwanted(t, c, strip_named) && reads_as_prose(e))
				picked[k++] = c;
			else if (html_is(c, "header"))
				k = add_header_lead(t, c, picked, k, max);
		}
	}
	return k;
}

/* 1 if slot i is inside one of picked[0..k) or holds one. */
static int overlaps(const struct score_tree *t, size_t i, xmlNodePtr *picked, size_t k)
{
	for (size_t j = 0; j < k; j++) {
		size_t p = score_of(t, picked[j]) - t->v;

		if (p == i || is_ancestor(t, p, i) || is_ancestor(t, i, p))
			return 1;
	}
	return 0;
}

/* 1 if the reader skips slot i or a box around it (score_unwanted()). */
static int under_unwanted(const struct score_tree *t, size_t i, int strip_named)
{
	for (size_t up = i; up != SCORE_NONE; up = t->v[up].parent)
		if (score_unwanted(t, t->v[up].node, strip_named))
			return 1;
	return 0;
}

/*
 * Elements before the best container built as it is (its tag and class),
 * each with under half its prose: the opening of an article that a
 * template split into boxes around a photo or an advertisement, too far
 * up for the leads above to reach. Each must read as prose, outside what
 * the reader skips. After the article, boxes built alike are the next
 * posts or teasers. Appends to picked from k; returns the new count.
 */
static size_t add_twins(const struct score_tree *t, size_t best, int strip_named,
	xmlNodePtr *picked, size_t k, size_t max)
{
	xmlNodePtr b = t->v[best].node;
	size_t first = k;

	for (size_t i = 1; i < best && k < max; i++) {
		const struct score_el *e = &t->v[i];

		if (!e->prose || e->prose * 2 > t->v[best].prose || !xmlStrEqual(e->node->name, b->name) ||
			!same_class(e->node, b) || !reads_as_prose(e) || overlaps(t, i, picked, k) ||
			under_unwanted(t, i, strip_named) || in_named_box(t, i, 0))
			continue;
		picked[k++] = e->node;
	}
	/* more than TWINS_MAX: a list of teasers or posts, each built alike */
	return k - first > TWINS_MAX ? first : k;
}

static int has_id(xmlNodePtr n)
{
	const char *id = html_attr(n, "id");

	return id && *id;
}

/*
 * 1 if sibling e is built as the best container is: the same class, or
 * the same tag where neither has a class or an id and e is at most
 * twice as linked. A page laid out in tables or bare <div>s, one a
 * column of links with their lines or one story of a page of several,
 * repeats its box with no name to tell them apart; a box of teasers
 * beside the article is far more linked than the article.
 */
static int built_alike(const struct score_tree *t, size_t best, const struct score_el *e)
{
	xmlNodePtr b = t->v[best].node;
	const char *cls = html_attr(b, "class"), *ccls = html_attr(e->node, "class");

	if (cls && *cls)
		return ccls && !strcmp(cls, ccls);
	return !(ccls && *ccls) && !has_id(b) && !has_id(e->node) &&
	       xmlStrEqual(e->node->name, b->name) && link_density(e) <= 2 * link_density(&t->v[best]);
}

/* Sorts picked[0..k) into document order (the order measure() numbered them in). */
static void sort_picked(const struct score_tree *t, xmlNodePtr *picked, size_t k)
{
	for (size_t i = 1; i < k; i++) {
		xmlNodePtr x = picked[i];
		size_t j = i;

		for (; j > 0 && score_of(t, picked[j - 1]) > score_of(t, x); j--)
			picked[j] = picked[j - 1];
		picked[j] = x;
	}
}

size_t score_pick(struct score_tree *t, int strip_named, xmlNodePtr *picked, size_t max,
	xmlNodePtr *best_node)
{
	size_t top[TOP_CANDIDATES], ntop = 0, best, parent, k = 0;
	size_t box = SCORE_NONE; /* the box the best gave way from (YIELD_TO_NAMED) */
	int seen_best = 0;
	double threshold, last;

	*best_node = NULL;
	if (!t->n || !max)
		return 0;
	for (size_t i = 0; i < t->n; i++)
		t->v[i].scored = 0, t->v[i].score = 0, t->v[i].prose = 0;
	score_paragraphs(t, t->root, strip_named);
	score_loose_text(t, t->root, strip_named, 1);
	/* Scores cut by link density; the best few, best first. */
	for (size_t i = 0; i < t->n; i++) {
		struct score_el *e = &t->v[i];
		size_t j;

		if (!e->scored)
			continue;
		e->score *= 1.0 - link_density(e);
		for (j = ntop; j > 0 && t->v[top[j - 1]].score < e->score; j--)
			if (j < TOP_CANDIDATES)
				top[j] = top[j - 1];
		if (j < TOP_CANDIDATES) {
			top[j] = i;
			ntop += ntop < TOP_CANDIDATES;
		}
	}
	if (!ntop)
		return 0;
	best = top[0];
	/*
	 * A box in a footer or a sidebar gives way to the article beside it
	 * (yields_to()); when it gave way to an article-named one, the rest of
	 * the page's prose is the box's, and no container around the box is
	 * chosen below (holds()).
	 */
	for (size_t i = 1; i < ntop; i++) {
		enum yield y = yields_to(t, top[0], top[i], strip_named);

		if (y != YIELD_NOT) {
			best = top[i];
			box = y == YIELD_TO_NAMED ? top[0] : SCORE_NONE;
			break;
		}
	}
	/*
	 * Three or more strong candidates inside one ancestor of the best: the
	 * article is split over several blocks, and that ancestor holds them all.
	 * Unless they are alike and unlike the best: replies under an opening
	 * post, comments under an article.
	 */
	for (size_t up = t->v[best].parent; up != SCORE_NONE && up != 0 && !holds(t, up, box);
		up = t->v[up].parent) {
		size_t inside = 0;

		size_t same = 0;

		for (size_t i = 1; i < ntop; i++) {
			int in = t->v[top[i]].score >= 0.75 * t->v[best].score &&
				 is_ancestor(t, up, top[i]);

			inside += in;
			same += in && same_class(t->v[top[i]].node, t->v[top[1]].node) &&
				!same_class(t->v[top[i]].node, t->v[top[0]].node);
		}
		if (inside >= 3 && same < inside) {
			best = up;
			break;
		}
	}
	/* A parent that scores higher than its child is the better container. */
	last = t->v[best].score;
	threshold = last / 3;
	for (size_t up = t->v[best].parent; up != SCORE_NONE && up != 0; up = t->v[up].parent) {
		if (!t->v[up].scored)
			continue;
		if (t->v[up].score < threshold || holds(t, up, box))
			break;
		if (t->v[up].score > last) {
			best = up;
			break;
		}
		last = t->v[up].score;
	}
	/*
	 * An ancestor with twice the prose and few links holds the rest of an
	 * article that a page builder split into many widgets, each too far
	 * from the others for their scores to meet. Not past a rival beside
	 * ours (has_rival()).
	 */
	for (size_t from = best, up = t->v[best].parent; up != SCORE_NONE && up != 0;
		from = up, up = t->v[up].parent) {
		if (has_rival(t, up, from) || holds(t, up, box))
			break;
		if (t->v[up].prose < 2 * t->v[best].prose)
			continue;
		if (link_density(&t->v[up]) >= 0.15)
			break;
		best = up;
	}
	/*
	 * A container with under a quarter of the page's prose is likely a box
	 * beside the article: the nearest ancestor with three fifths of it, if
	 * under a third of its text is links, holds the article.
	 */
	if (t->v[best].prose * 4 < t->v[0].prose) {
		for (size_t up = t->v[best].parent; up != SCORE_NONE && up != 0; up = t->v[up].parent) {
			if (holds(t, up, box))
				break;
			if (t->v[up].prose * 10 < t->v[0].prose * 6)
				continue;
			if (link_density(&t->v[up]) < 0.35)
				best = up;
			break;
		}
	}
	/* A wrapper around one element only is the same container. */
	while (t->v[best].parent != SCORE_NONE && t->v[best].parent != 0 &&
		element_children(t, t->v[t->v[best].parent].node) == 1)
		best = t->v[best].parent;
	parent = t->v[best].parent;
	*best_node = t->v[best].node;
	if (parent == SCORE_NONE) {
		picked[0] = t->v[best].node;
		return 1;
	}
	/*
	 * Siblings that score near the best and hold a fifth of its prose join
	 * it (one built alike, built_alike(), scores a fifth of the best's
	 * more); a reply under an opening post, scored up by its name, does not.
	 * So does prose before it, in whatever element (a standfirst, an intro
	 * box, a subtitle set as a heading), and a paragraph of prose after it
	 * (after the article, a box of prose is an author's note or a teaser).
	 */
	k = add_leads(t, parent, box, strip_named, picked, k, max);
	threshold = t->v[best].score * 0.2 > 10 ? t->v[best].score * 0.2 : 10;
	for (xmlNodePtr c = t->v[parent].node->children; c && k < max; c = c->next) {
		const struct score_el *e = score_of(t, c);
		double bonus = 0;

		if (!e)
			continue;
		if (e == &t->v[best]) {
			picked[k++] = c;
			seen_best = 1;
			continue;
		}
		if (holds(t, (size_t)(e - t->v), box))
			continue; /* the box the best gave way from */
		if (score_unwanted(t, c, strip_named)) {
			if (!seen_best && html_is(c, "header"))
				k = add_header_lead(t, c, picked, k, max);
			continue;
		}
		if (built_alike(t, best, e))
			bonus = t->v[best].score * 0.2;
		if ((e->scored && e->score + bonus >= threshold &&
		     e->prose * 5 >= t->v[best].prose) ||
			((!seen_best || html_is(c, "p")) && reads_as_prose(e)))
			picked[k++] = c;
	}
	k = add_twins(t, best, strip_named, picked, k, max);
	sort_picked(t, picked, k);
	return k;
}

void score_release(struct score_tree *t)
{
	free(t->v);
	memset(t, 0, sizeof(*t));
}

#ifndef PRECIS_SCORE_H
#define PRECIS_SCORE_H

#include <libxml/tree.h>
#include <stddef.h>

/*
 * Finding the article's container, as Readability does: every paragraph of
 * prose scores its ancestors (more for long, comma-rich text, less the
 * farther up), a container's score is cut by the share of its text inside
 * links and raised or lowered by its class and id words, and the best one
 * wins. Around the winner, its siblings that score well or read as prose
 * join it, so an article split by an advertisement or a pull quote comes
 * back whole.
 *
 * One pass measures every element under the body (its text, link text and
 * commas, scripts and styles left out); the element keeps the index of its
 * figures in _private, libxml2's field for its users, so a lookup costs
 * nothing however often it is made.
 */

struct score_el {
	xmlNodePtr node;
	size_t chars; /* non-space characters of text under it */
	size_t link; /* ... of which inside links */
	size_t caption; /* ... of which in captions and credits (hints_is_caption()) */
	size_t words; /* runs between spaces, a CJK character counting as one */
	size_t cjk; /* CJK and Hangul characters */
	size_t commas; /* , ， and 、 */
	size_t parent; /* index of the parent's figures, SCORE_NONE at the top */
	double score;
	size_t prose; /* characters in paragraphs of prose under it */
	signed char weight; /* hints_class_weight() */
	size_t named_inside; /* chars of the largest article-named element under it */
	unsigned char has_block; /* a block element is under it */
	unsigned char scored;
};

#define SCORE_NONE ((size_t)-1)

/* The measured tree. Owns v; release with score_release(). */
struct score_tree {
	struct score_el *v;
	size_t n, alloc;
	xmlNodePtr root;
	int noscript; /* <noscript> is read (score_measure()) */
	int links_as_text; /* link text counts as text (SCORE_LINKS_AS_TEXT) */
};

/* score_measure()'s flags. */
#define SCORE_NOSCRIPT 1 /* read what is inside <noscript> too (hints_is_junk()) */
/*
 * Count no text as link text: the last try on a page whose main content
 * is links (a table of contents, a directory, a section front of linked
 * teasers), where every block would otherwise be left out as a menu.
 */
#define SCORE_LINKS_AS_TEXT 2

/*
 * Measures every element under root (the body), as flags say. Each node
 * keeps its slot (score_of()): two measures of one root with the same
 * SCORE_NOSCRIPT give every node the same slot, so both trees stay
 * readable.
 */
void score_measure(struct score_tree *t, xmlNodePtr root, unsigned flags);

/* The figures of n, or NULL when n was not measured (under a script, or not under root). */
const struct score_el *score_of(const struct score_tree *t, xmlNodePtr n);

/*
 * 1 if the reader skips n: hints_is_unwanted(), a furniture tag, or a
 * boilerplate name (hints_skip_weight(); a name that only lowers a score
 * on a box of little text or links), except that a container holding an
 * article-named element is kept ("with-sidebar-layout" around
 * "entry-content"; for an <aside>, one holding half of it), as is one
 * holding four fifths of the page's text, a landmark role too, unless
 * most of that is links (a menu) or the box is hidden; with strip_named 0
 * no name but readers' comments counts at all.
 */
int score_unwanted(const struct score_tree *t, xmlNodePtr n, int strip_named);

/*
 * Picks the article: fills picked (up to max nodes, in document order:
 * the best container, the siblings that join it and up to two boxes
 * before it built as it is: an article's opening) and returns how many;
 * *best is the best container.
 * Returns 0 when no paragraph of prose was found. With strip_named 0,
 * boilerplate names do not remove anything (the second try when the first
 * found too little).
 */
size_t score_pick(struct score_tree *t, int strip_named, xmlNodePtr *picked, size_t max,
	xmlNodePtr *best);

/*
 * 1 if e is a heading that holds a paragraph of prose, no heading: a
 * page that sets its text in <h4> for the look of it. A headline is
 * shorter.
 */
int score_is_prose_heading(const struct score_el *e);

void score_release(struct score_tree *t);

#endif

#ifndef PRECIS_HINTS_H
#define PRECIS_HINTS_H

#include <libxml/tree.h>

/*
 * What an element's tag, class, id, role and style say about it, before any
 * text is counted. Class and id are read as words ("post-body", "articleBody"
 * and "lead_in" are the words post/body, article/body, lead/in), and a hint
 * matches a whole word only: "lead-in" is not an ad and "threads" is not
 * "ads".
 */

/* Elements that never hold article text: scripts, styles, controls, embeds. */
int hints_is_junk_tag(xmlNodePtr n);

/*
 * A junk tag that is junk: a <button>, <svg> or <math> that a broken page
 * left open around the rest of it (a block element and 200 characters of
 * text under it) is read as a container, as a browser shows it, and with
 * noscript so is a <noscript> (what a reader without scripts sees). Walks
 * n's subtree when it is such a tag: call it once per element.
 */
int hints_is_junk(xmlNodePtr n, int noscript);

/*
 * A page's furniture by its tag: nav, header, footer, aside, form, menu.
 * Skipped like a boilerplate name, and kept like one when an article-named
 * element is inside (pages leave a <nav> unclosed around the article).
 */
int hints_is_furniture_tag(xmlNodePtr n);

/* Hidden from a reader: the hidden attribute, display:none, aria-hidden. */
int hints_is_hidden(xmlNodePtr n);

/*
 * What the class and id words say: -1 for a boilerplate name ("sidebar",
 * "comments", "share-tools", "ad"), +1 for an article name ("article-body",
 * "entry-content"), 0 for neither or both.
 */
int hints_class_weight(xmlNodePtr n);

/*
 * What the names say about skipping n: hints_class_weight() without the
 * words that only lower a score ("widget", "ranking"); -1 skips.
 */
int hints_skip_weight(xmlNodePtr n);

/* 1 if a class or id word names readers' comments ("comments", "reply"). */
int hints_is_comments(xmlNodePtr n);

/*
 * 1 if one class or id names a comment's part: a name that starts with
 * a word of comments and holds an article's word ("comment-content",
 * "comments-body"). Not an article that has comments ("post
 * comments-open"), nor a part of a photo's story ("item__comment").
 */
int hints_is_comment_part(xmlNodePtr n);

/* 1 if a class or id is a word of comments and no more ("comments", "respond"). */
int hints_names_comments_alone(xmlNodePtr n);

/* 1 if a class or id word names a caption or a credit ("caption", "credit", "wp-caption-text"). */
int hints_is_caption(xmlNodePtr n);

/* 1 if a class, id, rel or itemprop names a byline or a date line ("byline", "author", "dateline"). */
int hints_is_byline(xmlNodePtr n);

/*
 * 1 if a class or id of n (one name between spaces) names the writer and
 * not an article too: "author-bio", "bmg-author-box", not
 * "entry_author_jane" (a post of a blog's, named with its author).
 */
int hints_is_author_box(xmlNodePtr n);

/*
 * 1 for what a reader never sees or a role says is no article: a hidden
 * element, a navigation or complementary role. Junk, furniture tags and
 * names are weighed by the caller (score_unwanted()).
 */
int hints_is_unwanted(xmlNodePtr n);

/*
 * A link a reader can follow: an <a>, but not a bare <a name> anchor (no
 * href, no class): one left open by an old page wraps whole articles, and
 * its text is no link text. An <a> without href but with a class is a
 * script's link, button or tab.
 */
int hints_is_link(xmlNodePtr n);

/* h1 to h6. */
int hints_is_heading(xmlNodePtr n);

/* Elements that lay out blocks: a div holding one of these is not itself a paragraph. */
int hints_is_block(xmlNodePtr n);

#endif

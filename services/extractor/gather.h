#ifndef PRECIS_GATHER_H
#define PRECIS_GATHER_H

#include <libxml/tree.h>

#include "buf.h"
#include "score.h"

/*
 * Appends the readable paragraphs under nodes[0..n) to out, separated by
 * blank lines: paragraphs, headings, list items ("- item"), table rows
 * ("a | b") and code blocks, and the text that sits between blocks outside
 * any paragraph (split at a double <br>). Left out: what the reader skips
 * (score_unwanted()), paragraphs mostly made of links and the title of a
 * box of them, the <h1> and any heading that repeats title, figures and
 * captions, bylines, and the lines leaks_reason() names.
 */
void gather_text(const struct score_tree *t, xmlNodePtr *nodes, size_t n, const char *title,
	int strip_named, struct buf *out);

#endif

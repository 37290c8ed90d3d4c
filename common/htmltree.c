/*
 * The tree a browser builds, from libxml2 2.9's HTML parser: libxml2
 * builds its own where a page's tags do not match (HTML4's rules, not
 * HTML5's), and the article then sits where no reader of the body looks.
 * Each repair names the HTML5 tree-building rule it follows. Every one is
 * iterative or bounded: hostile pages nest 100,000 deep.
 */
#include "htmltree.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/globals.h>

#include "common.h"

/* html_is(), which html.h has: html.c includes this module, and not the other way round. */
static int is(xmlNodePtr node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE &&
	       !strcasecmp((const char *)node->name, name);
}

/* 1 if node is an element named one of the count names in tags. */
static int is_one_of(xmlNodePtr node, const char *const *tags, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (is(node, tags[i]))
			return 1;
	return 0;
}

/* Deeper elements are lifted to this depth, so no walk over the tree is cut or recurses without end. */
#define DEPTH_MAX 160

/*
 * Lifts what lies deeper than DEPTH_MAX up to that depth, in document
 * order: a browser flattens such nesting too, and every walk over the tree
 * may then recurse without a depth check or a cut. Iterative, so a
 * hostile page's nesting costs no stack.
 */
static void flatten(xmlNodePtr root)
{
	xmlNodePtr n = root;
	int depth = 0;

	while (n) {
		if (depth == DEPTH_MAX) {
			/* Splice each child's children in after it, until none has any. */
			for (xmlNodePtr c = n->children; c; c = c->next) {
				xmlNodePtr first = c->children, last = c->last;

				if (!first || c->type != XML_ELEMENT_NODE)
					continue;
				for (xmlNodePtr k = first; k; k = k->next)
					k->parent = n;
				last->next = c->next;
				if (c->next)
					c->next->prev = last;
				else
					n->last = last;
				c->next = first;
				first->prev = c;
				c->children = c->last = NULL;
			}
		} else if (n->children && (n == root || n->type == XML_ELEMENT_NODE)) {
			n = n->children;
			depth++;
			continue;
		}
		while (n && n != root && !n->next) {
			n = n->parent;
			depth--;
		}
		if (!n || n == root)
			break;
		n = n->next;
	}
}

/* The first child element of parent named name, or NULL. */
static xmlNodePtr child_named(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

/*
 * Links node, unlinked, in as parent's last child. Unlike xmlAddChild(),
 * a text node is not merged into the text before it, which would copy
 * the text so far on every move: quadratic on a page of 100,000 roots.
 */
static void append_child(xmlNodePtr parent, xmlNodePtr node)
{
	node->parent = parent;
	node->prev = parent->last;
	node->next = NULL;
	if (parent->last)
		parent->last->next = node;
	else
		parent->children = node;
	parent->last = node;
}

/* Moves from's children to the end of to's, in order. */
static void adopt_children(xmlNodePtr from, xmlNodePtr to)
{
	for (xmlNodePtr c = from->children, next; c; c = next) {
		next = c->next;
		xmlUnlinkNode(c);
		append_child(to, c);
	}
}

/*
 * What comes after </body> belongs in the body, as a browser reads it
 * (HTML5 "after body": back to "in body"); libxml2 leaves it beside the
 * body, where a reader of the body never finds it.
 */
static void reopen_body(htmlDocPtr doc)
{
	xmlNodePtr body = child_named(xmlDocGetRootElement(doc), "body"), next;

	for (xmlNodePtr c = body ? body->next : NULL; c; c = next) {
		next = c->next;
		if (c->type != XML_ELEMENT_NODE && c->type != XML_TEXT_NODE)
			continue;
		xmlUnlinkNode(c);
		xmlAddChild(body, c);
	}
}

/*
 * What comes after </html> belongs in the body, as a browser reads it
 * (HTML5 "after after body": anything but a comment goes back to "in
 * body", and a second <html>, <head> or <body> tag adds nothing but its
 * attributes); libxml2 starts a second <html> beside the first, where no
 * reader of the root finds it. A second head's elements join the first
 * head, where the metadata is read.
 */
static void join_roots(htmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), head = child_named(root, "head"),
		   body = child_named(root, "body"), next;

	for (xmlNodePtr s = root ? root->next : NULL; s; s = next) {
		int second = is(s, "html");

		next = s->next;
		if (s->type != XML_ELEMENT_NODE && s->type != XML_TEXT_NODE)
			continue;
		xmlUnlinkNode(s);
		for (xmlNodePtr c = second ? s->children : s, after; c; c = after) {
			after = c == s ? NULL : c->next;
			if (is(c, "head") && head) {
				adopt_children(c, head);
			} else if (is(c, "body") && body) {
				adopt_children(c, body);
			} else if (is(c, "head")) {
				xmlUnlinkNode(c);
				if (root->children)
					xmlAddPrevSibling(root->children, c);
				else
					append_child(root, c);
				head = c;
			} else {
				xmlUnlinkNode(c);
				append_child(body && !is(c, "body") ? body : root, c);
				if (is(c, "body"))
					body = c;
			}
		}
		if (second)
			xmlFreeNode(s);
	}
}

/* 1 for what a head holds: its elements, and the text and comments between them. */
static int in_head(xmlNodePtr n)
{
	static const char *const tags[] = { "title", "base", "link", "meta", "style", "script",
		"noscript", "template", "basefont", "bgsound" };

	return is_one_of(n, tags, ARRAY_SIZE(tags)) || n->type != XML_ELEMENT_NODE;
}

/* 1 for the markup a title may hold and still be closed: "Bridge <em>opens</em> today". */
static int is_phrasing(xmlNodePtr n)
{
	static const char *const tags[] = { "b", "i", "em", "strong", "span", "a", "small",
		"sub", "sup", "u", "s", "font", "abbr", "cite", "code", "q", "mark", "bdi", "bdo" };

	return is_one_of(n, tags, ARRAY_SIZE(tags));
}

/*
 * A <title> holds text, and at most the phrasing some pages put in it, so
 * a script or a block in it means the title was left open (a page cut and
 * spliced, its </title> lost): libxml2 keeps the rest of the page inside
 * the title. That goes back after the title,
 * where close_head() finds the body's part of it; the title's own text,
 * cut off mid-line by whatever followed, goes: the <h1> or the page's
 * metadata names the article instead.
 */
static void close_title(xmlNodePtr head)
{
	xmlNodePtr title = child_named(head, "title"), stray = NULL, next;

	for (xmlNodePtr c = title ? title->children : NULL; c && !stray; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !is_phrasing(c))
			stray = c;
	/* xmlAddNextSibling() may merge a text node into the one before: at follows what it returns */
	for (xmlNodePtr c = stray, at = title; c; c = next) {
		next = c->next;
		xmlUnlinkNode(c);
		at = xmlAddNextSibling(at, c);
	}
	if (stray)
		for (xmlNodePtr c = title->children; c; c = next) {
			next = c->next;
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
}

/*
 * An element a head does not hold (a stray <mbox>, a table row) ends the
 * head and starts the body, as a browser reads it (HTML5 "in head":
 * anything else); libxml2 keeps it, and the whole page after it, in the
 * head, where no reader of the body finds it. Its head's own elements
 * after it (a late <meta>) stay where the metadata is read.
 */
static void close_head(htmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), head = child_named(root, "head"),
		   body = child_named(root, "body"), stray = NULL, next;

	if (head)
		close_title(head);
	for (xmlNodePtr c = head ? head->children : NULL; c && !stray; c = c->next)
		if (!in_head(c))
			stray = c;
	if (!stray)
		return;
	if (!body) {
		body = xmlNewDocNode(doc, NULL, (const xmlChar *)"body", NULL);
		xmlAddNextSibling(head, body);
	}
	for (xmlNodePtr c = stray, first = body->children; c; c = next) {
		next = c->next;
		if (c->type == XML_ELEMENT_NODE && in_head(c))
			continue;
		xmlUnlinkNode(c);
		if (first)
			xmlAddPrevSibling(first, c);
		else
			xmlAddChild(body, c);
	}
}

/*
 * libxml2 2.9's rank for an end tag that meets other elements still open
 * (htmlGetEndPriority()): it closes only those of a rank no higher than
 * its own, and is dropped otherwise.
 */
static int end_rank(const xmlChar *name)
{
	static const struct {
		const char *name;
		int rank;
	} ranks[] = { { "div", 150 }, { "td", 160 }, { "th", 160 }, { "tr", 170 },
		{ "thead", 180 }, { "tbody", 180 }, { "tfoot", 180 }, { "table", 190 },
		{ "head", 200 }, { "body", 200 }, { "html", 220 } };

	for (size_t i = 0; i < ARRAY_SIZE(ranks); i++)
		if (!strcmp((const char *)name, ranks[i].name))
			return ranks[i].rank;
	return 100;
}

/* 1 for h1 to h6 */
static int is_heading(const xmlChar *name)
{
	return name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2];
}

/* 1 if name is one of the names in the NULL-ended list. */
static int name_in(const xmlChar *name, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp((const char *)name, *list))
			return 1;
	return 0;
}

/* 1 if the parser has just read </name>: what it reports is about that end tag. */
static int read_end_tag(htmlParserCtxtPtr ctxt, const xmlChar *name)
{
	const char *base = ctxt->input ? (const char *)ctxt->input->base : NULL;
	size_t n = strlen((const char *)name), at;

	if (!base || ctxt->input->cur <= ctxt->input->base || ctxt->input->cur[-1] != '>')
		return 0;
	at = (size_t)(ctxt->input->cur - ctxt->input->base) - 1; /* the '>' */
	while (at > 0 && base[at - 1] && strchr(" \t\r\n", base[at - 1]))
		at--;
	return at >= n + 2 && !strncasecmp(base + at - n, (const char *)name, n) &&
	       base[at - n - 2] == '<' && base[at - n - 1] == '/';
}

/*
 * What close_dropped_end_tag() watches: the parser, and where in the page
 * the end tag it last found nothing to close in ends.
 */
struct watch {
	htmlParserCtxtPtr ctxt;
	unsigned long judged;
};

/*
 * An end tag libxml2 drops because a <div> inside its element is still
 * open, closed as a browser closes it. HTML5 "in body": the end tag of a
 * block (</section>, </header>, </figure> ...) closes every element
 * opened inside its element, unless a table cell, a caption or an object
 * lies between; </noscript> ends the noscript whatever it holds, since a
 * browser running scripts reads a noscript's inside as text; and a
 * heading's end tag closes the heading open, whichever its level
 * (<h2>Comments</h3>), and whatever it holds (<h2><div>Comments</h2>).
 * libxml2 would keep the rest of the page inside the header, figure,
 * noscript or heading, where the extractor, as a reader, does not look.
 *
 * libxml2 reports the dropped tag as "Opening and ending tag mismatch:
 * X and Y" just before it checks whether X is the current element: this
 * handler closes what is open above X then, so that the parser's own
 * code closes X. The same message also comes while libxml2 closes the
 * elements itself, which are then all of a rank no higher than X's. A
 * heading's end tag with no heading of its level open is reported as
 * "Unexpected end tag: X" and then dropped: the handler closes the open
 * heading and all above it.
 */
static void close_dropped_end_tag(void *ctx, xmlErrorPtr err)
{
	static const char *const blocks[] = { "address", "article", "aside", "blockquote",
		"button", "center", "details", "dialog", "dir", "dl", "fieldset", "figcaption",
		"figure", "footer", "header", "hgroup", "listing", "main", "menu", "nav", "ol",
		"pre", "section", "summary", "ul", NULL };
	static const char *const scopes[] = { "applet", "caption", "html", "table", "td", "th",
		"marquee", "object", "template", NULL };
	struct watch *watch = ctx;
	htmlParserCtxtPtr ctxt = watch->ctxt;
	const xmlChar *name = (const xmlChar *)(err ? err->str1 : NULL);
	int at, dropped = 0, noscript, heading;
	unsigned long end;

	if (!name || err->domain != XML_FROM_HTML || err->code != XML_ERR_TAG_NAME_MISMATCH ||
		!ctxt->name || !ctxt->input)
		return;
	/*
	 * libxml2 reports once for each element it closes itself, all for one
	 * end tag: judged once, or 40,000 <b> closed by one </section> cost
	 * 40,000 walks of the stack.
	 */
	end = ctxt->input->consumed + (unsigned long)(ctxt->input->cur - ctxt->input->base);
	if (end == watch->judged)
		return;
	watch->judged = end;
	noscript = !strcmp((const char *)name, "noscript");
	/* "Unexpected end tag": none of its name is open */
	heading = !err->str2 && is_heading(name);
	if (!heading && (!err->str2 || (!noscript && !is_heading(name) && !name_in(name, blocks))))
		return;
	if (!read_end_tag(ctxt, name))
		return;
	for (at = ctxt->nameNr - 1; at >= 0; at--) {
		const xmlChar *open = ctxt->nameTab[at];

		if (heading ? is_heading(open) : !strcmp((const char *)open, (const char *)name))
			break;
		if (!noscript && name_in(open, scopes))
			return;
		dropped |= end_rank(open) > end_rank(name);
	}
	if (at < 1 || !(dropped || heading))
		return;
	/* the heading an end tag of another closes goes too; libxml2 closes any other itself */
	at -= heading;
	/* as libxml2 closes an element: the tree's end, then the name stack's (htmlnamePop()) */
	while (ctxt->nameNr - 1 > at) {
		if (ctxt->sax && ctxt->sax->endElement)
			ctxt->sax->endElement(ctxt->userData, ctxt->name);
		ctxt->nameTab[--ctxt->nameNr] = NULL;
		ctxt->name = ctxt->nameTab[ctxt->nameNr - 1];
	}
}

/*
 * 1 when the libxml2 loaded is one whose HTML parser
 * close_dropped_end_tag() follows step by step: 2.9 (Debian 12's 2.9.14,
 * and Debian 13's, which is 2.9.14 too). Another may report its errors at
 * other moments or not at all; it builds its own tree, unrepaired, rather
 * than one this handler would unbalance.
 */
static int parser_followed(void)
{
	long version = strtol(xmlParserVersion, NULL, 10);

	return version >= 20900 && version < 21000;
}

/*
 * htmlReadMemory() with close_dropped_end_tag() watching what it drops.
 * The HTML parser's own handlers take no structured error handler, so it
 * is set for this thread (libxml2 keeps it per thread) while the page
 * parses, and what was set before is put back.
 */
static htmlDocPtr read_html(const char *data, size_t len, const char *url, int opts)
{
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	xmlStructuredErrorFunc was = xmlStructuredError;
	void *was_ctx = xmlStructuredErrorContext;
	struct watch watch = { ctxt, (unsigned long)-1 };
	htmlDocPtr doc;

	if (!ctxt)
		return NULL;
	if (parser_followed())
		xmlSetStructuredErrorFunc(&watch, close_dropped_end_tag);
	doc = htmlCtxtReadMemory(ctxt, data, (int)len, url, "UTF-8", opts);
	xmlSetStructuredErrorFunc(was_ctx, was);
	htmlFreeParserCtxt(ctxt);
	return doc;
}

htmlDocPtr htmltree_read(const char *utf8, size_t len, const char *url)
{
	/*
	 * The bytes are UTF-8: no meta tag may switch them. XML_PARSE_HUGE
	 * lifts the parser's nesting limit of 256, past which it dropped the
	 * rest of the page without a word; flatten() bounds the depth instead.
	 */
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
		   HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
	htmlDocPtr doc = read_html(utf8, len, url, opts);

	if (doc) {
		join_roots(doc);
		flatten((xmlNodePtr)doc);
		close_head(doc);
		reopen_body(doc);
	}
	return doc;
}

#include "html.h"

#include <string.h>
#include <strings.h>

#include "charset.h"
#include "text.h"
#include "common.h"

/*
 * The charset a <meta charset> or <meta http-equiv content="...; charset=">
 * names, looked for in the first 64 KiB: pages put it after scripts and
 * styles often enough that HTML5's 1,024-byte prescan misses it.
 */
static const char *meta_charset(const char *data, size_t len)
{
	size_t n = len < 65536 ? len : 65536;
	const char *p = data, *end = data + n;

	while (p < end) {
		const char *meta = memchr(p, '<', (size_t)(end - p)), *close, *cs, *enc;
		char label[48];
		size_t k = 0;

		if (!meta)
			return NULL;
		/* <meta>, <META>, <Meta>: tag names are case-insensitive */
		if (end - meta < 5 || strncasecmp(meta + 1, "meta", 4)) {
			p = meta + 1;
			continue;
		}
		close = memchr(meta, '>', (size_t)(end - meta));
		if (!close)
			return NULL;
		cs = NULL;
		for (const char *q = meta; q + 7 < close && !cs; q++)
			if (!strncasecmp(q, "charset", 7))
				cs = q + 7;
		p = close + 1;
		if (!cs)
			continue;
		while (cs < close && (*cs == ' ' || *cs == '='))
			cs++;
		while (cs < close && (*cs == '"' || *cs == '\''))
			cs++;
		while (cs + k < close && k + 1 < sizeof(label) && cs[k] != '"' && cs[k] != '\'' &&
			cs[k] != ';' && cs[k] != ' ' && cs[k] != '/')
			label[k] = cs[k], k++;
		label[k] = '\0';
		enc = charset_canonical(label);
		if (enc)
			/* A page that says UTF-16 in ASCII bytes is not UTF-16. */
			return strncmp(enc, "UTF-16", 6) ? enc : "UTF-8";
	}
	return NULL;
}

/* How much of a page is read to judge its bytes: enough for any page's head and first text. */
#define SAMPLE_MAX (64 * 1024)
/* Deeper elements are lifted to this depth, so no walk over the tree is cut or recurses without end. */
#define DEPTH_MAX 160

/* Valid UTF-8 sequences of two or more bytes in s, and bytes that are not UTF-8. */
static void utf8_census(const char *s, size_t len, size_t *multi, size_t *bad)
{
	const char *p = s, *end = s + len;

	*multi = *bad = 0;
	while (p < end) {
		const char *at = p;

		if (!((unsigned char)*p & 0x80)) {
			p++;
			continue;
		}
		if (text_utf8_next(&p, end) == 0xfffd && !(p - at == 3 && !memcmp(at, "\xef\xbf\xbd", 3)))
			(*bad)++;
		else
			(*multi)++;
	}
}

/*
 * 1 if the bytes bear out the encoding a label names. A label lies when
 * the bytes are not valid in it (a few bad bytes in a UTF-8 page are only
 * damage), or when they are UTF-8 through and through under another
 * label (pages re-saved as UTF-8 that kept their old <meta>).
 */
static int bytes_fit(const char *data, size_t len, const char *enc)
{
	size_t n = len < SAMPLE_MAX ? len : SAMPLE_MAX, multi, bad, high = 0, replaced = 0;
	struct buf utf8;
	char err[128];
	int fit;

	if (!strncmp(enc, "UTF-16", 6))
		return 1;
	utf8_census(data, n, &multi, &bad);
	if (n < len && bad)
		bad--; /* the sample may end inside a character */
	if (!strcmp(enc, "UTF-8"))
		return bad == 0 || multi >= 4 * bad;
	if (multi && !bad)
		return 0;
	/* Any other label: decode a sample and count what it could not read. */
	buf_init(&utf8, 4 * SAMPLE_MAX + 64);
	fit = !charset_to_utf8(data, n, enc, &utf8, err, sizeof(err));
	for (const char *p = utf8.data; fit && (p = strstr(p, "\xef\xbf\xbd")); p += 3)
		replaced++;
	for (size_t i = 0; i < n; i++)
		high += (unsigned char)data[i] >= 0x80;
	buf_release(&utf8);
	/* A stray bad byte is damage; one character in fifty is another encoding. */
	return fit && replaced * 50 <= high + 1;
}

const char *html_sniff_encoding(const char *data, size_t len, const char *http_charset,
	size_t *bom_len)
{
	const char *enc = charset_bom(data, len, bom_len);

	if (enc)
		return enc;
	if ((enc = charset_canonical(http_charset)) && bytes_fit(data, len, enc))
		return enc;
	if ((enc = meta_charset(data, len)) && bytes_fit(data, len, enc))
		return enc;
	return charset_detect(data, len);
}

const char *html_not_text(const char *data, size_t len, const char *http_charset)
{
	static const struct {
		const char *magic;
		size_t len;
		const char *what;
	} kinds[] = {
		{ "\x7f" "ELF", 4, "an ELF executable" }, { "%PDF-", 5, "a PDF document" },
		{ "\x89PNG", 4, "a PNG image" }, { "GIF8", 4, "a GIF image" },
		{ "\xff\xd8\xff", 3, "a JPEG image" }, { "PK\x03\x04", 4, "a ZIP archive" },
		{ "\x1f\x8b", 2, "gzip data" }, { "BZh", 3, "bzip2 data" },
		{ "\xfd" "7zXZ", 5, "xz data" }, { "7z\xbc\xaf", 4, "a 7-Zip archive" },
		{ "\x00" "asm", 4, "WebAssembly" }, { "\xca\xfe\xba\xbe", 4, "a Java class or Mach-O file" },
		{ "\xcf\xfa\xed\xfe", 4, "a Mach-O executable" }, { "MZ", 2, "a Windows executable" },
		{ "SQLite format 3", 16, "an SQLite database" }, { "\x28\xb5\x2f\xfd", 4, "zstd data" },
		{ "OggS", 4, "an Ogg stream" }, { "ID3", 3, "an MP3 file" }, { "fLaC", 4, "a FLAC file" },
		{ "\x00\x00\x00", 3, "binary data" },
	};
	size_t n = len < SAMPLE_MAX ? len : SAMPLE_MAX, control = 0, bom;
	const char *enc = charset_canonical(http_charset);

	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (len >= kinds[i].len && !memcmp(data, kinds[i].magic, kinds[i].len))
			return kinds[i].what;
	/* RIFF....WEBP / WAVE / AVI */
	if (len >= 12 && !memcmp(data, "RIFF", 4))
		return "a RIFF media file";
	if (charset_bom(data, len, &bom) || (enc && !strncmp(enc, "UTF-16", 6)))
		return NULL; /* UTF-16 is full of zero bytes */
	/* Text has tabs, newlines and an escape or two (ISO-2022-JP), not control bytes. */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)data[i];

		control += (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' &&
			c != 0x1b) || c == 0x7f;
	}
	return control * 100 > n ? "binary data" : NULL;
}

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

/*
 * libxml2 ends the document at a NUL byte, so a page with one stray NUL
 * (padding after an image tag, a broken template) lost everything after
 * it. A browser drops NULs in text (HTML5 "in body": ignored); so do we.
 */
static void drop_nuls(struct buf *b)
{
	char *w = b->len ? memchr(b->data, '\0', b->len) : NULL;

	if (!w)
		return;
	for (const char *r = w; r < b->data + b->len; r++)
		if (*r)
			*w++ = *r;
	b->len = (size_t)(w - b->data);
	b->data[b->len] = '\0';
}

/*
 * What comes after </body> belongs in the body, as a browser reads it
 * (HTML5 "after body": back to "in body"); libxml2 leaves it beside the
 * body, where a reader of the body never finds it.
 */
static void reopen_body(htmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), body = NULL, next;

	for (xmlNodePtr c = root ? root->children : NULL; c && !body; c = c->next)
		if (html_is(c, "body"))
			body = c;
	for (xmlNodePtr c = body ? body->next : NULL; c; c = next) {
		next = c->next;
		if (c->type != XML_ELEMENT_NODE && c->type != XML_TEXT_NODE)
			continue;
		xmlUnlinkNode(c);
		xmlAddChild(body, c);
	}
}

/* 1 for what a head holds: its elements, and the text and comments between them. */
static int in_head(xmlNodePtr n)
{
	static const char *const tags[] = { "title", "base", "link", "meta", "style", "script",
		"noscript", "template", "basefont", "bgsound" };

	for (size_t i = 0; i < ARRAY_SIZE(tags); i++)
		if (html_is(n, tags[i]))
			return 1;
	return n->type != XML_ELEMENT_NODE;
}

/* 1 for the markup a title may hold and still be closed: "Bridge <em>opens</em> today". */
static int is_phrasing(xmlNodePtr n)
{
	static const char *const tags[] = { "b", "i", "em", "strong", "span", "a", "small",
		"sub", "sup", "u", "s", "font", "abbr", "cite", "code", "q", "mark", "bdi", "bdo" };

	for (size_t i = 0; i < ARRAY_SIZE(tags); i++)
		if (html_is(n, tags[i]))
			return 1;
	return 0;
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
	xmlNodePtr title = NULL, stray = NULL, next;

	for (xmlNodePtr c = head->children; c && !title; c = c->next)
		if (html_is(c, "title"))
			title = c;
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
	xmlNodePtr root = xmlDocGetRootElement(doc), head = NULL, body = NULL, stray = NULL, next;

	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
		if (!head && html_is(c, "head"))
			head = c;
		else if (!body && html_is(c, "body"))
			body = c;
	}
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

htmlDocPtr html_parse(const char *data, size_t len, const char *url, const char *encoding)
{
	/*
	 * The bytes are UTF-8 by the time libxml2 sees them: no meta tag may
	 * switch it. XML_PARSE_HUGE lifts the parser's nesting limit of 256,
	 * past which it dropped the rest of the page without a word;
	 * flatten() bounds the depth instead. The input is bounded by the
	 * caller's buffers.
	 */
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
		   HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
	size_t skip = 0;
	const char *enc;
	struct buf utf8;
	htmlDocPtr doc;
	char err[128];

	if (len > INT32_MAX / 4)
		return NULL;
	enc = html_sniff_encoding(data, len, encoding && *encoding ? encoding : NULL, &skip);
	if (!strcmp(enc, "UTF-8") && text_utf8_valid(data + skip, len - skip) &&
		!memchr(data + skip, '\0', len - skip)) {
		doc = htmlReadMemory(data + skip, (int)(len - skip), url, "UTF-8", opts);
	} else {
		buf_init(&utf8, INT32_MAX);
		if (charset_to_utf8(data + skip, len - skip, enc, &utf8, err, sizeof(err))) {
			buf_release(&utf8);
			return NULL;
		}
		drop_nuls(&utf8);
		doc = htmlReadMemory(utf8.data ? utf8.data : "", (int)utf8.len, url, "UTF-8", opts);
		buf_release(&utf8);
	}
	if (doc) {
		flatten((xmlNodePtr)doc);
		close_head(doc);
		reopen_body(doc);
	}
	return doc;
}

const char *html_attr(xmlNodePtr node, const char *name)
{
	for (xmlAttrPtr a = node->properties; a; a = a->next)
		if (!strcasecmp((const char *)a->name, name) && a->children &&
			a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
}

int html_is(xmlNodePtr node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE &&
	       !strcasecmp((const char *)node->name, name);
}

static int is_block(xmlNodePtr n)
{
	static const char *const blocks[] = { "p", "div", "br", "li", "ul", "ol", "h1", "h2",
		"h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "section", "article",
		"header", "footer", "figure", "figcaption", "dd", "dt", "hr" };

	for (size_t i = 0; i < ARRAY_SIZE(blocks); i++)
		if (html_is(n, blocks[i]))
			return 1;
	return 0;
}

static int is_invisible(xmlNodePtr n)
{
	return html_is(n, "script") || html_is(n, "style") || html_is(n, "noscript") ||
	       html_is(n, "template") || html_is(n, "head");
}

static int paragraph_break(struct buf *out)
{
	buf_rtrim(out);
	if (!out->len)
		return 0;
	return buf_addstr(out, "\n\n");
}

static int flush_line(struct buf *line, struct buf *out)
{
	int rc = 0;

	buf_rtrim(line);
	if (line->len) {
		paragraph_break(out);
		rc = buf_add(out, line->data, line->len);
		buf_reset(line);
	}
	return rc;
}

/* Whether text ends (or starts) with white space, no-break spaces included. */
static int space_at(const char *s, size_t len, int end)
{
	const char *p = s + len - 1;

	if (!end)
		return text_is_space(text_utf8_next(&s, s + len));
	for (int i = 0; i < 3 && p > s && ((unsigned char)*p & 0xc0) == 0x80; i++)
		p--; /* back to the last character's first byte */
	return text_is_space(text_utf8_next(&p, s + len));
}

/* With out NULL, blocks do not break the line: everything goes on one line. */
static int walk(xmlNodePtr n, struct buf *line, struct buf *out)
{
	int rc = 0;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		const char *s = (const char *)n->content;
		size_t len = s ? strlen(s) : 0;

		if (!len)
			return 0;
		if (line->len && space_at(s, len, 0))
			rc = buf_addch(line, ' ');
		if (!rc)
			rc = text_append_clean(line, s, len);
		if (!rc && space_at(s, len, 1))
			rc = buf_addch(line, ' ');
		return rc;
	}
	if ((n->type != XML_ELEMENT_NODE && n->type != XML_DOCUMENT_NODE &&
		    n->type != XML_HTML_DOCUMENT_NODE) || is_invisible(n))
		return 0;
	if (!out) {
		if (is_block(n) && line->len && line->data[line->len - 1] != ' ')
			rc = buf_addch(line, ' ');
	} else if (is_block(n)) {
		rc = flush_line(line, out);
	}
	for (xmlNodePtr c = n->children; c && !rc; c = c->next)
		rc = walk(c, line, out);
	if (!rc && out && is_block(n))
		rc = flush_line(line, out);
	return rc;
}

int html_inline_text(xmlNodePtr node, struct buf *line)
{
	return node ? walk(node, line, NULL) : 0;
}

int html_node_text(xmlNodePtr node, struct buf *out)
{
	struct buf line;
	int rc;

	buf_init(&line, out->max);
	rc = node ? walk(node, &line, out) : 0;
	if (!rc)
		rc = flush_line(&line, out);
	buf_release(&line);
	return rc;
}

int html_fragment_text(const char *html, size_t len, struct buf *out)
{
	htmlDocPtr doc;
	int rc;

	if (!memchr(html, '<', len) && !memchr(html, '&', len))
		return text_append_clean(out, html, len);
	doc = html_parse(html, len, NULL, "UTF-8");
	if (!doc)
		return text_append_clean(out, html, len);
	rc = html_node_text(xmlDocGetRootElement(doc), out);
	xmlFreeDoc(doc);
	return rc;
}

void html_escape(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			buf_addstr(b, "&amp;");
			break;
		case '<':
			buf_addstr(b, "&lt;");
			break;
		case '>':
			buf_addstr(b, "&gt;");
			break;
		case '"':
			buf_addstr(b, "&quot;");
			break;
		case '\'':
			buf_addstr(b, "&#39;");
			break;
		default:
			buf_addch(b, *s);
		}
	}
}

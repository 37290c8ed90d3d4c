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

const char *html_sniff_encoding(const char *data, size_t len, const char *http_charset,
	size_t *bom_len)
{
	const char *enc = charset_bom(data, len, bom_len);

	if (enc)
		return enc;
	if ((enc = charset_canonical(http_charset)))
		return enc;
	if ((enc = meta_charset(data, len)))
		return enc;
	return charset_detect(data, len);
}

htmlDocPtr html_parse(const char *data, size_t len, const char *url, const char *encoding)
{
	/* The bytes are UTF-8 by the time libxml2 sees them: no meta tag may switch it. */
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
		   HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
	size_t skip = 0;
	const char *enc;
	struct buf utf8;
	htmlDocPtr doc;
	char err[128];

	if (len > INT32_MAX / 4)
		return NULL;
	enc = html_sniff_encoding(data, len, encoding && *encoding ? encoding : NULL, &skip);
	if (!strcmp(enc, "UTF-8") && text_utf8_valid(data + skip, len - skip))
		return htmlReadMemory(data + skip, (int)(len - skip), url, "UTF-8", opts);
	buf_init(&utf8, INT32_MAX);
	if (charset_to_utf8(data + skip, len - skip, enc, &utf8, err, sizeof(err))) {
		buf_release(&utf8);
		return NULL;
	}
	doc = htmlReadMemory(utf8.data ? utf8.data : "", (int)utf8.len, url, "UTF-8", opts);
	buf_release(&utf8);
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

static int walk(xmlNodePtr n, struct buf *line, struct buf *out, int depth)
{
	int rc = 0;

	if (depth > 256)
		return 0; /* deeper than any real document: hostile, stop here */
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
	if (is_block(n))
		rc = flush_line(line, out);
	for (xmlNodePtr c = n->children; c && !rc; c = c->next)
		rc = walk(c, line, out, depth + 1);
	if (!rc && is_block(n))
		rc = flush_line(line, out);
	return rc;
}

int html_node_text(xmlNodePtr node, struct buf *out)
{
	struct buf line;
	int rc;

	buf_init(&line, out->max);
	rc = node ? walk(node, &line, out, 0) : 0;
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

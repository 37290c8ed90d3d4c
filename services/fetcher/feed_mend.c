#include "feed_mend.h"

#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <string.h>
#include <strings.h>

#include "common.h"

/* What comments, CDATA sections and processing instructions end with. */
enum closer { END_COMMENT, END_CDATA, END_PI, N_CLOSERS };
static const char *const closers[N_CLOSERS] = { "-->", "]]>", "?>" };

/* An element the output has opened; its name is in mender.names at name_at. */
struct open_el {
	size_t name_at, name_len;
	int kept; /* its tags are in the output; not when nested too deep */
	int entry; /* an <item> or <entry> */
};

struct mender {
	const char *end;
	struct buf *out;
	struct feed_report *rep;
	struct buf names;
	struct buf attrs; /* the tag being read, mended */
	struct open_el *open;
	size_t depth, alloc, kept, in_entry;
	size_t *entry_tags;
	int rooted; /* the root element has ended */
	int full; /* out is full */
	/*
	 * Where a search for a closer came up empty: it fails from anywhere
	 * later too, so a feed of a million "<!--" costs one search, not a
	 * million (a quadratic hang). The same for a document type that never
	 * ended.
	 */
	const char *missing[N_CLOSERS];
	int doctype_unended;
};

/*
 * Bytes a run of text stops at: 1 in text and attribute values (&, and the
 * control characters XML forbids), 2 in attribute values only.
 */
static const unsigned char stops[256] = { [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1,
	[0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1, [0x08] = 1, [0x0b] = 1, [0x0c] = 1,
	[0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
	[0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1,
	[0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, ['&'] = 1, ['<'] = 2, ['"'] = 2 };

static void put(struct mender *m, const char *s, size_t n)
{
	if (buf_add(m->out, s, n))
		m->full = 1;
}

static int name_start(unsigned char c)
{
	return isalpha(c) || c == '_' || c == ':' || c >= 0x80;
}

static int name_char(unsigned char c)
{
	return isalnum(c) || c == '_' || c == ':' || c == '-' || c == '.' || c >= 0x80;
}

/*
 * What a tag's name tells the mender. ENTRY: <item>, <entry>. LEAF: an
 * element of an entry that holds a value and nothing else; FIELD: one whose
 * start shows that such a value has ended ("<title>A <link>x</link>" closes
 * the title, as no feed puts a link inside a title). VOID: HTML's elements
 * that never have an end tag (<link> is RSS's, not one).
 */
enum { ENTRY = 1, LEAF = 2, FIELD = 4, VOID = 8 };

static unsigned kind_of(const char *name, size_t len)
{
	static const struct {
		const char *name;
		size_t len;
		unsigned kind;
	} kinds[] = {
		{ "item", 4, ENTRY }, { "entry", 5, ENTRY }, { "title", 5, LEAF | FIELD },
		{ "link", 4, LEAF | FIELD }, { "guid", 4, LEAF | FIELD }, { "pubDate", 7, LEAF | FIELD },
		{ "id", 2, LEAF | FIELD }, { "published", 9, LEAF | FIELD }, { "updated", 7, LEAF | FIELD },
		{ "issued", 6, LEAF | FIELD }, { "modified", 8, LEAF | FIELD },
		{ "created", 7, LEAF | FIELD }, { "date", 4, LEAF | FIELD }, { "creator", 7, LEAF | FIELD },
		{ "description", 11, FIELD }, { "summary", 7, FIELD }, { "content", 7, FIELD },
		{ "encoded", 7, FIELD }, { "author", 6, FIELD }, { "category", 8, FIELD },
		{ "comments", 8, FIELD }, { "enclosure", 9, FIELD }, { "br", 2, VOID }, { "img", 3, VOID },
		{ "hr", 2, VOID }, { "wbr", 3, VOID }, { "input", 5, VOID }, { "area", 4, VOID },
		{ "col", 3, VOID }, { "embed", 5, VOID }, { "param", 5, VOID }, { "track", 5, VOID },
	};
	const char *colon = memrchr(name, ':', len);
	unsigned kind = 0;

	int feed_prefix = 0;

	if (colon) { /* by the local name */
		feed_prefix = (colon - name == 4 && !strncasecmp(name, "atom", 4)) ||
			      (colon - name == 3 && !strncasecmp(name, "rss", 3));
		len -= (size_t)(colon + 1 - name);
		name = colon + 1;
	}
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (kinds[i].len == len && !strncasecmp(name, kinds[i].name, len))
			kind = kinds[i].kind;
	/* A prefixed name is no HTML, and no entry unless the prefix is the feed's own. */
	if (colon)
		kind &= ~(unsigned)(VOID | (feed_prefix ? 0 : ENTRY));
	return kind;
}

static int is_entry(const char *name, size_t len)
{
	return (kind_of(name, len) & ENTRY) != 0;
}

static int is_void(const char *name, size_t len)
{
	return (kind_of(name, len) & VOID) != 0;
}

static int xml_char(unsigned long c)
{
	return c == 0x9 || c == 0xa || c == 0xd || (c >= 0x20 && c <= 0xd7ff) ||
	       (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

/* A reference at q ('&'): kept, made numeric, or the & made text. Returns where it ends. */
static const char *amp(struct mender *m, const char *q, const char *e)
{
	/* What browsers make of &#128;..&#159;: windows-1252 (0: left as it is). */
	static const unsigned short cp1252[32] = { 0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026,
		0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018,
		0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
		0x0153, 0, 0x017e, 0x0178 };
	static const char *const xml_own[] = { "amp", "lt", "gt", "quot", "apos" };
	const char *p = q + 1;
	char name[33];
	size_t n = 0;

	if (p < e && *p == '#') {
		int hex = ++p < e && (*p == 'x' || *p == 'X');
		unsigned long cp = 0;

		for (p += hex; p < e && n < 8 && (hex ? isxdigit : isdigit)((unsigned char)*p); p++, n++)
			cp = cp * (hex ? 16 : 10) +
			     (unsigned long)(isdigit((unsigned char)*p) ? *p - '0'
									: tolower((unsigned char)*p) - 'a' + 10);
		if (n && p < e && *p == ';') {
			char ref[16];

			if (cp >= 0x80 && cp <= 0x9f && cp1252[cp - 0x80])
				cp = cp1252[cp - 0x80];
			if (!xml_char(cp))
				cp = 0xfffd;
			snprintf(ref, sizeof(ref), "&#%lu;", cp);
			put(m, ref, strlen(ref));
			return p + 1;
		}
	} else {
		while (p + n < e && n < sizeof(name) - 1 && isalnum((unsigned char)p[n])) {
			name[n] = p[n];
			n++;
		}
		name[n] = '\0';
		if (n && p + n < e && p[n] == ';') {
			const htmlEntityDesc *ent;

			for (size_t i = 0; i < ARRAY_SIZE(xml_own); i++) {
				if (!strcmp(name, xml_own[i])) {
					put(m, q, n + 2);
					return p + n + 1;
				}
			}
			if ((ent = htmlEntityLookup((const xmlChar *)name))) {
				char ref[16];

				snprintf(ref, sizeof(ref), "&#%u;", ent->value);
				put(m, ref, strlen(ref));
				return p + n + 1;
			}
		}
	}
	m->rep->ampersands++;
	put(m, "&amp;", 5);
	return q + 1;
}

/* Text (or, with attr, an attribute value) from p to e, mended. */
static void text(struct mender *m, const char *p, const char *e, int attr)
{
	unsigned char mask = attr ? 3 : 1;

	while (p < e) {
		const char *q = p;

		while (q < e && !(stops[(unsigned char)*q] & mask))
			q++;
		put(m, p, (size_t)(q - p));
		if (q >= e)
			break;
		if (*q == '&') {
			p = amp(m, q, e);
		} else if (*q == '<') {
			put(m, "&lt;", 4);
			p = q + 1;
		} else if (*q == '"') {
			put(m, "&quot;", 6);
			p = q + 1;
		} else {
			m->rep->controls++;
			p = q + 1;
		}
	}
}

/* Text outside the root element: only white space belongs there. */
static void outside(struct mender *m, const char *p, const char *e)
{
	for (; p < e; p++)
		if (!isspace((unsigned char)*p))
			m->rep->junk++;
}

/* A < that starts nothing: text. */
static const char *lt_text(struct mender *m, const char *p)
{
	if (m->depth)
		put(m, "&lt;", 4);
	else
		m->rep->junk++;
	return p + 1;
}

static void push(struct mender *m, const char *name, size_t len, int kept, int entry)
{
	if (m->depth == m->alloc) {
		m->alloc = m->alloc ? m->alloc * 2 : 32;
		m->open = xrealloc(m->open, m->alloc * sizeof(*m->open));
	}
	m->open[m->depth].name_at = m->names.len;
	m->open[m->depth].name_len = len;
	m->open[m->depth].kept = kept;
	m->open[m->depth++].entry = entry;
	buf_add(&m->names, name, len);
	m->kept += kept;
	m->in_entry += entry;
}

/*
 * Ends the innermost open element: with its end tag as the feed wrote it
 * (orig), or one written here, unclosed when the feed left it open.
 */
static void pop_as(struct mender *m, int unclosed, const char *orig, size_t orig_len)
{
	struct open_el *el = &m->open[--m->depth];

	if (el->kept) {
		if (orig) {
			put(m, orig, orig_len);
		} else {
			put(m, "</", 2);
			put(m, m->names.data + el->name_at, el->name_len);
			put(m, ">", 1);
		}
		m->kept--;
	}
	m->rep->unclosed += (unsigned)unclosed;
	m->in_entry -= (size_t)el->entry;
	m->names.len = el->name_at;
	m->names.data[m->names.len] = '\0';
	if (!m->depth)
		m->rooted = 1;
}

static void pop(struct mender *m, int unclosed)
{
	pop_as(m, unclosed, NULL, 0);
}

/* An end tag (tag, tag_len) for name: closes it and what was left open inside it, or nothing. */
static void close_element(struct mender *m, const char *name, size_t len, const char *tag,
	size_t tag_len)
{
	/*
	 * A stray end tag should not cost a search of a hostile depth: the
	 * innermost 512 elements are searched, and the kept ones (which are
	 * the outermost, at most FEED_MEND_MAX_DEPTH), so that </description>
	 * still closes the 600 <p> left open inside it.
	 */
	size_t stop = m->depth > 512 ? m->depth - 512 : 0, i = m->depth;
	long found = -1, folded = -1;

	while (i-- > 0) {
		const struct open_el *el = &m->open[i];
		const char *n = m->names.data + el->name_at;

		if (i < stop && i >= m->kept) { /* skip to the kept ones */
			if (!m->kept)
				break;
			i = m->kept;
			continue;
		}
		if (el->name_len != len)
			continue;
		if (!memcmp(n, name, len)) {
			found = (long)i;
			break;
		}
		if (folded < 0 && !strncasecmp(n, name, len))
			folded = (long)i;
	}
	if (found < 0)
		found = folded;
	if (found < 0) {
		if (!is_void(name, len))
			m->rep->strays++;
		return;
	}
	while (m->depth > (size_t)found + 1)
		pop(m, 1);
	if (!memcmp(m->names.data + m->open[found].name_at, name, len))
		pop_as(m, 0, tag, tag_len); /* the common case: copied as it is */
	else
		pop(m, 0);
}

/* The length of the name at p (0 when none starts there). */
static size_t tag_name_len(const char *p, const char *end)
{
	const char *q = p;

	if (q >= end || !name_start((unsigned char)*q))
		return 0;
	while (q < end && name_char((unsigned char)*q))
		q++;
	return (size_t)(q - p);
}

static const char *end_tag(struct mender *m, const char *p)
{
	const char *n = p + 2, *q;
	size_t len = tag_name_len(n, m->end);

	if (!len)
		return lt_text(m, p);
	for (q = n + len; q < m->end && isspace((unsigned char)*q); q++)
		;
	if (q >= m->end || *q != '>')
		return lt_text(m, p);
	close_element(m, n, len, p, (size_t)(q + 1 - p));
	return q + 1;
}

/* Reads the attributes after a tag's name at q into m->attrs; NULL when the tag never ends. */
static const char *attributes(struct mender *m, const char *q, int *self)
{
	const char *seen[64];
	size_t seen_len[64], nseen = 0;

	buf_reset(&m->attrs);
	*self = 0;
	for (;;) {
		const char *a, *v, *ve;
		size_t alen, dup = 0;

		while (q < m->end && isspace((unsigned char)*q))
			q++;
		if (q >= m->end || *q == '<')
			return NULL;
		if (*q == '>')
			return q + 1;
		if (*q == '/' && q + 1 < m->end && q[1] == '>') {
			*self = 1;
			return q + 2;
		}
		for (a = q; q < m->end && !isspace((unsigned char)*q) && *q != '=' && *q != '>' &&
			    *q != '/' && *q != '<' && *q != '"' && *q != '\'';
			q++)
			;
		if (q == a || !name_start((unsigned char)*a)) {
			q += q == a; /* a stray quote, slash or equals sign */
			continue;
		}
		alen = (size_t)(q - a);
		while (q < m->end && isspace((unsigned char)*q))
			q++;
		if (q < m->end && *q == '=') {
			for (q++; q < m->end && isspace((unsigned char)*q); q++)
				;
			if (q < m->end && (*q == '"' || *q == '\'')) {
				v = q + 1;
				ve = memchr(v, *q, (size_t)(m->end - v));
				if (!ve)
					return NULL;
				q = ve + 1;
			} else {
				for (v = q; q < m->end && !isspace((unsigned char)*q) && *q != '>'; q++)
					;
				ve = q;
			}
		} else {
			v = a, ve = a + alen; /* <input checked>: checked="checked" */
		}
		for (size_t i = 0; i < nseen && !dup; i++)
			dup = seen_len[i] == alen && !memcmp(seen[i], a, alen);
		if (dup || nseen == ARRAY_SIZE(seen))
			continue;
		seen[nseen] = a;
		seen_len[nseen++] = alen;
		buf_addch(&m->attrs, ' ');
		buf_add(&m->attrs, a, alen);
		buf_addstr(&m->attrs, "=\"");
		{
			/* The value goes through the same mending, into attrs. */
			struct buf *out = m->out;

			m->out = &m->attrs;
			text(m, v, ve, 1);
			m->out = out;
		}
		buf_addch(&m->attrs, '"');
	}
}

static const char *start_tag(struct mender *m, const char *p)
{
	const char *n = p + 1, *q;
	size_t len = tag_name_len(n, m->end);
	unsigned kind;
	int closed, self, entry, kept;

	q = attributes(m, n + len, &closed);
	if (!q)
		return lt_text(m, p); /* "a <b and c" */
	kind = kind_of(n, len);
	self = closed || (kind & VOID);
	if (m->in_entry && (kind & ENTRY)) {
		/* Entries do not nest: this one starts after the one left open. */
		while (!m->open[m->depth - 1].entry)
			pop(m, 1);
		pop(m, 1);
	} else if (m->depth && (kind & FIELD)) {
		const struct open_el *top = &m->open[m->depth - 1];

		if (kind_of(m->names.data + top->name_at, top->name_len) & LEAF)
			pop(m, 1);
	}
	entry = !m->in_entry && (kind & ENTRY);
	if (entry)
		(*m->entry_tags)++;
	kept = m->kept < FEED_MEND_MAX_DEPTH;
	if (kept && self == closed && m->attrs.len == (size_t)(q - (n + len)) - (closed ? 2 : 1) &&
		!memcmp(m->attrs.data, n + len, m->attrs.len)) {
		put(m, p, (size_t)(q - p)); /* the common case: a well-formed tag, copied as it is */
	} else if (kept) {
		put(m, "<", 1);
		put(m, n, len);
		put(m, m->attrs.data, m->attrs.len);
		put(m, self ? "/>" : ">", self ? 2 : 1);
	} else {
		m->rep->flattened++;
	}
	if (!self)
		push(m, n, len, kept, entry);
	return q;
}

/* Returns where the closer c after p ends, or NULL when there is none. */
static const char *after(struct mender *m, const char *p, enum closer c)
{
	size_t n = strlen(closers[c]);
	const char *hit;

	if (m->missing[c] && p >= m->missing[c])
		return NULL;
	if (!(hit = memmem(p, (size_t)(m->end - p), closers[c], n))) {
		m->missing[c] = p;
		return NULL;
	}
	return hit + n;
}

static const char *markup(struct mender *m, const char *p)
{
	size_t left = (size_t)(m->end - p);
	const char *q;

	if (left >= 4 && !memcmp(p, "<!--", 4)) {
		if (!(q = after(m, p + 4, END_COMMENT)))
			return lt_text(m, p);
	} else if (left >= 9 && !memcmp(p, "<![CDATA[", 9)) {
		if (!(q = after(m, p + 9, END_CDATA)))
			return lt_text(m, p);
	} else if (left >= 2 && p[1] == '?') {
		if (!(q = after(m, p + 2, END_PI)))
			return lt_text(m, p);
		/* The declaration's encoding is no longer the text's: the text is UTF-8 now. */
		if (left >= 6 && !strncasecmp(p + 2, "xml", 3) && (isspace((unsigned char)p[5]) || p[5] == '?'))
			return q;
	} else if (left >= 2 && p[1] == '!' && !m->depth) {
		/*
		 * The document type; inside an element, "<![if !IE]>" and the like
		 * are text. Once one never ended, a later one is text too.
		 */
		int brackets = 0;

		if (m->doctype_unended)
			return lt_text(m, p);
		for (q = p + 2; q < m->end; q++) {
			if (*q == '[')
				brackets++;
			else if (*q == ']')
				brackets--;
			else if (*q == '>' && brackets <= 0)
				break;
		}
		if (q >= m->end) {
			m->doctype_unended = 1;
			return lt_text(m, p);
		}
		q++;
	} else if (left >= 2 && p[1] == '/') {
		return end_tag(m, p);
	} else if (left >= 2 && name_start((unsigned char)p[1])) {
		return start_tag(m, p);
	} else {
		return lt_text(m, p);
	}
	if (m->depth || !m->rooted)
		put(m, p, (size_t)(q - p));
	return q;
}

/* After the root element: comments and white space are fine; the rest is left out. */
static void trailing(struct mender *m, const char *p)
{
	while (p < m->end) {
		const char *q;

		if (isspace((unsigned char)*p)) {
			p++;
		} else if ((q = (m->end - p >= 4 && !memcmp(p, "<!--", 4)) ? after(m, p, END_COMMENT)
			    : (m->end - p >= 2 && !memcmp(p, "<?", 2))	    ? after(m, p, END_PI)
									    : NULL)) {
			p = q;
		} else {
			/* Entries in what is left out are lost entries. */
			for (q = p; (q = memchr(q, '<', (size_t)(m->end - q))); q++)
				if (is_entry(q + 1, tag_name_len(q + 1, m->end)))
					m->rep->lost++;
			m->rep->junk += (unsigned)(m->end - p);
			return;
		}
	}
}

int feed_mend(const char *s, size_t len, struct buf *out, struct feed_report *rep,
	size_t *entry_tags)
{
	struct mender m = { .end = s + len, .out = out, .rep = rep, .entry_tags = entry_tags };
	const char *p = s, *decl;

	*entry_tags = 0;
	buf_init(&m.names, SIZE_MAX);
	buf_init(&m.attrs, SIZE_MAX);
	/* Bytes before a late XML declaration (a script's warning) are not the feed's. */
	decl = memmem(s, len < 65536 ? len : 65536, "<?xml", 5);
	if (decl) {
		outside(&m, s, decl);
		p = decl;
	}
	while (p < m.end && !m.full) {
		const char *lt;

		if (m.rooted && !m.depth) {
			trailing(&m, p);
			break;
		}
		lt = memchr(p, '<', (size_t)(m.end - p));
		if (m.depth)
			text(&m, p, lt ? lt : m.end, 0);
		else
			outside(&m, p, lt ? lt : m.end);
		if (!lt)
			break;
		p = markup(&m, lt);
	}
	while (m.depth)
		pop(&m, 1);
	free(m.open);
	buf_release(&m.names);
	buf_release(&m.attrs);
	return m.full ? -1 : 0;
}

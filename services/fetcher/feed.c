#include "feed.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "charset.h"
#include "date.h"
#include "feed_read.h"
#include "html.h"
#include "text.h"
#include "url.h"
#include "common.h"

#define FEED_TEXT_MAX (1024 * 1024)

char *feed_text(const char *s, size_t len, int html)
{
	struct buf b;

	if (!s || !len)
		return NULL;
	buf_init(&b, FEED_TEXT_MAX);
	if (html)
		html_fragment_text(s, len, &b);
	else
		text_append_clean(&b, s, len);
	buf_rtrim(&b);
	if (!b.len) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

/* 1 if s begins with a URI scheme ("https:", "tag:"): it needs no base. */
static int has_scheme(const char *s)
{
	const char *p = s;

	if (!isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	return *p == ':' && p - s > 1; /* not "C:" */
}

char *feed_link(const char *base, const char *raw)
{
	return has_scheme(raw) ? xstrdup(raw) : url_resolve(base, raw);
}

/* The language the encoding implies, for a feed that declares none. */
static const char *encoding_lang(const char *enc)
{
	static const struct {
		const char *enc, *lang;
	} map[] = { { "GB18030", "zh" }, { "BIG5-HKSCS", "zh" }, { "SHIFT_JIS", "ja" },
		{ "CP932", "ja" }, { "EUC-JP", "ja" }, { "ISO-2022-JP", "ja" }, { "EUC-KR", "ko" } };

	for (size_t i = 0; enc && i < ARRAY_SIZE(map); i++)
		if (!strcmp(enc, map[i].enc))
			return map[i].lang;
	return NULL;
}

/* Keeps raw as the report's example of what it counts (the first one), on one line. */
static void report_example(char *dst, size_t size, unsigned *count, const char *raw)
{
	if ((*count)++)
		return;
	snprintf(dst, size, "%s", raw);
	for (char *c = dst; *c; c++)
		if (*c == '\n' || *c == '\r' || *c == '\t')
			*c = ' ';
}

char *feed_date(struct feed *f, const char *raw)
{
	char out[32];
	int64_t ms, now = now_ms();

	while (raw && isspace((unsigned char)*raw))
		raw++;
	if (!raw || !*raw)
		return NULL;
	if (date_parse_lang(raw, f->lang ? f->lang : encoding_lang(f->encoding), &ms)) {
		report_example(f->report.bad_date, sizeof(f->report.bad_date), &f->report.bad_dates,
			raw);
		return NULL;
	}
	/*
	 * A date in the future beyond a little clock skew is a publisher's
	 * mistake; the entry is news now. Said, so a feed with a broken clock
	 * shows.
	 */
	if (ms > now + 15 * 60 * 1000) {
		report_example(f->report.future_date, sizeof(f->report.future_date),
			&f->report.future_dates, raw);
		ms = now;
	}
	time_iso8601(ms, out, sizeof(out));
	return xstrdup(out);
}

void feed_entry_release(struct feed_entry *e)
{
	free(e->title);
	free(e->link);
	free(e->id);
	free(e->summary);
	free(e->content);
	free(e->published);
	free(e->updated);
	free(e->author);
	memset(e, 0, sizeof(*e));
}

void feed_add(struct feed *f, struct feed_entry *e)
{
	if (!e->published && e->updated)
		e->published = xstrdup(e->updated);
	/* Doubling: a 10 MB feed may hold a hundred thousand entries. */
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 16;
		f->entries = xrealloc(f->entries, f->cap * sizeof(*e));
	}
	f->entries[f->n++] = *e;
	memset(e, 0, sizeof(*e));
}

/*
 * The document's encoding, in the order RFC 7303 gives XML over HTTP: a
 * byte order mark, the HTTP charset, the XML declaration; then a guess.
 * A label that the bytes contradict loses to them: UTF-8 that is not
 * valid is guessed anew, and bytes that are valid UTF-8 with characters
 * beyond ASCII are UTF-8 whatever the label says, since text in another
 * encoding almost never is.
 */
static const char *choose_encoding(const char *data, size_t len, const char *http_charset,
	size_t *skip, int *valid_utf8)
{
	const char *enc = charset_bom(data, len, skip), *utf8 = "UTF-8";
	char declared[64];
	int valid;

	*valid_utf8 = 0;
	if (enc)
		return enc;
	/* UTF-16 without a mark: "<?" as XML 1.0 (appendix F) finds it, whatever the labels. */
	if (len >= 4 && !memcmp(data, "<\0?\0", 4))
		return "UTF-16LE";
	if (len >= 4 && !memcmp(data, "\0<\0?", 4))
		return "UTF-16BE";
	if (!(enc = charset_canonical(http_charset))) {
		charset_xml_declared(data, len, declared, sizeof(declared));
		enc = charset_canonical(declared);
	}
	if (!enc || !strncmp(enc, "UTF-16", 6))
		return charset_detect(data, len);
	valid = *valid_utf8 = text_utf8_valid(data, len);
	if (!strcmp(enc, utf8))
		return valid ? utf8 : charset_detect(data, len);
	for (size_t i = 0; valid && i < len; i++)
		if ((unsigned char)data[i] >= 0x80)
			return utf8;
	return enc;
}

int feed_parse(const char *data, size_t len, const char *url, const char *http_charset,
	struct feed *out, char *errstr, size_t errsize)
{
	const char *enc, *p;
	size_t skip = 0;
	struct buf utf8;
	int rc = -1, valid = 0;

	memset(out, 0, sizeof(*out));
	buf_init(&utf8, len * 3 + 16 < INT32_MAX ? len * 3 + 16 : INT32_MAX);
	if (len > INT32_MAX / 4) {
		snprintf(errstr, errsize, "feed too large");
		goto out;
	}
	enc = choose_encoding(data, len, http_charset, &skip, &valid);
	if (!strcmp(enc, "UTF-8") && (valid || text_utf8_valid(data + skip, len - skip))) {
		buf_add(&utf8, data + skip, len - skip);
	} else if (charset_to_utf8(data + skip, len - skip, enc, &utf8, errstr, errsize)) {
		goto out;
	}
	out->encoding = xstrdup(enc);
	for (p = utf8.data; isspace((unsigned char)*p); p++)
		;
	if (*p == '{')
		rc = feed_json_read(out, p, utf8.len - (size_t)(p - utf8.data), url, errstr, errsize);
	else
		rc = feed_xml_read(out, utf8.data, utf8.len, url, errstr, errsize);
	/* An image or an archive given as a feed: say so, not what its bytes made of a root. */
	if (rc && (p = html_not_text(data, len, http_charset)))
		snprintf(errstr, errsize, "not a feed: %s", p);
out:
	buf_release(&utf8);
	return rc;
}

void feed_release(struct feed *f)
{
	for (size_t i = 0; i < f->n; i++)
		feed_entry_release(&f->entries[i]);
	free(f->entries);
	free(f->title);
	free(f->link);
	free(f->lang);
	free(f->encoding);
	memset(f, 0, sizeof(*f));
}

int feed_report_describe(const struct feed_report *r, char *out, size_t size)
{
	const struct {
		unsigned n;
		const char *one, *many, *example;
		int lost;
	} parts[] = {
		{ r->lost, "1 entry too broken to read", "%u entries too broken to read", NULL, 1 },
		{ r->junk, "1 byte outside the document left out",
			"%u bytes outside the document left out", NULL, 1 },
		{ r->bad_dates, "1 date in no known form left out",
			"%u dates in no known form left out", r->bad_date, 1 },
		{ r->future_dates, "1 date in the future replaced by the time it was read",
			"%u dates in the future replaced by the time they were read", r->future_date, 1 },
		/* Mended: no text is lost. */
		{ r->ampersands, "1 bare & read as text", "%u bare & read as text", NULL, 0 },
		{ r->unclosed, "1 element left open closed", "%u elements left open closed", NULL, 0 },
		{ r->flattened, "1 element nested too deep kept as text",
			"%u elements nested too deep kept as text", NULL, 0 },
		{ r->strays, "1 end tag that closed nothing left out",
			"%u end tags that closed nothing left out", NULL, 0 },
		{ r->controls, "1 control character left out", "%u control characters left out",
			NULL, 0 },
	};
	struct buf b;
	int lost = 0;

	buf_init(&b, size ? size - 1 : 0);
	for (size_t i = 0; i < ARRAY_SIZE(parts); i++) {
		if (!parts[i].n)
			continue;
		if (b.len)
			buf_addstr(&b, "; ");
		if (parts[i].n == 1)
			buf_addstr(&b, parts[i].one);
		else
			buf_printf(&b, parts[i].many, parts[i].n);
		if (parts[i].example)
			buf_printf(&b, " ('%s')", parts[i].example);
		lost |= parts[i].lost;
	}
	if (size)
		snprintf(out, size, "%s", b.data);
	buf_release(&b);
	return lost;
}

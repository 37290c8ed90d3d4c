#include "text.h"

#include <string.h>
#include <strings.h>

#include "common.h"

uint32_t text_utf8_next(const char **p, const char *end)
{
	const unsigned char *s = (const unsigned char *)*p;
	size_t left = (size_t)(end - *p);
	uint32_t cp, min;
	int n;

	if (s[0] < 0x80) {
		*p += 1;
		return s[0];
	}
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2, cp = s[0] & 0x1f, min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3, cp = s[0] & 0x0f, min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4, cp = s[0] & 0x07, min = 0x10000;
	} else {
		goto bad;
	}
	if (left < (size_t)n)
		goto bad;
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			goto bad;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		goto bad;
	*p += n;
	return cp;
bad:
	*p += 1;
	return 0xfffd;
}

int text_utf8_valid(const char *s, size_t len)
{
	const char *p = s, *end = s + len;

	while (p < end) {
		const char *at = p;

		if (!((unsigned char)*p & 0x80)) { /* ASCII, the bulk of most pages */
			p++;
			continue;
		}
		if (text_utf8_next(&p, end) == 0xfffd &&
			!(p - at == 3 && !memcmp(at, "\xef\xbf\xbd", 3)))
			return 0;
	}
	return 1;
}

char *text_utf8_mend(const char *s)
{
	const char *p = s, *end = s + strlen(s);
	struct buf b;

	buf_init(&b, 3 * (size_t)(end - s) + 1); /* each bad byte grows to three */
	while (p < end)
		text_utf8_put(&b, text_utf8_next(&p, end));
	return buf_detach(&b, NULL);
}

int text_utf8_put(struct buf *b, uint32_t cp)
{
	char out[4];
	size_t n;

	if (cp < 0x80) {
		out[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6)), out[1] = (char)(0x80 | (cp & 0x3f)), n = 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12)), out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f)), n = 3;
	} else {
		out[0] = (char)(0xf0 | (cp >> 18)), out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3f)), out[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return buf_add(b, out, n);
}

int text_is_lower(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	if (cp >= 0xdf && cp <= 0xff)
		return cp != 0xf7; /* ß..ÿ but ÷ */
	if (cp >= 0x100 && cp <= 0x17f) /* Extended-A: pairs, the lowercase second */
		return (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e) ? !(cp & 1) :
										       (cp & 1) || cp == 0x138 || cp == 0x17f;
	return (cp >= 0x3ac && cp <= 0x3ce) || (cp >= 0x430 && cp <= 0x45f);
}

size_t text_utf8_fit(const char *s, size_t len, size_t max)
{
	size_t n = len < max ? len : max, start;
	unsigned char lead;
	size_t need;

	if (!n)
		return 0;
	start = n - 1;
	for (int i = 0; i < 3 && start > 0 && ((unsigned char)s[start] & 0xc0) == 0x80; i++)
		start--;
	lead = (unsigned char)s[start];
	need = lead < 0x80 ? 1 : (lead & 0xe0) == 0xc0 ? 2 : (lead & 0xf0) == 0xe0 ? 3 :
		(lead & 0xf8) == 0xf0 ? 4 : 1;
	return start + need <= n ? n : start;
}

size_t text_chars(const char *s)
{
	const char *end = s + strlen(s);
	size_t n = 0;

	while (s < end) {
		text_utf8_next(&s, end);
		n++;
	}
	return n;
}

int text_is_cjk(uint32_t cp)
{
	return (cp >= 0x3040 && cp <= 0x30ff) || /* kana */
	       (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
	       (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x2fa1f) ||
	       (cp >= 0xac00 && cp <= 0xd7af) || /* hangul */
	       (cp >= 0x3000 && cp <= 0x303f) || /* CJK punctuation */
	       (cp >= 0xff00 && cp <= 0xffef); /* full-width forms */
}

int text_is_han(uint32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff);
}

int text_word_in(const char *w, size_t n, const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(list[i]) == n && !strncasecmp(list[i], w, n))
			return 1;
	return 0;
}

int text_is_sentence_end(uint32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x3002 || cp == 0xff01 ||
	       cp == 0xff1f; /* 。！？ */
}

int text_is_closing(uint32_t cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == 0x201d || cp == 0x2019 ||
	       cp == 0x300d || cp == 0x300f || cp == 0xff09 || cp == 0x300b; /* ” ’ 」 』 ） 》 */
}

static int is_word_char(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	       (cp >= 0xc0 && cp < 0x3000 && cp != 0xd7 && cp != 0xf7 &&
		       !(cp >= 0x2000 && cp <= 0x206f));
}

void text_count(const char *s, size_t *cjk_chars, size_t *words)
{
	text_count_len(s, strlen(s), cjk_chars, words);
}

void text_count_len(const char *s, size_t len, size_t *cjk_chars, size_t *words)
{
	const char *end = s + len;
	int in_word = 0;

	*cjk_chars = *words = 0;
	while (s < end) {
		uint32_t cp;

		if ((unsigned char)*s < 0x80) { /* ASCII without a call per byte */
			int word = (*s >= '0' && *s <= '9') || ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z');

			if (word || (in_word && *s == '\'')) {
				*words += !in_word;
				in_word = 1;
			} else {
				in_word = 0;
			}
			s++;
			continue;
		}
		cp = text_utf8_next(&s, end);

		if (text_is_cjk(cp)) {
			if (!(cp >= 0x3000 && cp <= 0x303f) && !(cp >= 0xff00 && cp <= 0xff20))
				(*cjk_chars)++;
			in_word = 0;
		} else if (is_word_char(cp) || (in_word && (cp == '\'' || cp == 0x2019))) {
			if (!in_word)
				(*words)++;
			in_word = 1;
		} else {
			in_word = 0;
		}
	}
}

const char *text_cld2_detect(const char *s, size_t len); /* lang_cld2.cc */

const char *text_detect_lang(const char *s)
{
	const char *end = s + strlen(s), *start = s, *lang;
	size_t han = 0, kana = 0, hangul = 0, letters = 0;

	while (s < end) {
		uint32_t cp;

		if ((unsigned char)*s < 0x80) {
			letters += ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z');
			s++;
			continue;
		}
		cp = text_utf8_next(&s, end);
		if (cp >= 0x3040 && cp <= 0x30ff)
			kana++;
		else if ((cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff))
			han++;
		else if ((cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0x1100 && cp <= 0x11ff))
			hangul++;
		else if (cp >= 0xc0 && cp != 0xd7 && cp != 0xf7 && cp < 0x2000)
			letters++; /* Latin, Greek, Cyrillic, Arabic, Hebrew, Indic... */
	}
	if (!han && !kana && !hangul && !letters)
		return "und";
	/*
	 * The scripts that name their language for sure: kana is Japanese,
	 * Hangul Korean, Han without either Chinese. A CJK character carries
	 * about as much as a four-letter word.
	 */
	if ((han + kana + hangul) * 4 >= letters) {
		if (hangul >= han + kana)
			return "ko";
		if (kana * 5 >= han + kana)
			return "ja";
		return "zh";
	}
	lang = text_cld2_detect(start, (size_t)(end - start));
	return lang ? lang : "und";
}

int text_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
	       cp == 0xa0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200b) || cp == 0x202f ||
	       cp == 0x205f || cp == 0xfeff;
}

int text_append_clean(struct buf *b, const char *s, size_t len)
{
	const char *end = s + len;
	int pending_space = 0, wrote = 0, rc = 0;

	while (s < end && !rc) {
		const char *run = s;

		/*
		 * Most text goes out as it came: copy the longest run of visible
		 * ASCII and valid, non-space UTF-8 at once.
		 */
		while (s < end) {
			unsigned char c = (unsigned char)*s;
			const char *q = s;
			uint32_t cp;

			if (c > 0x20 && c < 0x7f) {
				s++;
				continue;
			}
			if (c < 0x80)
				break;
			cp = text_utf8_next(&q, end);
			if (text_is_space(cp) || (cp == 0xfffd && !(q - s == 3 && !memcmp(s, "\xef\xbf\xbd", 3))))
				break;
			s = q;
		}
		if (s > run) {
			if (pending_space)
				rc = buf_addch(b, ' ');
			if (!rc)
				rc = buf_add(b, run, (size_t)(s - run));
			pending_space = 0;
			wrote = 1;
			continue;
		}
		/* A space, a control character or a byte that is not UTF-8. */
		{
			uint32_t cp = text_utf8_next(&s, end);

			if (text_is_space(cp) || cp < 0x20 || cp == 0x7f) {
				pending_space = wrote;
				continue;
			}
			if (pending_space)
				rc = buf_addch(b, ' ');
			pending_space = 0;
			if (!rc)
				rc = text_utf8_put(b, cp);
			wrote = 1;
		}
	}
	return rc;
}

char *text_shorten(const char *s, size_t max)
{
	const char *p = s, *end = s + strlen(s), *cut = NULL, *hard = NULL;
	size_t chars = 0;
	struct buf b;

	if (text_chars(s) <= max)
		return xstrdup(s);
	while (p < end && chars < max - 1) {
		uint32_t cp = text_utf8_next(&p, end);

		chars++;
		if (cp == ' ' || cp == ',' || cp == 0xff0c || cp == 0x3001 || cp == ';')
			cut = p;
		hard = p;
	}
	if (!cut || (size_t)(cut - s) < (size_t)(hard - s) / 2)
		cut = hard;
	buf_init(&b, (size_t)(cut - s) + 8);
	buf_add(&b, s, (size_t)(cut - s));
	buf_rtrim(&b);
	while (b.len && (b.data[b.len - 1] == ',' || b.data[b.len - 1] == ';'))
		b.len--;
	if (b.len >= 3 && (!memcmp(b.data + b.len - 3, "\xef\xbc\x8c", 3) ||
				  !memcmp(b.data + b.len - 3, "\xe3\x80\x81", 3)))
		b.len -= 3;
	b.data[b.len] = '\0';
	buf_addstr(&b, "\xe2\x80\xa6");
	return buf_detach(&b, NULL);
}

/* Replaces every occurrence of the n bytes at what in s (size bytes of room) with "[redacted]". */
static void redact_bytes(char *s, size_t size, const char *what, size_t n)
{
	struct buf out;
	const char *p = s, *hit;
	int found = 0;

	buf_init(&out, size ? size - 1 : 0);
	while (n && (hit = memmem(p, strlen(p), what, n))) {
		buf_add(&out, p, (size_t)(hit - p));
		buf_addstr(&out, "[redacted]");
		p = hit + n;
		found = 1;
	}
	if (found) {
		buf_addstr(&out, p);
		/* A cut text is still free of the secret: it is a prefix of the redacted one. */
		memcpy(s, out.data, out.len + 1);
	}
	buf_release(&out);
}

void text_redact(char *s, size_t size, const char *secret)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf enc;

	if (!secret || !*secret || !size)
		return;
	redact_bytes(s, size, secret, strlen(secret));
	/* A server that echoes a request often echoes it percent-encoded ("123%3Aabc"). */
	buf_init(&enc, SIZE_MAX);
	for (const char *c = secret; *c; c++) {
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~", *c))
			buf_addch(&enc, *c);
		else
			buf_printf(&enc, "%%%c%c", hex[(unsigned char)*c >> 4], hex[*c & 15]);
	}
	if (strcmp(enc.data, secret))
		redact_bytes(s, size, enc.data, enc.len);
	buf_release(&enc);
}

char *text_dup_clean(const char *s)
{
	struct buf b;

	if (!s)
		return NULL;
	buf_init(&b, 1024 * 1024);
	text_append_clean(&b, s, strlen(s));
	if (!b.len) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

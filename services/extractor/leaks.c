#include "leaks.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "common.h"

/* Calls to action and site lines, not words: an article may be about copyright. */
static const char *const site_lines[] = { "sign up for", "subscribe to our", "our newsletter",
	"read more:", "read more \xc2\xbb", "all rights reserved", "follow us on",
	"share this article", "click here to", "copyright \xc2\xa9", "\xc2\xa9 20",
	"this article first appeared", "this story first appeared",
	"\xe8\xae\xa2\xe9\x98\x85\xe6\x88\x91\xe4\xbb\xac", /* 订阅我们 */
	"\xe5\xbb\xb6\xe4\xbc\xb8\xe9\x98\x85\xe8\xaf\xbb\xef\xbc\x9a", /* 延伸阅读： */
	"\xe7\x9b\xb8\xe5\x85\xb3\xe9\x98\x85\xe8\xaf\xbb\xef\xbc\x9a", /* 相关阅读： */
	"\xe7\x89\x88\xe6\x9d\x83\xe6\x89\x80\xe6\x9c\x89", /* 版权所有 */
	"\xe8\xb4\xa3\xe4\xbb\xbb\xe7\xbc\x96\xe8\xbe\x91\xef\xbc\x9a", /* 责任编辑： */
	"\xe5\x8e\x9f\xe6\xa0\x87\xe9\xa2\x98\xef\xbc\x9a", /* 原标题： */
	"\xe5\x85\xb3\xe6\xb3\xa8\xe6\x88\x91\xe4\xbb\xac", /* 关注我们 */
	"\xe6\x9c\xaa\xe7\xbb\x8f\xe6\x8e\x88\xe6\x9d\x83", /* 未经授权 */
};

static size_t utf8_chars(const char *p, size_t len)
{
	size_t chars = 0;

	for (size_t i = 0; i < len; i++)
		chars += ((unsigned char)p[i] & 0xc0) != 0x80;
	return chars;
}

static int starts_with_any(const char *p, const char *const *heads, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strncasecmp(p, heads[i], strlen(heads[i])))
			return 1;
	return 0;
}

/* Bytes of a caption whose credit follows a comma ("Jane Roe, photo: Kim Lee"). */
#define CREDIT_AFTER_MAX 150

/*
 * A caption's or a photo's credit: "FILE PHOTO: ...", "Photo: ...",
 * "Photo illustration by ...", "(Image: Jane Roe / Getty Images)" at the
 * end, after a comma in a line that is no sentence, or a news agency's
 * photo desk named in it. "Foto" is the word in
 * most languages of Europe ("Foto: Kim Lee", "... (Foto: Getty)").
 */
static int is_credit(const char *p, size_t len)
{
	static const char *const heads[] = { "file photo", "photo:", "photos:", "photo by ",
		"photo illustration", "photograph:", "photograph by ", "photography by ", "image:",
		"images:", "image by ", "image credit", "picture:", "pictures:", "pic:",
		"illustration:", "illustration by ", "credit:", "credits:", "video:", "watch:",
		"caption:", "foto:", "fotos:", "foto von ",
		"\xe5\x9b\xbe\xef\xbc\x9a" /* 图： */, "\xe5\x9b\xbe/" /* 图/ */,
		"\xe5\x9b\xbe\xe7\x89\x87\xe6\x9d\xa5\xe6\xba\x90" /* 图片来源 */ };
	static const char *const desks[] = { "getty images", "(ap photo", "ap photo/", "/ap)",
		"/reuters", "/ afp", "afp via getty", "/afp", "shutterstock", "/epa", "epa-efe",
		"photo/", "(photo", "(image", "(picture", "(credit", "(foto", "\xc2\xa9 afp" /* © */,
		"\xc2\xa9 dpa", "/dpa" };
	/* at the end only: "(Reuters) -" and "(CBS/AP)" open many a wire story */
	const char *open, *tail = p + (len > 48 ? len - 48 : 0);

	if (starts_with_any(p, heads, ARRAY_SIZE(heads)))
		return 1;
	/* "Crowds at the march on Saturday. (Image: Jane Roe / Getty Images)" */
	if (len && p[len - 1] == ')' && (open = strrchr(p, '(')) &&
		(starts_with_any(open + 1, heads, ARRAY_SIZE(heads)) ||
			!strncasecmp(open + 1, "photo", 5) || !strncasecmp(open + 1, "image", 5)))
		return 1;
	for (size_t i = 0; i < ARRAY_SIZE(desks); i++)
		if (strcasestr(tail, desks[i]))
			return 1;
	/* "Roman Prymula, photo: Archives du Gouvernement" names a photo, not a sentence */
	if (len > CREDIT_AFTER_MAX || leaks_ends_sentence(p, len))
		return 0;
	for (const char *q = p; (q = memchr(q, ',', (size_t)(p + len - q))); q++)
		if (q[1] == ' ' && starts_with_any(q + 2, heads, ARRAY_SIZE(heads)))
			return 1;
	return 0;
}

/* "By Jane Writer", "Reporting by ...", "记者 张三 报道", "执笔/李四", "编辑：王五". */
static int is_byline(const char *p, size_t chars)
{
	static const char *const heads[] = { "written by ", "words by ", "reporting by ",
		"reported by ", "editing by ", "additional reporting",
		"\xe8\xae\xb0\xe8\x80\x85" /* 记者 */, "\xef\xbc\x88\xe8\xae\xb0\xe8\x80\x85" /* （记者 */,
		"(\xe8\xae\xb0\xe8\x80\x85" /* (记者 */, "\xe6\x9c\xac\xe6\x8a\xa5\xe8\xae\xb0\xe8\x80\x85" /* 本报记者 */,
		"\xe9\x80\x9a\xe8\xae\xaf\xe5\x91\x98" /* 通讯员 */, "\xe6\x89\xa7\xe7\xac\x94" /* 执笔 */,
		"\xe7\xbc\x96\xe8\xbe\x91\xef\xbc\x9a" /* 编辑： */, "\xe7\xbc\x96\xe8\xbe\x91/" /* 编辑/ */,
		"\xe8\xb4\xa3\xe7\xbc\x96" /* 责编 */, "\xe4\xbd\x9c\xe8\x80\x85\xef\xbc\x9a" /* 作者： */,
		"\xe6\x9d\xa5\xe6\xba\x90\xef\xbc\x9a" /* 来源： */, "\xe6\x96\x87/" /* 文/ */,
		"\xe6\x96\x87\xef\xbc\x9a" /* 文： */, "\xe5\xae\xa1\xe6\xa0\xb8" /* 审核 */,
		"\xe6\xa0\xa1\xe5\xaf\xb9" /* 校对 */ };

	if (chars < 80 && !strncmp(p, "By ", 3) && isupper((unsigned char)p[3]))
		return 1;
	/* a sentence may begin with 记者 ("the reporter found..."); a byline is no sentence */
	if (chars < 60 && starts_with_any(p, heads, ARRAY_SIZE(heads)) &&
		!leaks_ends_sentence(p, strlen(p)))
		return 1;
	/* "……（记者 张三 李四）" closing a Chinese report, or "记者 张三 报道" inside it */
	return chars < 40 && strstr(p, "\xe8\xae\xb0\xe8\x80\x85") /* 记者 */ &&
	       (strstr(p, "\xe6\x8a\xa5\xe9\x81\x93") /* 报道 */ || strstr(p, "\xe6\x91\x84") /* 摄 */);
}

/*
 * A line made only of a page's furniture words: share buttons, an
 * advertisement's label, "continue reading below".
 */
static int is_furniture(const char *p, size_t len)
{
	static const char *const words[] = { "share", "shares", "sharing", "tweet", "email",
		"e-mail", "mail", "facebook", "twitter", "x", "linkedin", "whatsapp", "pinterest",
		"reddit", "telegram", "print", "copy", "link", "save", "comments", "comment",
		"advertisement", "advertising", "ad", "sponsored", "continue", "continues",
		"reading", "below", "story", "article", "this", "on", "via", "the", "scroll", "to",
		"after", "page", "more", "gift", "listen", "min", "read", "bookmark", "follow" };
	char w[24];
	size_t n = 0, seen = 0;

	if (len > 80)
		return 0;
	for (size_t i = 0; i <= len; i++) {
		unsigned char c = i < len ? (unsigned char)p[i] : ' ';
		int known = 0;

		if (isalpha(c) || c == '-') {
			if (n + 1 < sizeof(w))
				w[n++] = (char)tolower(c);
			else
				return 0;
			continue;
		}
		if (c >= 0x80)
			return 0;
		if (!n)
			continue;
		w[n] = '\0';
		for (size_t k = 0; k < ARRAY_SIZE(words) && !known; k++)
			known = !strcmp(w, words[k]);
		if (!known)
			return 0;
		seen++;
		n = 0;
	}
	return seen > 0;
}

const char *leaks_reason(const char *p, size_t len)
{
	size_t chars = utf8_chars(p, len);

	if (chars > 200)
		return NULL;
	if (is_credit(p, len))
		return "a caption or a credit";
	if (is_byline(p, chars))
		return "a byline";
	if (is_furniture(p, len))
		return "share or advertisement furniture";
	if (chars > 160)
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(site_lines); i++)
		if (strcasestr(p, site_lines[i]))
			return "a site line";
	return NULL;
}

/*
 * The length in bytes of the quote or bracket that closes p's first len
 * bytes, 0 for none: », ”, “ and 」 are two and three bytes long (a lone
 * "»" cut as three ran off the front of the text).
 */
static size_t closer_len(const char *p, size_t len)
{
	if (len && p[len - 1] && strchr("\"')", p[len - 1]))
		return 1;
	if (len >= 2 && !memcmp(p + len - 2, "\xc2\xbb", 2)) /* » */
		return 2;
	if (len >= 3 && (!memcmp(p + len - 3, "\xe2\x80\x9d", 3) || /* ” */
			 !memcmp(p + len - 3, "\xe2\x80\x9c", 3) || /* “, German: „...“ */
			 !memcmp(p + len - 3, "\xe3\x80\x8d", 3))) /* 」 */
		return 3;
	return 0;
}

int leaks_ends_sentence(const char *p, size_t len)
{
	static const char *const ends[] = { ".", "!", "?", "\xe3\x80\x82" /* 。 */,
		"\xef\xbc\x81" /* ！ */, "\xef\xbc\x9f" /* ？ */, "\xe2\x80\xa6" /* … */ };

	for (size_t cut; (cut = closer_len(p, len));)
		len -= cut;
	for (size_t i = 0; i < ARRAY_SIZE(ends); i++) {
		size_t n = strlen(ends[i]);

		if (len >= n && !memcmp(p + len - n, ends[i], n))
			return 1;
	}
	return 0;
}

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

const char *leaks_reason(const char *p, size_t len)
{
	size_t chars = utf8_chars(p, len);

	if (chars > 160)
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(site_lines); i++)
		if (strcasestr(p, site_lines[i]))
			return "a site line";
	/* "By Jane Writer, November 29, 2026" */
	if (chars < 80 && !strncmp(p, "By ", 3) && isupper((unsigned char)p[3]))
		return "a byline";
	return NULL;
}

int leaks_ends_sentence(const char *p, size_t len)
{
	static const char *const ends[] = { ".", "!", "?", "\xe3\x80\x82" /* 。 */,
		"\xef\xbc\x81" /* ！ */, "\xef\xbc\x9f" /* ？ */, "\xe2\x80\xa6" /* … */ };

	while (len && (strchr("\"')\xbb", p[len - 1]) ||
		       (len >= 3 && (!memcmp(p + len - 3, "\xe2\x80\x9d", 3) || /* ” */
				       !memcmp(p + len - 3, "\xe3\x80\x8d", 3))))) /* 」 */
		len -= (unsigned char)p[len - 1] >= 0x80 ? 3 : 1;
	for (size_t i = 0; i < ARRAY_SIZE(ends); i++) {
		size_t n = strlen(ends[i]);

		if (len >= n && !memcmp(p + len - n, ends[i], n))
			return 1;
	}
	return 0;
}

/*
 * libFuzzer target for the feed parser: any bytes, as any feed format and
 * with any HTTP charset, must give a feed or a clear error, never a crash,
 * a leak or undefined behaviour. The first byte picks the charset the
 * "server" claims.
 */
#include <stddef.h>
#include <stdint.h>

#include "feed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const charsets[] = { NULL, "utf-8", "gbk", "big5", "shift_jis",
		"iso-8859-1", "utf-16", "bogus" };
	struct feed f;
	char err[256];

	if (!size)
		return 0;
	feed_parse((const char *)data + 1, size - 1, "http://fuzz.example/feed.xml",
		charsets[data[0] % (sizeof(charsets) / sizeof(charsets[0]))], &f, err, sizeof(err));
	feed_release(&f);
	return 0;
}

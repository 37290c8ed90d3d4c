/*
 * libFuzzer target for the extractor: any bytes, served with any charset,
 * must give an article or a clear error within bounded time and memory.
 * The first byte picks the charset the "server" claims.
 */
#include <stddef.h>
#include <stdint.h>

#include "extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const charsets[] = { NULL, "utf-8", "gbk", "big5", "shift_jis",
		"windows-1252", "utf-16le", "nonsense" };
	struct extract_result r;
	char err[256];

	if (!size)
		return 0;
	extract_html((const char *)data + 1, size - 1,
		charsets[data[0] % (sizeof(charsets) / sizeof(charsets[0]))], "http://fuzz.example/a",
		&r, err, sizeof(err));
	extract_release(&r);
	return 0;
}

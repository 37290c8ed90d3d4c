#include "codec.h"

#include <openssl/evp.h>
#include <string.h>

#include "common.h"

char *codec_base64_encode(const void *data, size_t len)
{
	size_t out = 4 * ((len + 2) / 3) + 1;
	char *s = xmalloc(out);

	EVP_EncodeBlock((unsigned char *)s, data, (int)len);
	return s;
}

unsigned char *codec_base64_decode(const char *s, size_t slen, size_t *outlen)
{
	unsigned char *out;
	int n;

	if (slen % 4)
		return NULL;
	out = xmalloc(slen / 4 * 3 + 1);
	n = EVP_DecodeBlock(out, (const unsigned char *)s, (int)slen);
	if (n < 0) {
		free(out);
		return NULL;
	}
	/* EVP_DecodeBlock counts the padding as zero bytes. */
	if (slen >= 1 && s[slen - 1] == '=')
		n--;
	if (slen >= 2 && s[slen - 2] == '=')
		n--;
	*outlen = (size_t)n;
	return out;
}

void codec_hex(const unsigned char *bytes, size_t len, char *out)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < len; i++) {
		out[2 * i] = hex[bytes[i] >> 4];
		out[2 * i + 1] = hex[bytes[i] & 15];
	}
	out[2 * len] = '\0';
}

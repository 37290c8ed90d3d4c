#include "codec.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
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

void codec_id128(const void *data, size_t len, char out[33])
{
	unsigned char md[SHA256_DIGEST_LENGTH];

	SHA256(data, len, md);
	codec_hex(md, 16, out);
}

void codec_hmac_sha256(const void *key, size_t keylen, const void *data, size_t len,
	unsigned char out[32])
{
	unsigned int n = 32;

	HMAC(EVP_sha256(), key, (int)keylen, data, len, out, &n);
}

uint64_t codec_fnv1a(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211ULL;
	return h;
}

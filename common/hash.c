#include "hash.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include "codec.h"
#include "common.h"

void hash_id128(const void *data, size_t len, char out[33])
{
	unsigned char md[SHA256_DIGEST_LENGTH];

	SHA256(data, len, md);
	codec_hex(md, 16, out);
}

void hash_hmac_sha256(const void *key, size_t keylen, const void *data, size_t len,
	unsigned char out[32])
{
	unsigned int n = 32;

	HMAC(EVP_sha256(), key, (int)keylen, data, len, out, &n);
}

uint64_t hash_fnv1a(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211ULL;
	return h;
}

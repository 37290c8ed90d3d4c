#ifndef PRECIS_CODEC_H
#define PRECIS_CODEC_H

#include <stddef.h>
#include <stdint.h>

/* Byte encodings shared by the services, on OpenSSL's libcrypto. */

/* Base64 of data; caller frees with free(). */
char *codec_base64_encode(const void *data, size_t len);
/* Decodes base64; returns bytes the caller frees, or NULL if s is not base64. */
unsigned char *codec_base64_decode(const char *s, size_t slen, size_t *outlen);

/* Lowercase hex of the first 16 bytes of SHA-256(data): 32 characters + NUL. */
void codec_id128(const void *data, size_t len, char out[33]);

/* HMAC-SHA256 of data under key, into out (32 bytes). */
void codec_hmac_sha256(const void *key, size_t keylen, const void *data, size_t len,
	unsigned char out[32]);

/* 64-bit FNV-1a of n bytes: a fast hash for sets of words, not for security. */
uint64_t codec_fnv1a(const void *p, size_t n);

/* Lowercase hex of len bytes into out (2 * len + 1 bytes). */
void codec_hex(const unsigned char *bytes, size_t len, char *out);

#endif

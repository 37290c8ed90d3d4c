#ifndef PRECIS_HASH_H
#define PRECIS_HASH_H

#include <stddef.h>
#include <stdint.h>

/* Hashes shared by the services: SHA-256 and HMAC on OpenSSL's libcrypto, and FNV-1a. */

/* Lowercase hex of the first 16 bytes of SHA-256(data): 32 characters + NUL. */
void hash_id128(const void *data, size_t len, char out[33]);

/* HMAC-SHA256 of data under key, into out (32 bytes). */
void hash_hmac_sha256(const void *key, size_t keylen, const void *data, size_t len,
	unsigned char out[32]);

/* 64-bit FNV-1a of n bytes: a fast hash for sets of words, not for security. */
uint64_t hash_fnv1a(const void *p, size_t n);

#endif

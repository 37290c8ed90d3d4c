#ifndef PRECIS_CODEC_H
#define PRECIS_CODEC_H

#include <stddef.h>

/* Byte encodings shared by the services: base64 (on OpenSSL's libcrypto) and hex. */

/* Base64 of data; caller frees with free(). */
char *codec_base64_encode(const void *data, size_t len);
/* Decodes base64; returns bytes the caller frees, or NULL if s is not base64. */
unsigned char *codec_base64_decode(const char *s, size_t slen, size_t *outlen);

/* Lowercase hex of len bytes into out (2 * len + 1 bytes). */
void codec_hex(const unsigned char *bytes, size_t len, char *out);

#endif

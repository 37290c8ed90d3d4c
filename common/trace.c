#include "trace.h"

#include <openssl/rand.h>
#include <string.h>

#include "codec.h"
#include "common.h"

static void random_hex(char *out, size_t bytes)
{
	unsigned char b[16];

	if (RAND_bytes(b, (int)bytes) != 1)
		BUG("the system gives no random bytes");
	codec_hex(b, bytes, out);
}

static int is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

int trace_id(const char *tp, char out[TRACE_ID_SIZE])
{
	/* version 00: "00-" 32 hex "-" 16 hex "-" 2 hex */
	if (!tp || strlen(tp) < 55 || strncmp(tp, "00-", 3) || tp[35] != '-' || tp[52] != '-' ||
		!is_hex(tp + 3, 32) || !is_hex(tp + 36, 16) || !strncmp(tp + 3, "00000000000000000000000000000000", 32))
		return -1;
	memcpy(out, tp + 3, 32);
	out[32] = '\0';
	return 0;
}

void trace_new(char out[TRACEPARENT_SIZE])
{
	char id[33], span[17];

	random_hex(id, 16);
	random_hex(span, 8);
	snprintf(out, TRACEPARENT_SIZE, "00-%s-%s-01", id, span);
}

void trace_child(const char *parent, char out[TRACEPARENT_SIZE])
{
	char id[TRACE_ID_SIZE], span[17];

	if (trace_id(parent, id)) {
		trace_new(out);
		return;
	}
	random_hex(span, 8);
	snprintf(out, TRACEPARENT_SIZE, "00-%s-%s-01", id, span);
}

int trace_of_message(const rd_kafka_message_t *m, char out[TRACEPARENT_SIZE])
{
	rd_kafka_headers_t *h = NULL;
	const void *v;
	size_t n;
	char id[TRACE_ID_SIZE];

	out[0] = '\0';
	if (rd_kafka_message_headers(m, &h) || !h ||
		rd_kafka_header_get_last(h, TRACE_HEADER, &v, &n) || !v || n >= TRACEPARENT_SIZE)
		return -1;
	memcpy(out, v, n);
	out[n] = '\0';
	if (trace_id(out, id)) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

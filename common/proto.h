#ifndef PRECIS_PROTO_H
#define PRECIS_PROTO_H

#include <jansson.h>
#include <stddef.h>

/*
 * The message contracts of every topic. Each message is a JSON object whose
 * "schema" field names its contract ("precis.page/1"); the JSON Schemas in
 * proto/ are compiled into the binaries and every message is checked
 * against its schema when it is produced and when it is consumed.
 */
enum proto_kind { PROTO_PAGE, PROTO_ARTICLE, PROTO_SUMMARY, PROTO_DIGEST, PROTO_DEADLETTER };

/* The kind named "page", "article", "summary", "digest" or "deadletter"; -1 if none. */
int proto_kind_parse(const char *name);

/* "precis.page/1" and so on. */
const char *proto_schema_id(enum proto_kind kind);

/*
 * Parses data as JSON and checks it against kind's schema. Returns a new
 * reference (caller frees with json_decref()), or NULL with the first
 * problem found in errstr, e.g. "$.key_points: 4 items, at most 3 allowed".
 */
json_t *proto_decode(enum proto_kind kind, const void *data, size_t len, char *errstr,
	size_t errsize);

/* Checks msg against kind's schema: 0, or -1 with the reason in errstr. */
int proto_validate(enum proto_kind kind, const json_t *msg, char *errstr, size_t errsize);

/*
 * Checks msg, then serialises it compactly. Returns a string the caller
 * frees with free(), or NULL with errstr filled.
 */
char *proto_encode(enum proto_kind kind, const json_t *msg, size_t *len, char *errstr,
	size_t errsize);

/*
 * A dead letter for a message a stage gave up on. payload is copied (as
 * UTF-8 when it is valid UTF-8, else base64) and cut at 1 MiB.
 * Returns a new reference.
 */
json_t *proto_deadletter(const char *stage, const char *reason, const char *topic,
	int32_t partition, int64_t offset, const void *key, size_t keylen, const void *payload,
	size_t len);

/* The string field of a message, or NULL when it is absent or not a string. Borrowed. */
const char *proto_str(const json_t *msg, const char *field);

/* Checks every embedded schema parses; for tests and start-up. */
int proto_selftest(char *errstr, size_t errsize);

#endif

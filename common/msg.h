#ifndef PRECIS_MSG_H
#define PRECIS_MSG_H

#include <jansson.h>
#include <stddef.h>

/*
 * The messages of every topic and their contracts. Each message is a JSON
 * object whose "schema" field names its contract ("precis.page/1"); the
 * JSON Schemas in proto/ are compiled into the binaries and every message
 * is checked against its schema (jsonschema.h) when it is produced and
 * when it is consumed.
 */
enum msg_kind { MSG_PAGE, MSG_ARTICLE, MSG_SUMMARY, MSG_DIGEST, MSG_DEADLETTER };

/* The kind named "page", "article", "summary", "digest" or "deadletter"; -1 if none. */
int msg_kind_parse(const char *name);

/* "precis.page/1" and so on. */
const char *msg_schema_id(enum msg_kind kind);

/*
 * Parses data as JSON and checks it against kind's schema. Returns a new
 * reference (caller frees with json_decref()), or NULL with the first
 * problem found in errstr, e.g. "$.key_points: 4 items, at most 3 allowed".
 */
json_t *msg_decode(enum msg_kind kind, const void *data, size_t len, char *errstr,
	size_t errsize);

/* Checks msg against kind's schema: 0, or -1 with the reason in errstr. */
int msg_validate(enum msg_kind kind, const json_t *msg, char *errstr, size_t errsize);

/*
 * Checks msg, then serialises it compactly. Returns a string the caller
 * frees with free(), or NULL with errstr filled.
 */
char *msg_encode(enum msg_kind kind, const json_t *msg, size_t *len, char *errstr,
	size_t errsize);

/*
 * A dead letter for a message a stage gave up on. payload is copied (as
 * UTF-8 when it is valid UTF-8, else base64) and cut at 1 MiB.
 * Returns a new reference.
 */
json_t *msg_deadletter(const char *stage, const char *reason, const char *topic,
	int32_t partition, int64_t offset, const void *key, size_t keylen, const void *payload,
	size_t len);

/*
 * What a message is about, for a log line that must let an operator find
 * it: "url U, source S" when it is a message with those (whatever else is
 * wrong with it), else "key K", else "". Control characters become '?',
 * the URL is cut at 300 bytes. Writes at most size bytes to out.
 */
void msg_describe(const void *payload, size_t len, const void *key, size_t keylen, char *out,
	size_t size);

/* The string field of a message, or NULL when it is absent or not a string. Borrowed. */
const char *msg_str(const json_t *msg, const char *field);
/* The same for display: "" when absent. Borrowed, or static. */
const char *msg_text(const json_t *msg, const char *field);

/* Checks every embedded schema parses; for tests and start-up. */
int msg_selftest(char *errstr, size_t errsize);

#endif

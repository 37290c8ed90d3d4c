#include "msg.h"

#include <pthread.h>
#include <string.h>

#include "buf.h"
#include "codec.h"
#include "jsonschema.h"
#include "text.h"
#include "common.h"

/* Generated from the schema files in proto/ by proto/embed.cmake. */
extern const struct {
	const char *name;
	const char *json;
} proto_schema_files[];

static const char *const kind_file[] = { "page", "article", "summary", "digest", "deadletter" };
static const char *const kind_id[] = { "precis.page/1", "precis.article/1", "precis.summary/1",
	"precis.digest/1", "precis.deadletter/1" };

/* Parsed once, read-only afterwards: constants that happen to live on the heap. */
static json_t *schemas[ARRAY_SIZE(kind_file)];
static pthread_once_t schemas_once = PTHREAD_ONCE_INIT;

static void schemas_load(void)
{
	for (size_t k = 0; k < ARRAY_SIZE(kind_file); k++)
		for (size_t i = 0; proto_schema_files[i].name; i++)
			if (!strcmp(proto_schema_files[i].name, kind_file[k]))
				schemas[k] = json_loads(proto_schema_files[i].json, 0, NULL);
}

static const json_t *schema_of(enum msg_kind kind)
{
	pthread_once(&schemas_once, schemas_load);
	return schemas[kind];
}

int msg_kind_parse(const char *name)
{
	for (size_t k = 0; k < ARRAY_SIZE(kind_file); k++)
		if (!strcmp(name, kind_file[k]))
			return (int)k;
	return -1;
}

const char *msg_schema_id(enum msg_kind kind)
{
	return kind_id[kind];
}

const char *msg_str(const json_t *msg, const char *field)
{
	return json_string_value(json_object_get(msg, field));
}

/*
 * Appends at most max bytes of s to out, as many as it has room for, cut
 * between two UTF-8 characters (a JSON log line needs valid UTF-8), control
 * characters as '?'.
 */
static void add_printable(struct buf *out, const char *s, size_t n, size_t max)
{
	if (max > out->max - out->len)
		max = out->max - out->len;
	n = text_utf8_fit(s, n, max);
	for (size_t i = 0; i < n; i++)
		buf_addch(out, (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i]);
}

void msg_describe(const void *payload, size_t len, const void *key, size_t keylen, char *out,
	size_t size)
{
	json_t *m = payload ? json_loadb(payload, len, 0, NULL) : NULL;
	const char *url = msg_str(m, "url");
	const char *source = msg_str(m, "source");
	struct buf b;

	if (!source)
		source = msg_str(json_object_get(m, "source"), "name");
	if (!size)
		goto out;
	buf_init(&b, size - 1); /* a cut line is harmless here */
	if (url) {
		buf_addstr(&b, "url ");
		add_printable(&b, url, strlen(url), 300);
		if (source) {
			buf_addstr(&b, ", source ");
			add_printable(&b, source, strlen(source), 100);
		}
	} else if (key && keylen) {
		buf_addstr(&b, "key ");
		add_printable(&b, key, keylen, 100);
	}
	snprintf(out, size, "%s", b.data);
	buf_release(&b);
out:
	json_decref(m);
}

const char *msg_text(const json_t *msg, const char *field)
{
	const char *s = msg_str(msg, field);

	return s ? s : "";
}

int msg_selftest(char *errstr, size_t errsize)
{
	for (size_t k = 0; k < ARRAY_SIZE(kind_file); k++) {
		const json_t *s = schema_of((enum msg_kind)k);
		const char *id = s ? json_string_value(json_object_get(s, "$id")) : NULL;

		if (!id || strcmp(id, kind_id[k])) {
			snprintf(errstr, errsize, "schema %s is missing or names another contract",
				kind_file[k]);
			return -1;
		}
	}
	return 0;
}

int msg_validate(enum msg_kind kind, const json_t *msg, char *errstr, size_t errsize)
{
	const json_t *schema = schema_of(kind);

	if (!schema)
		BUG("schema %s was not embedded", kind_file[kind]);
	return jsonschema_validate(schema, msg, errstr, errsize);
}

json_t *msg_decode(enum msg_kind kind, const void *data, size_t len, char *errstr,
	size_t errsize)
{
	json_error_t jerr;
	json_t *msg;

	if (!data || !len) {
		snprintf(errstr, errsize, "empty message, expected %s", kind_id[kind]);
		return NULL;
	}
	msg = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!msg) {
		snprintf(errstr, errsize, "not JSON (%s at byte %d)", jerr.text, jerr.position);
		return NULL;
	}
	if (msg_validate(kind, msg, errstr, errsize)) {
		json_decref(msg);
		return NULL;
	}
	return msg;
}

char *msg_encode(enum msg_kind kind, const json_t *msg, size_t *len, char *errstr,
	size_t errsize)
{
	char *s;

	if (msg_validate(kind, msg, errstr, errsize))
		return NULL;
	s = json_dumps(msg, JSON_COMPACT | JSON_REAL_PRECISION(6));
	if (!s) {
		snprintf(errstr, errsize, "cannot serialise %s", kind_id[kind]);
		return NULL;
	}
	*len = strlen(s);
	return s;
}

#define DEADLETTER_MAX_PAYLOAD (1024 * 1024)

json_t *msg_deadletter(const char *stage, const char *reason, const char *topic,
	int32_t partition, int64_t offset, const void *key, size_t keylen, const void *payload,
	size_t len)
{
	size_t keep = len > DEADLETTER_MAX_PAYLOAD ? DEADLETTER_MAX_PAYLOAD : len;
	/*
	 * A reason may quote the message, cut at a byte count inside a UTF-8
	 * character: json_pack() would refuse it, and the stage stop on BUG().
	 */
	char ts[32], *why = text_utf8_mend(reason);
	json_t *dl, *body, *k;

	time_iso8601(now_ms(), ts, sizeof(ts));
	if (payload && text_utf8_valid(payload, keep)) {
		body = json_stringn_nocheck(payload, keep);
	} else {
		char *b64 = codec_base64_encode(payload ? payload : "", payload ? keep : 0);

		body = json_string(b64);
		free(b64);
	}
	k = key && text_utf8_valid(key, keylen) ? json_stringn_nocheck(key, keylen) : json_null();
	dl = json_pack("{s:s, s:s, s:s, s:s, s:i, s:I, s:o, s:o, s:s, s:b, s:s}", "schema",
		kind_id[MSG_DEADLETTER], "stage", stage, "reason", why, "topic", topic,
		"partition", (int)partition, "offset", (json_int_t)offset, "key", k, "payload",
		body, "payload_encoding", json_is_string(body) && payload &&
			text_utf8_valid(payload, keep) ? "utf-8" : "base64",
		"truncated", keep < len, "failed_at", ts);
	free(why);
	if (!dl)
		BUG("cannot build a dead letter");
	return dl;
}

#ifndef PRECIS_SINK_H
#define PRECIS_SINK_H

#include <jansson.h>
#include <stddef.h>

#include "config.h"

/*
 * Where an edition goes. Each kind of sink is a static struct of callbacks
 * with a declarative list of its options (fluent-bit's output plugins are
 * the model); `sinks:` in the configuration names any number of them, and
 * with none configured an edition goes to a file sink and a kafka sink.
 *
 * A sink says what happened only once it knows: SINK_OK when the target
 * confirmed, SINK_RETRY for what may pass later (timeouts, 5xx, 429),
 * SINK_DROP for what never will (a 4xx, a bad option). The publisher owns
 * retries, backoff, delivery status and dead letters (edition.c).
 */
enum sink_result { SINK_OK, SINK_RETRY, SINK_DROP };

struct sink_edition {
	const char *id;
	const json_t *digest; /* the digest message, proto/digest.schema.json */
	const char *json; /* the same, serialised */
	size_t json_len;
};

struct sink_option {
	const char *key;
	int required;
	const char *help;
};

struct sink;

struct sink_type {
	const char *type;
	const struct sink_option *options; /* ends with { NULL } */
	/* Checks options and prepares; 0, or -1 with errstr. */
	int (*open)(struct sink *s, char *errstr, size_t errsize);
	enum sink_result (*deliver)(struct sink *s, const struct sink_edition *e, char *reason,
		size_t reasonsize);
	void (*close)(struct sink *s);
};

struct sink {
	const struct sink_type *type;
	const struct config *cfg; /* borrowed */
	const struct sink_conf *conf; /* borrowed; NULL for a default sink */
	const char *name;
	void *ctx; /* the type's own state */
};

/*
 * The sinks of cfg, opened. Unknown types and options, and missing required
 * options, are errors naming the config line. Caller frees with
 * sinks_close(). Returns NULL with errstr filled.
 */
struct sink *sinks_open(const struct config *cfg, size_t *n, char *errstr, size_t errsize);
void sinks_close(struct sink *sinks, size_t n);

/* An option's value, or def. Borrowed. */
const char *sink_opt(const struct sink *s, const char *key, const char *def);

/*
 * Where the first file sink among sinks keeps edition id's Markdown, into
 * out. Returns 0, or -1 when no file sink is configured.
 */
int sink_file_path(const struct sink *sinks, size_t n, const char *id, char *out, size_t size);

/* Produces value to topic with key and waits for the broker's word; 0 or -1 with errstr. */
int sink_produce_confirmed(const struct config *cfg, const char *topic, const char *key,
	const char *value, size_t len, char *errstr, size_t errsize);

#endif

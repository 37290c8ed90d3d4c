#ifndef PRECIS_SINK_H
#define PRECIS_SINK_H

#include <jansson.h>
#include <stddef.h>

#include "config.h"

/*
 * Where an edition goes. Each kind of sink is an output plugin (out_*.c):
 * a static struct of callbacks with a table of its options (fluent-bit's
 * output plugins are the model). `sinks:` in the configuration names any
 * number of them; with none configured an edition goes to a file sink and
 * a kafka sink.
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

struct sink;

struct sink_plugin {
	const char *type;
	/* The options, ends with { NULL }; their fields live in a context of ctx_size bytes. */
	const struct config_map *options;
	size_t ctx_size;
	/* Checks what the table cannot and prepares; NULL for nothing. 0, or -1 with errstr. */
	int (*init)(struct sink *s, char *errstr, size_t errsize);
	enum sink_result (*deliver)(struct sink *s, const struct sink_edition *e, char *reason,
		size_t reasonsize);
	/*
	 * Where readers find edition id once delivered (a file's path), into
	 * out; NULL when the sink keeps nothing to point at. 0, or -1.
	 */
	int (*locate)(const struct sink *s, const char *id, char *out, size_t size);
};

extern const struct sink_plugin out_file_plugin, out_kafka_plugin, out_webhook_plugin,
	out_email_plugin;

struct sink {
	const struct sink_plugin *plugin;
	const struct config *cfg; /* borrowed */
	const char *name; /* borrowed from cfg, or static */
	const char *origin; /* the configuration line, "default" for a default sink */
	void *ctx; /* the plugin's context: its options, then its own state */
};

/*
 * The sinks of cfg, opened. Unknown types and options, and missing required
 * options, are errors naming the config line. Caller frees with
 * sinks_close(). Returns NULL with errstr filled.
 */
struct sink *sinks_open(const struct config *cfg, size_t *n, char *errstr, size_t errsize);
void sinks_close(struct sink *sinks, size_t n);

/*
 * Delivers e to s through its plugin. The reason, on failure, never holds
 * the value of any of the sink's secret variables (CONFIG_MAP_ENV options).
 */
enum sink_result sink_deliver(struct sink *s, const struct sink_edition *e, char *reason,
	size_t reasonsize);

/* Where the first sink that keeps edition id put it (see locate), into out; 0, or -1 if none. */
int sinks_locate(const struct sink *sinks, size_t n, const char *id, char *out, size_t size);

#endif

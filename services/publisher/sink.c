#include "sink.h"

#include <string.h>

#include "text.h"
#include "common.h"

static const struct sink_plugin *const plugins[] = { &out_file_plugin, &out_kafka_plugin,
	&out_webhook_plugin, &out_email_plugin };

/* Without a sinks: list, an edition goes to the file sink and the digest topic. */
static const struct config_section default_sinks[] = {
	{ "file", "file", "default", NULL, 0, NULL },
	{ "kafka", "kafka", "default", NULL, 0, NULL },
};

static int sink_open(struct sink *s, const struct config *cfg, const struct config_section *sec,
	char *errstr, size_t errsize)
{
	char what[300];

	for (size_t t = 0; t < ARRAY_SIZE(plugins); t++)
		if (!strcmp(plugins[t]->type, sec->type))
			s->plugin = plugins[t];
	s->cfg = cfg;
	s->name = sec->name;
	s->origin = sec->origin;
	if (!s->plugin) {
		snprintf(errstr, errsize, "%s: unknown sink type '%s' (file, kafka, webhook, email)",
			sec->origin, sec->type);
		return -1;
	}
	s->ctx = xcalloc(1, s->plugin->ctx_size);
	snprintf(what, sizeof(what), "sink %s", s->name);
	if (config_map_apply(s->plugin->options, sec, what, s->ctx, errstr, errsize))
		return -1;
	return s->plugin->init ? s->plugin->init(s, errstr, errsize) : 0;
}

struct sink *sinks_open(const struct config *cfg, size_t *n, char *errstr, size_t errsize)
{
	const struct config_section *secs = cfg->sinks.n ? cfg->sinks.v : default_sinks;
	size_t nsecs = cfg->sinks.n ? cfg->sinks.n : ARRAY_SIZE(default_sinks);
	struct sink *sinks = xcalloc(nsecs, sizeof(*sinks));

	for (size_t i = 0; i < nsecs; i++) {
		if (sink_open(&sinks[i], cfg, &secs[i], errstr, errsize)) {
			sinks_close(sinks, i + 1);
			return NULL;
		}
	}
	*n = nsecs;
	return sinks;
}

void sinks_close(struct sink *sinks, size_t n)
{
	for (size_t i = 0; sinks && i < n; i++) {
		if (sinks[i].plugin)
			config_map_release(sinks[i].plugin->options, sinks[i].ctx);
		free(sinks[i].ctx);
	}
	free(sinks);
}

enum sink_result sink_deliver(struct sink *s, const struct sink_edition *e, char *reason,
	size_t reasonsize)
{
	enum sink_result res;

	reason[0] = '\0';
	res = s->plugin->deliver(s, e, reason, reasonsize);
	/*
	 * A transport error or a server's answer may carry what the request
	 * did (Telegram's token is in its URL): no secret of the sink's goes
	 * further, into logs, the edition's state in Redis or a dead letter.
	 */
	for (const struct config_map *m = s->plugin->options; m->key; m++) {
		const char *var = m->type == CONFIG_MAP_ENV ? *(char **)((char *)s->ctx + m->offset)
							    : NULL;

		if (var)
			text_redact(reason, reasonsize, getenv(var));
	}
	return res;
}

int sink_locate(const struct sink *s, const char *id, char *out, size_t size)
{
	return s->plugin->locate ? s->plugin->locate(s, id, out, size) : -1;
}

const struct sink *sinks_record(const struct sink *sinks, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (sinks[i].plugin->records && sinks[i].plugin->records(&sinks[i]))
			return &sinks[i];
	return NULL;
}

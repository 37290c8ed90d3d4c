#include "sink.h"

#include "kafka.h"
#include "common.h"

/*
 * The kafka sink: the digest message to a topic, keyed by edition id.
 * Delivered means the broker confirmed it, never merely queued.
 */

struct out_kafka {
	char *topic;
};

static enum sink_result kafka_deliver(struct sink *s, const struct sink_edition *e, char *reason,
	size_t reasonsize)
{
	const struct out_kafka *k = s->ctx;

	if (kafka_produce_confirmed(s->cfg, "precis-publisher",
		    k->topic ? k->topic : s->cfg->topic_digests, e->id, e->json, e->json_len, reason,
		    reasonsize))
		return SINK_RETRY;
	return SINK_OK;
}

static const struct config_map kafka_options[] = {
	{ "topic", CONFIG_MAP_STR, 0, NULL, offsetof(struct out_kafka, topic),
		"topic of the digests (default: topics.digests)" },
	{ NULL, 0, 0, NULL, 0, NULL },
};

const struct sink_plugin out_kafka_plugin = { "kafka", kafka_options, sizeof(struct out_kafka),
	NULL, kafka_deliver, NULL };

#include "summarizer.h"

#include <jansson.h>
#include <string.h>

#include "kloop.h"
#include "log.h"
#include "proto.h"
#include "story.h"
#include "summarize.h"
#include "common.h"

double summarizer_importance(size_t chars)
{
	/*
	 * Offline, the one sign of news value is how much the outlet wrote. The
	 * source's weight is the operator's trust, not the article's value: the
	 * publisher applies it when ranking.
	 */
	double l = chars >= 3000 ? 1.0 : (double)chars / 3000.0;

	return 0.2 + 0.8 * l;
}

static enum kloop_verdict handle_article(struct kloop *loop, const rd_kafka_message_t *m,
	void *opaque, char *reason, size_t reasonsize)
{
	const struct config *cfg = opaque;
	json_t *art = proto_decode(PROTO_ARTICLE, m->payload, m->len, reason, reasonsize);
	json_t *out = NULL, *points, *tags, *source;
	struct summary s;
	char ts[32], err[512];
	char *value = NULL;
	size_t len;
	enum kloop_verdict v = KLOOP_POISON;

	memset(&s, 0, sizeof(s));
	if (!art)
		return KLOOP_POISON;
	if (summarize_extractive(proto_str(art, "title"), proto_str(art, "text"),
		    (size_t)cfg->summarizer_max_point_chars, &s)) {
		snprintf(reason, reasonsize, "the text has no sentence to summarize");
		goto out;
	}
	points = json_array();
	for (size_t i = 0; i < s.npoints; i++)
		json_array_append_new(points, json_string(s.points[i]));
	source = json_object_get(art, "source");
	tags = json_array();
	if (proto_str(source, "category") && *proto_str(source, "category"))
		json_array_append_new(tags, json_string(proto_str(source, "category")));
	time_iso8601(now_ms(), ts, sizeof(ts));
	out = json_pack("{s:s, s:O, s:O, s:O, s:O, s:s, s:s, s:o, s:o, s:f, s:O, s:s, s:O, s:s}",
		"schema", proto_schema_id(PROTO_SUMMARY), "id", json_object_get(art, "id"), "url",
		json_object_get(art, "url"), "source", source, "title", json_object_get(art, "title"),
		"headline", s.headline, "emoji", s.emoji, "key_points", points, "tags", tags,
		"importance",
		summarizer_importance((size_t)json_integer_value(json_object_get(art, "char_count"))),
		"lang", json_object_get(art, "lang"), "method", "extractive", "original_chars",
		json_object_get(art, "char_count"), "summarized_at", ts);
	if (json_object_get(art, "published"))
		json_object_set(out, "published", json_object_get(art, "published"));
	json_object_set_new(out, "anchors", story_anchors(proto_str(art, "text")));
	{
		char simhash[17];

		story_simhash(proto_str(art, "text"), simhash);
		if (*simhash)
			json_object_set_new(out, "simhash", json_string(simhash));
	}
	value = proto_encode(PROTO_SUMMARY, out, &len, reason, reasonsize);
	if (!value)
		goto out;
	if (kloop_produce(loop, cfg->topic_summaries, proto_str(art, "id"), value, len, err,
		    sizeof(err))) {
		snprintf(reason, reasonsize, "%s", err);
		goto out;
	}
	log_debug("summarized %s", proto_str(art, "url"));
	v = KLOOP_OK;
out:
	summary_release(&s);
	free(value);
	json_decref(out);
	json_decref(art);
	return v;
}

int summarizer_run(struct svc *svc, int once, volatile sig_atomic_t *stop, char *errstr,
	size_t errsize)
{
	const struct config *cfg = svc->cfg;
	struct kloop_options opts = { "summarizer", cfg->topic_articles, handle_article, (void *)cfg, NULL, svc };

	(void)once;
	return kloop_serve(cfg, &opts, stop, errstr, errsize);
}

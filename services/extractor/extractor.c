#include "extractor.h"

#include <jansson.h>
#include <string.h>

#include "accept.h"
#include "codec.h"
#include "extract.h"
#include "kloop.h"
#include "log.h"
#include "metrics.h"
#include "msg.h"
#include "text.h"
#include "title.h"
#include "url.h"
#include "common.h"

/* Confidence below this sends an article to the feed's text, when the feed has more. */
#define MIN_CONFIDENCE 0.35

/*
 * Why the page's text should give way to the feed's, or NULL: too short,
 * doubtful, or in another language than the source's (a cookie wall or a
 * page in English on a Chinese site's error path). Only when the feed has
 * text of its own worth taking.
 */
static const char *doubts(const struct config *cfg, const struct extract_result *ex,
	const json_t *source, const json_t *entry)
{
	const char *summary = msg_str(entry, "summary"), *lang = msg_str(source, "lang");
	double words = accept_words(ex->text.data), feed_words = summary ? accept_words(summary) : 0;

	if (!feed_words)
		return NULL;
	if (words < (double)cfg->extractor_min_words && feed_words > words)
		return "too little text on the page";
	if (feed_words < (double)cfg->extractor_min_words)
		return NULL; /* the feed has too little to do better */
	if (ex->confidence < MIN_CONFIDENCE)
		return "the page's text does not look like the article";
	if (lang && *lang && strcmp(ex->lang, "und") && strncmp(lang, ex->lang, 2) &&
		!strncmp(lang, text_detect_lang(summary), 2))
		return "the page's text is not in the source's language";
	return NULL;
}

struct extractor {
	const struct config *cfg;
	struct metrics *metrics;
	const char *url; /* of the page in hand, for log lines */
};

/* A metadata field the contract or common sense refused: said and counted, the article kept. */
static void metadata_dropped(const char *field, const char *value, const char *reason,
	void *opaque)
{
	const struct extractor *stage = opaque;

	log_info("dropping the %s '%.80s' of %s: %s", field, value, stage->url, reason);
	if (stage->metrics)
		metrics_add(stage->metrics, "precis_metadata_dropped_total", 1, "field", field,
			"reason", reason, NULL);
}

/* Longest headline made from an article's first line. */
#define LEAD_TITLE_CHARS 90

/* A headline for an article that has none: its first line, cut to a headline's length. */
static char *lead_title(const char *text)
{
	char *line = xstrndup(text, strcspn(text, "\n")), *title = text_shorten(line, LEAD_TITLE_CHARS);

	free(line);
	return title;
}

/*
 * The article's headline without the site's name: the page's title (which
 * the extraction already chose and cleaned) or the feed's, cleaned the
 * same way (common/title.h), on the evidence of the page's site name, else
 * the source's, and the host. NULL when neither gives one. Caller frees.
 */
static char *headline_of(const struct extract_result *ex, const json_t *entry,
	const json_t *source, const char *url)
{
	const char *feed_title = msg_str(entry, "title");
	char *host = url_host(url), *headline;

	if (feed_title && !*feed_title)
		feed_title = NULL;
	headline = title_confirm(ex->title, feed_title,
		ex->site_name ? ex->site_name : msg_str(source, "name"), host);
	free(host);
	return headline;
}

/* A page that is no article, counted with what became of it (feed, dead_letter). */
static void not_article_counted(const struct extractor *stage, const struct extract_result *ex,
	const char *outcome)
{
	if (ex->not_article && stage->metrics)
		metrics_add(stage->metrics, "precis_not_articles_total", 1, "outcome", outcome, NULL);
}

/* The metric label of a fallback's reason. */
static const char *fallback_label(const char *doubt)
{
	if (!doubt)
		return "none";
	if (strstr(doubt, "not an article"))
		return "not_article";
	if (strstr(doubt, "too little"))
		return "short_text";
	if (strstr(doubt, "language"))
		return "language";
	return "low_confidence";
}

static enum kloop_verdict handle_page(struct kloop *loop, const rd_kafka_message_t *m,
	void *opaque, char *reason, size_t reasonsize)
{
	struct extractor *stage = opaque;
	const struct config *cfg = stage->cfg;
	struct extract_result ex;
	json_t *page = msg_decode(MSG_PAGE, m->payload, m->len, reason, reasonsize), *entry;
	json_t *art = NULL;
	unsigned char *html = NULL;
	const char *b64, *text, *method = "dom", *title, *published, *doubt;
	double confidence;
	char ts[32], err[512], why[256];
	char *value = NULL, *headline = NULL;
	size_t html_len, cjk, words, len;
	enum kloop_verdict v = KLOOP_POISON;

	memset(&ex, 0, sizeof(ex));
	buf_init(&ex.text, 1);
	if (!page)
		return KLOOP_POISON;
	entry = json_object_get(page, "entry");
	b64 = msg_str(page, "body_base64");
	html = codec_base64_decode(b64, strlen(b64), &html_len);
	if (!html) {
		snprintf(reason, reasonsize, "body_base64 is not base64");
		goto out;
	}
	if (extract_html((const char *)html, html_len, msg_str(page, "charset"),
		    msg_str(page, "url"), &ex, reason, reasonsize))
		goto out;
	confidence = ex.confidence;
	text = ex.text.data;
	/*
	 * A doubtful page: the feed's own content may be the better text. A
	 * page that says it is missing never is the article, whatever the feed
	 * holds: its teaser, if long enough, stands in for the story.
	 */
	doubt = ex.not_article ? ex.not_article :
				 doubts(cfg, &ex, json_object_get(page, "source"), entry);
	if (doubt) {
		text = msg_str(entry, "summary") ? msg_str(entry, "summary") : "";
		method = "feed";
		confidence = 0.5;
		log_info("%s: %s; using the feed's text", msg_str(page, "url"), doubt);
	}
	/* A short page still makes an article when it reads as one; the feed's teaser does not. */
	if (accept_text(text, cfg->extractor_min_words, !doubt && confidence >= MIN_CONFIDENCE, why,
		    sizeof(why))) {
		snprintf(reason, reasonsize, "no usable text at %s from the page or the feed: %s%s%s",
			msg_str(page, "url"), ex.not_article ? ex.not_article : "",
			ex.not_article ? "; the feed's: " : "", why);
		not_article_counted(stage, &ex, "dead_letter");
		goto out;
	}
	not_article_counted(stage, &ex, "feed");
	headline = headline_of(&ex, entry, json_object_get(page, "source"), msg_str(page, "url"));
	if (!headline) {
		/* An article without a headline still reads: its first line stands in. */
		headline = lead_title(text);
		log_info("%s: no title in the feed or the page; its first line stands in",
			msg_str(page, "url"));
	}
	title = headline;
	text_count(text, &cjk, &words);
	time_iso8601(now_ms(), ts, sizeof(ts));
	art = json_pack("{s:s, s:O, s:O, s:s, s:s, s:s, s:s, s:I, s:I, s:s}", "schema",
		msg_schema_id(MSG_ARTICLE), "id", json_object_get(page, "id"), "source",
		json_object_get(page, "source"), "url", msg_str(page, "url"), "title", title, "text",
		text, "lang", text_detect_lang(text), "char_count", (json_int_t)text_chars(text),
		"word_count", (json_int_t)(cjk + words), "extracted_at", ts);
	json_object_set_new(art, "method", json_string(method));
	json_object_set_new(art, "confidence", json_real((double)(int)(confidence * 1000) / 1000));
	if (doubt)
		json_object_set_new(art, "fallback", json_string(doubt));
	if (ex.updated)
		json_object_set_new(art, "updated", json_string(ex.updated));
	if (ex.canonical)
		json_object_set_new(art, "canonical_url", json_string(ex.canonical));
	if (ex.image)
		json_object_set_new(art, "image", json_string(ex.image));
	published = msg_str(entry, "published") ? msg_str(entry, "published") : ex.published;
	if (published)
		json_object_set_new(art, "published", json_string(published));
	if (msg_str(entry, "author") || ex.author)
		json_object_set_new(art, "author",
			json_string(msg_str(entry, "author") ? msg_str(entry, "author") : ex.author));
	if (ex.site_name)
		json_object_set_new(art, "site_name", json_string(ex.site_name));
	stage->url = msg_str(page, "url");
	accept_metadata(art, now_ms(), metadata_dropped, stage);
	value = msg_encode(MSG_ARTICLE, art, &len, reason, reasonsize);
	if (!value)
		goto out;
	/* A full queue is a retry, never a dead letter: the page is good. */
	v = kloop_produce(loop, cfg->topic_articles, msg_str(page, "id"), value, len, err,
		sizeof(err));
	if (v != KLOOP_OK) {
		snprintf(reason, reasonsize, "%s", err);
		goto out;
	}
	log_debug("extracted %s: %zu characters (%s)", msg_str(page, "url"), text_chars(text), method);
	if (stage->metrics)
		metrics_add(stage->metrics, "precis_articles_total", 1, "method", method, "fallback",
			fallback_label(doubt), NULL);
out:
	free(headline);
	extract_release(&ex);
	free(html);
	free(value);
	json_decref(art);
	json_decref(page);
	return v;
}

int extractor_run(struct svc *svc, int once, volatile sig_atomic_t *stop, char *errstr,
	size_t errsize)
{
	const struct config *cfg = svc->cfg;
	struct extractor stage = { cfg, svc->metrics, NULL };
	struct kloop_options opts = { .stage = "extractor",
		.input_topic = cfg->topic_pages, .handle = handle_page, .opaque = &stage, .svc = svc };

	(void)once;
	if (stage.metrics) {
		metrics_describe(stage.metrics, "precis_articles_total", "counter",
			"articles extracted, by method (dom, feed) and why the feed's text was used");
		metrics_describe(stage.metrics, "precis_not_articles_total", "counter",
			"pages that are no article (a soft 404, or no prose at all), by outcome: the "
			"feed's text used (feed) or the page dead-lettered (dead_letter)");
		metrics_describe(stage.metrics, "precis_metadata_dropped_total", "counter",
			"metadata fields dropped from articles (the articles kept), by field and reason");
	}
	return kloop_serve(cfg, &opts, stop, errstr, errsize);
}

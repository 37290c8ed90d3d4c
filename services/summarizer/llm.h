#ifndef PRECIS_LLM_H
#define PRECIS_LLM_H

#include <stddef.h>

#include "config.h"
#include "metrics.h"
#include "summarize.h"

/*
 * The client of an OpenAI-compatible chat-completions endpoint (hosted
 * APIs, Ollama, llama.cpp's server, vLLM). Many requests are in flight at
 * once on libcurl's multi interface, all in the caller's thread: submit
 * articles, then call llm_pump() often; each article's done callback runs
 * from llm_pump() exactly once.
 *
 * Each article is tried up to llm.max_attempts times: after a timeout, a
 * transport error, 429 or 5xx (waiting as Retry-After asks, up to
 * llm.max_retry_after_s), or an answer that fails validation even after
 * repair (answer.h). Failures in a row open a circuit breaker: while it is
 * open, llm_submit() refuses at once and the caller falls back; after
 * llm.breaker_cooldown_s one request probes whether the server is back.
 */
struct llm;

struct llm_article {
	const char *title;
	const char *text;
	const char *source;
	const char *category;
	const char *lang; /* the summary's language */
};

struct llm_result {
	int ok;
	struct summary s; /* when ok; done may take it (then zero it) */
	char error[256]; /* when not ok: why the last try failed */
	unsigned attempts;
	unsigned repairs;
	long long prompt_tokens, completion_tokens; /* over every try */
};

/* Called once per submitted article; res is released when done returns. */
typedef void (*llm_done_fn)(void *opaque, struct llm_result *res);

/*
 * Reads llm.* of cfg, the prompt file and the API key from the environment
 * variable llm.api_key_env. cfg and emoji (the rules for an answer without
 * an emoji; NULL: the built-in ones) are borrowed for the client's life;
 * metrics may be NULL. Returns NULL with a one-line error in errstr.
 */
struct llm *llm_new(const struct config *cfg, const struct emoji_rules *emoji,
	struct metrics *metrics, char *errstr, size_t errsize);
/* Aborts what is in flight without calling back. */
void llm_free(struct llm *l);

/* Returns 0, or -1 when refused now (circuit open), with the reason in errstr. */
int llm_submit(struct llm *l, const struct llm_article *a, llm_done_fn done, void *opaque,
	char *errstr, size_t errsize);

/* Moves requests on, waiting up to timeout_ms when there is work in flight. */
void llm_pump(struct llm *l, int timeout_ms);

/* Articles submitted and not done yet. */
size_t llm_pending(const struct llm *l);

const char *llm_model(const struct llm *l);
const char *llm_prompt_version(const struct llm *l);

/*
 * The lead of text within max_chars characters: whole paragraphs while they
 * fit, then the next one cut at a sentence end when one comes late enough.
 * Caller frees.
 */
char *llm_lead(const char *text, size_t max_chars);

#endif

#include "llm.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "http.h"
#include "answer.h"
#include "log.h"
#include "prompt.h"
#include "text.h"
#include "common.h"

#define RESPONSE_MAX (4 * 1024 * 1024)
#define HEADLINE_MAX_CHARS 120

struct job {
	struct llm *l;
	char *body;
	size_t body_len;
	char *title, *text, *lang; /* for repairs of the answer */
	llm_done_fn done;
	void *opaque;
	struct llm_result res;
	int64_t next_at; /* mono_ms() of the next try, when waiting */
	int64_t sent_at;
	int running;
	int probe; /* the request that tests a half-open circuit */
	struct job *next;
};

struct llm {
	const struct config *cfg;
	const struct emoji_rules *emoji;
	struct metrics *metrics;
	struct prompt prompt;
	struct http_multi *hm;
	struct http_options http;
	struct strlist schemes, allow_all;
	char url[2048];
	char auth[1024]; /* "Authorization: Bearer ..." or "" */
	struct job *jobs;
	size_t njobs;
	int failures; /* in a row */
	int64_t open_until; /* mono_ms(); 0: closed */
	int probing;
	unsigned short jitter[3]; /* erand48 state, seeded per process: replicas differ */
};

static const char *const http_schemes[] = { "http", "https" };
static const char *const everything[] = { "all" };

struct llm *llm_new(const struct config *cfg, const struct emoji_rules *emoji,
	struct metrics *metrics, char *errstr, size_t errsize)
{
	struct llm *l;
	const char *key;
	size_t n;

	if (!*cfg->llm_base_url || !*cfg->llm_model) {
		snprintf(errstr, errsize, "the llm backend needs llm.base_url and llm.model");
		return NULL;
	}
	if (strncmp(cfg->llm_base_url, "http://", 7) && strncmp(cfg->llm_base_url, "https://", 8)) {
		snprintf(errstr, errsize, "llm.base_url: '%s' is not an http or https URL",
			cfg->llm_base_url);
		return NULL;
	}
	key = *cfg->llm_api_key_env ? getenv(cfg->llm_api_key_env) : NULL;
	/* Cut to fit its header, a key would only be refused by the server, request after request. */
	if (key && strlen(key) > sizeof(l->auth) - sizeof("Authorization: Bearer ")) {
		snprintf(errstr, errsize, "the API key in %s is longer than %zu bytes",
			cfg->llm_api_key_env, sizeof(l->auth) - sizeof("Authorization: Bearer "));
		return NULL;
	}
	l = xcalloc(1, sizeof(*l));
	l->cfg = cfg;
	l->emoji = emoji;
	l->metrics = metrics;
	{
		uint64_t seed = (uint64_t)now_ms() ^ ((uint64_t)getpid() << 16);

		l->jitter[0] = (unsigned short)seed;
		l->jitter[1] = (unsigned short)(seed >> 16);
		l->jitter[2] = (unsigned short)(seed >> 32);
	}
	if (prompt_load(cfg->llm_prompt_file, &l->prompt, errstr, errsize)) {
		free(l);
		return NULL;
	}
	n = strlen(cfg->llm_base_url);
	while (n && cfg->llm_base_url[n - 1] == '/')
		n--;
	snprintf(l->url, sizeof(l->url), "%.*s/chat/completions", (int)n, cfg->llm_base_url);
	if (key && *key)
		snprintf(l->auth, sizeof(l->auth), "Authorization: Bearer %s", key);
	l->schemes = (struct strlist){ (char **)http_schemes, ARRAY_SIZE(http_schemes) };
	/*
	 * The endpoint is the operator's choice, not a URL from a feed: a model
	 * server on localhost or inside the cluster is the usual case.
	 */
	l->allow_all = (struct strlist){ (char **)everything, ARRAY_SIZE(everything) };
	/* Errors name the server, not the URL: some put their key in its query (?key=). */
	l->http = (struct http_options){ (long)cfg->llm_timeout_ms, (long)cfg->llm_connect_timeout_ms,
		0, RESPONSE_MAX, cfg->fetcher_user_agent, &l->schemes, &l->allow_all, 1 };
	l->hm = http_multi_new();
	if (metrics) {
		metrics_describe(metrics, "precis_llm_requests_total", "counter",
			"requests to the model server by outcome");
		metrics_describe(metrics, "precis_llm_tokens_total", "counter",
			"tokens the model server counted, by kind");
		metrics_describe(metrics, "precis_llm_request_seconds", "histogram",
			"time from request to answer");
		metrics_describe(metrics, "precis_llm_circuit_open", "gauge",
			"1 while failures have opened the circuit breaker");
		metrics_set(metrics, "precis_llm_circuit_open", 0, NULL);
	}
	log_info("llm backend: %s, model %s, prompt %s%s", l->url, cfg->llm_model,
		l->prompt.version, l->auth[0] ? "" : ", no API key");
	return l;
}

static void job_free(struct job *j)
{
	free(j->body);
	free(j->title);
	free(j->text);
	free(j->lang);
	summary_release(&j->res.s);
	free(j);
}

void llm_free(struct llm *l)
{
	if (!l)
		return;
	http_multi_free(l->hm);
	while (l->jobs) {
		struct job *j = l->jobs;

		l->jobs = j->next;
		job_free(j);
	}
	prompt_release(&l->prompt);
	free(l);
}

const char *llm_model(const struct llm *l)
{
	return l->cfg->llm_model;
}

const char *llm_prompt_version(const struct llm *l)
{
	return l->prompt.version;
}

size_t llm_pending(const struct llm *l)
{
	return l->njobs;
}

char *llm_lead(const char *text, size_t max_chars)
{
	const char *p = text, *end = text + strlen(text), *para_end = NULL, *sentence_end = NULL;
	size_t chars = 0;
	struct buf b;

	if (text_chars(text) <= max_chars)
		return xstrdup(text);
	while (p < end && chars < max_chars) {
		uint32_t cp = text_utf8_next(&p, end);

		chars++;
		if (cp == '\n' && p < end && *p == '\n')
			para_end = p - 1;
		/* Chinese puts no space after its full stops: they end sentences alone. */
		if (cp == 0x3002 || cp == 0xff01 || cp == 0xff1f ||
			((cp == '.' || cp == '!' || cp == '?') && (p >= end || *p == ' ' || *p == '\n')))
			sentence_end = p;
	}
	/* The last paragraph or sentence end within the budget; mid-sentence only without one. */
	if (sentence_end && (!para_end || sentence_end > para_end))
		para_end = sentence_end;
	if (!para_end)
		para_end = p;
	buf_init(&b, SIZE_MAX);
	buf_add(&b, text, (size_t)(para_end - text));
	buf_rtrim(&b);
	buf_addstr(&b, "\n\n[\xe2\x80\xa6]");
	return buf_detach(&b, NULL);
}

static char *request_body(struct llm *l, const struct llm_article *a, size_t *len)
{
	const struct config *cfg = l->cfg;
	char max_point[32];
	char *lead = llm_lead(a->text, (size_t)cfg->llm_max_input_chars);
	struct prompt_var vars[] = {
		{ "title", a->title }, { "text", lead }, { "source", a->source },
		{ "category", a->category && *a->category ? a->category : "general" },
		{ "lang", a->lang }, { "lang_name", prompt_lang_name(a->lang) },
		{ "max_point_chars", max_point },
	};
	char *system, *user, *body;
	json_t *req, *messages = json_array();

	snprintf(max_point, sizeof(max_point), "%lld", (long long)cfg->summarizer_max_point_chars);
	system = prompt_render(l->prompt.system, vars, ARRAY_SIZE(vars));
	user = prompt_render(l->prompt.user, vars, ARRAY_SIZE(vars));
	if (*system)
		json_array_append_new(messages,
			json_pack("{s:s, s:s}", "role", "system", "content", system));
	json_array_append_new(messages, json_pack("{s:s, s:s}", "role", "user", "content", user));
	req = json_pack("{s:s, s:o, s:f, s:I, s:b}", "model", cfg->llm_model, "messages", messages,
		"temperature", strtod(cfg->llm_temperature, NULL), "max_tokens",
		(json_int_t)cfg->llm_max_output_tokens, "stream", 0);
	if (!strcmp(cfg->llm_response_format, "json_schema")) {
		json_t *schema = json_loads(answer_schema(), 0, NULL);

		json_object_set_new(req, "response_format",
			json_pack("{s:s, s:{s:s, s:b, s:o}}", "type", "json_schema", "json_schema",
				"name", "precis_summary", "strict", 1, "schema", schema));
	} else if (!strcmp(cfg->llm_response_format, "json_object")) {
		json_object_set_new(req, "response_format", json_pack("{s:s}", "type", "json_object"));
	}
	body = json_dumps(req, JSON_COMPACT);
	*len = strlen(body);
	json_decref(req);
	free(system);
	free(user);
	free(lead);
	return body;
}

static void set_circuit(struct llm *l, int open)
{
	if (open) {
		if (!l->open_until || l->probing)
			log_warn("llm: %d failed requests in a row; summarizing extractively for %lld s",
				l->failures, (long long)l->cfg->llm_breaker_cooldown_s);
		l->open_until = mono_ms() + l->cfg->llm_breaker_cooldown_s * 1000;
	} else {
		if (l->open_until)
			log_info("llm: the model server answers again; circuit closed");
		l->open_until = 0;
	}
	l->probing = 0;
	if (l->metrics)
		metrics_set(l->metrics, "precis_llm_circuit_open", open ? 1 : 0, NULL);
}

/* Whether a new request may go out now; a half-open circuit lets one through. */
static int circuit_admits(struct llm *l, int *probe)
{
	*probe = 0;
	if (!l->open_until)
		return 1;
	if (mono_ms() < l->open_until || l->probing)
		return 0;
	l->probing = 1;
	*probe = 1;
	return 1;
}

int llm_submit(struct llm *l, const struct llm_article *a, llm_done_fn done, void *opaque,
	char *errstr, size_t errsize)
{
	struct job *j;
	int probe;

	if (!circuit_admits(l, &probe)) {
		snprintf(errstr, errsize, "the circuit breaker is open after %d failed requests",
			l->failures);
		return -1;
	}
	j = xcalloc(1, sizeof(*j));
	j->l = l;
	j->body = request_body(l, a, &j->body_len);
	j->title = xstrdup(a->title);
	j->text = xstrdup(a->text);
	j->lang = xstrdup(a->lang);
	j->done = done;
	j->opaque = opaque;
	j->probe = probe;
	j->next_at = mono_ms();
	j->next = l->jobs;
	l->jobs = j;
	l->njobs++;
	return 0;
}

static void finish(struct llm *l, struct job *j)
{
	for (struct job **p = &l->jobs; *p; p = &(*p)->next) {
		if (*p == j) {
			*p = j->next;
			l->njobs--;
			break;
		}
	}
	j->done(j->opaque, &j->res);
	job_free(j);
}

/* Reads content and usage out of a chat-completions answer. */
static int read_answer(struct job *j, const struct http_response *r, char *err, size_t errsize)
{
	const struct config *cfg = j->l->cfg;
	struct answer_rules rules = { (size_t)cfg->summarizer_max_point_chars, HEADLINE_MAX_CHARS,
		j->title, j->text, j->lang, j->l->emoji };
	json_error_t jerr;
	json_t *o = json_loadb(r->body.data ? r->body.data : "", r->body.len, 0, &jerr), *usage,
	       *content;
	int rc = -1;

	if (!o) {
		snprintf(err, errsize, "the answer is not JSON: %s", jerr.text);
		return -1;
	}
	usage = json_object_get(o, "usage");
	j->res.prompt_tokens += json_integer_value(json_object_get(usage, "prompt_tokens"));
	j->res.completion_tokens += json_integer_value(json_object_get(usage, "completion_tokens"));
	if (j->l->metrics) {
		metrics_add(j->l->metrics, "precis_llm_tokens_total",
			(double)json_integer_value(json_object_get(usage, "prompt_tokens")), "kind",
			"prompt", NULL);
		metrics_add(j->l->metrics, "precis_llm_tokens_total",
			(double)json_integer_value(json_object_get(usage, "completion_tokens")), "kind",
			"completion", NULL);
	}
	content = json_object_get(json_object_get(json_array_get(json_object_get(o, "choices"), 0),
					  "message"),
		"content");
	if (!json_is_string(content)) {
		snprintf(err, errsize, "the answer has no choices[0].message.content");
		goto out;
	}
	summary_release(&j->res.s);
	if (answer_parse(json_string_value(content), json_string_length(content), &rules,
		    &j->res.s, &j->res.repairs, err, errsize)) {
		summary_release(&j->res.s);
		goto out;
	}
	rc = 0;
out:
	json_decref(o);
	return rc;
}

static void count_request(struct llm *l, const char *outcome)
{
	if (l->metrics)
		metrics_add(l->metrics, "precis_llm_requests_total", 1, "outcome", outcome, NULL);
}

static void on_answer(void *opaque, struct http_response *r, const char *errstr)
{
	struct job *j = opaque;
	struct llm *l = j->l;
	const struct config *cfg = l->cfg;
	int64_t wait = -1; /* ms before the next try; -1: no more tries */
	int retryable = 1;

	j->running = 0;
	j->res.attempts++;
	if (l->metrics)
		metrics_observe(l->metrics, "precis_llm_request_seconds",
			(double)(mono_ms() - j->sent_at) / 1000.0, NULL);
	if (!r) {
		snprintf(j->res.error, sizeof(j->res.error), "%s", errstr);
		count_request(l, strstr(errstr, "imeout") ? "timeout" : "error");
	} else if (r->status == 429 || r->status >= 500) {
		snprintf(j->res.error, sizeof(j->res.error), "the server answered %ld", r->status);
		count_request(l, r->status == 429 ? "http_429" : "http_5xx");
		if (r->retry_after_s > cfg->llm_max_retry_after_s) {
			snprintf(j->res.error, sizeof(j->res.error),
				"the server answered %ld and asks to wait %ld s (llm.max_retry_after_s "
				"is %lld)", r->status, r->retry_after_s,
				(long long)cfg->llm_max_retry_after_s);
			retryable = 0;
		} else if (r->retry_after_s >= 0) {
			wait = (int64_t)r->retry_after_s * 1000;
		}
	} else if (r->status < 200 || r->status > 299) {
		snprintf(j->res.error, sizeof(j->res.error), "the server answered %ld: %.120s",
			r->status, r->body.data ? r->body.data : "");
		count_request(l, "http_4xx");
		retryable = 0; /* a wrong key, model or URL does not mend itself */
	} else if (read_answer(j, r, j->res.error, sizeof(j->res.error))) {
		count_request(l, "invalid");
	} else {
		count_request(l, "ok");
		j->res.ok = 1;
		j->res.error[0] = '\0';
		l->failures = 0;
		if (l->open_until || j->probe)
			set_circuit(l, 0);
		finish(l, j);
		return;
	}
	l->failures++;
	if (j->probe || l->failures >= cfg->llm_breaker_failures)
		set_circuit(l, 1);
	if (!retryable || j->res.attempts >= (unsigned)cfg->llm_max_attempts) {
		finish(l, j);
		return;
	}
	if (wait < 0) {
		int64_t base = cfg->llm_retry_backoff_ms << (j->res.attempts - 1 < 10 ? j->res.attempts - 1 : 10);

		/* Full jitter: replicas that failed together do not come back together. */
		wait = base / 2 + (int64_t)(erand48(l->jitter) * (double)(base / 2 + 1));
	}
	log_info("llm: try %u of an article failed (%s); again in %lld ms", j->res.attempts,
		j->res.error, (long long)wait);
	j->next_at = mono_ms() + wait;
	j->probe = 0;
}

/* Starts the tries that are due; those waiting while the circuit opened give up. */
static void start_due(struct llm *l)
{
	int64_t now = mono_ms();

	for (struct job *j = l->jobs, *next; j; j = next) {
		char err[512];

		next = j->next;
		if (j->running || j->next_at > now)
			continue;
		if (l->open_until && j->res.attempts) {
			size_t n = strlen(j->res.error);

			snprintf(j->res.error + n, sizeof(j->res.error) - n, "; circuit breaker open");
			finish(l, j);
			continue;
		}
		{
			const char *headers[] = { "Content-Type: application/json",
				"Accept: application/json", l->auth[0] ? l->auth : NULL, NULL };

			if (http_multi_post(l->hm, &l->http, l->url, j->body, j->body_len, headers,
				    on_answer, j, err, sizeof(err))) {
				snprintf(j->res.error, sizeof(j->res.error), "%s", err);
				finish(l, j);
				continue;
			}
		}
		j->running = 1;
		j->sent_at = now;
	}
}

void llm_pump(struct llm *l, int timeout_ms)
{
	int64_t wake = INT64_MAX, now;

	start_due(l);
	if (http_multi_running(l->hm)) {
		http_multi_perform(l->hm, timeout_ms);
		start_due(l);
		return;
	}
	/* Only retries waiting: sleep until the first is due, or the timeout. */
	now = mono_ms();
	for (struct job *j = l->jobs; j; j = j->next)
		if (!j->running && j->next_at < wake)
			wake = j->next_at;
	if (wake != INT64_MAX && timeout_ms > 0)
		sleep_ms(wake - now < timeout_ms ? (wake > now ? wake - now : 0) : timeout_ms);
	start_due(l);
}

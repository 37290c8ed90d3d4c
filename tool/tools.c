#include "tools.h"

#include <errno.h>
#include <limits.h>
#include <jansson.h>
#include <string.h>

#include "buf.h"
#include "extract.h"
#include "feed.h"
#include "http.h"
#include "msg.h"
#include "emoji.h"
#include "summarize.h"
#include "llm.h"
#include "text.h"
#include "common.h"

#define FILE_MAX (64 * 1024 * 1024)

/* Reads a whole file into b (capped). 0, or -1 with errstr. */
static int read_file(const char *path, struct buf *b, char *errstr, size_t errsize)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char chunk[65536];
	size_t n;

	if (!f) {
		snprintf(errstr, errsize, "%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (buf_add(b, chunk, n)) {
			snprintf(errstr, errsize, "%s: larger than %zu bytes", path, b->max);
			if (f != stdin)
				fclose(f);
			return -1;
		}
	}
	/* A folder opens as a file and reads as nothing: "not an XML document" said nothing useful. */
	if (ferror(f))
		snprintf(errstr, errsize, "%s: %s", path, strerror(errno));
	n = (size_t)ferror(f);
	if (f != stdin)
		fclose(f);
	return n ? -1 : 0;
}

static void put(json_t *o, const char *key, const char *value)
{
	if (value && *value)
		json_object_set_new(o, key, json_string(value));
}

/*
 * A string from the command line (a file name, an error naming one) as
 * JSON: bytes that are not UTF-8 become U+FFFD. json_string() gives NULL
 * for them, which dropped the field or the whole line.
 */
static json_t *json_arg(const char *s)
{
	char *mended = text_utf8_mend(s);
	json_t *j = json_string(mended);

	free(mended);
	return j;
}

static void print_json(json_t *o, int pretty)
{
	size_t flags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6);
	char *s = json_dumps(o, flags | (pretty ? JSON_INDENT(2) : JSON_COMPACT));

	printf("%s\n", s);
	free(s);
}

int tools_feed_parse(struct cli *cli, char **args, int nargs)
{
	struct http_response r;
	struct feed feed;
	struct buf local;
	char err[1024], note[512];
	const char *data, *url = NULL, *charset = NULL, *where = NULL;
	char *real = NULL, *base = NULL;
	size_t len;
	json_t *out, *entries;
	int rc = 1, files = 0;

	/* --charset: the charset a server gave with a feed saved to a file */
	for (int i = 0; i < nargs; i++) {
		if (!strcmp(args[i], "--charset") && i + 1 < nargs)
			charset = args[++i];
		else
			where = args[i], files++;
	}
	if (files != 1) {
		fprintf(stderr, "precis: usage: precis feed parse [--charset LABEL] FILE_OR_URL\n");
		return 2;
	}
	memset(&r, 0, sizeof(r));
	buf_init(&r.body, 1);
	buf_init(&local, (size_t)cli->cfg->fetcher_max_feed_bytes);
	if (strstr(where, "://")) {
		struct http_options o;

		http_options_from_config(&o, cli->cfg, (size_t)cli->cfg->fetcher_max_feed_bytes);
		/* http_get's errors and the status line name the URL already */
		if (http_get(&o, where, &r, err, sizeof(err))) {
			fprintf(stderr, "precis: %s\n", err);
			goto out;
		}
		if (r.status >= 300) {
			fprintf(stderr, "precis: %s answered HTTP %ld\n", where, r.status);
			goto out;
		}
		data = r.body.data, len = r.body.len, url = r.final_url;
		if (!charset && r.charset[0])
			charset = r.charset;
	} else {
		if (read_file(where, &local, err, sizeof(err))) {
			fprintf(stderr, "precis: %s\n", err); /* it names the file */
			goto out;
		}
		data = local.data, len = local.len;
		/* Relative links in a local feed resolve against where the file is. */
		real = realpath(where, NULL);
		if (real) {
			base = xmalloc(strlen(real) + 8);
			snprintf(base, strlen(real) + 8, "file://%s", real);
			url = base;
		}
	}
	if (feed_parse(data, len, url, charset, &feed, err, sizeof(err))) {
		feed_release(&feed);
		goto fail;
	}
	/* What was mended or left out, as the fetcher logs it. */
	if (feed_report_describe(&feed.report, note, sizeof(note)))
		fprintf(stderr, "precis: warning: %s: %s\n", where, note);
	else if (note[0])
		fprintf(stderr, "precis: %s: mended: %s\n", where, note);
	out = json_object();
	put(out, "title", feed.title);
	put(out, "link", feed.link);
	put(out, "lang", feed.lang);
	put(out, "encoding", feed.encoding);
	entries = json_array();
	for (size_t i = 0; i < feed.n; i++) {
		const struct feed_entry *e = &feed.entries[i];
		json_t *o = json_object();

		put(o, "title", e->title);
		put(o, "link", e->link);
		put(o, "id", e->id);
		put(o, "published", e->published);
		put(o, "updated", e->updated);
		put(o, "summary", e->summary);
		put(o, "content", e->content);
		put(o, "author", e->author);
		json_array_append_new(entries, o);
	}
	json_object_set_new(out, "entries", entries);
	print_json(out, 1);
	json_decref(out);
	feed_release(&feed);
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "precis: %s: %s\n", where, err);
out:
	http_response_release(&r);
	buf_release(&local);
	free(real);
	free(base);
	return rc;
}

static json_t *extract_one(const char *path, const char *url, char *err, size_t errsize)
{
	struct extract_result ex;
	struct buf page;
	json_t *o = NULL;
	size_t cjk, words;

	buf_init(&page, FILE_MAX);
	if (read_file(path, &page, err, errsize))
		goto out;
	if (extract_html(page.data, page.len, NULL, url, &ex, err, errsize)) {
		extract_release(&ex);
		goto out;
	}
	/* An empty line and exit 0 looked like an article of no words. */
	if (!ex.text.len) {
		snprintf(err, errsize, "%s: %s (the extractor would take the feed's text or "
			"dead-letter the page)", path, ex.not_article ? ex.not_article : "no text");
		extract_release(&ex);
		goto out;
	}
	text_count(ex.text.data, &cjk, &words);
	o = json_object();
	put(o, "title", ex.title);
	json_object_set_new(o, "text", json_string(ex.text.data));
	json_object_set_new(o, "lang", json_string(ex.lang));
	put(o, "author", ex.author);
	put(o, "site_name", ex.site_name);
	put(o, "published", ex.published);
	put(o, "updated", ex.updated);
	put(o, "canonical_url", ex.canonical);
	put(o, "image", ex.image);
	json_object_set_new(o, "confidence", json_real((double)(int)(ex.confidence * 1000) / 1000));
	json_object_set_new(o, "char_count", json_integer((json_int_t)text_chars(ex.text.data)));
	json_object_set_new(o, "word_count", json_integer((json_int_t)(cjk + words)));
	put(o, "not_article", ex.not_article);
	extract_release(&ex);
out:
	buf_release(&page);
	return o;
}

/*
 * 1 when a file named is an option: one the command does not know, one
 * after the files, or one given last without its value ("--lang" alone),
 * which would otherwise be read as a file of that name.
 */
static int option_left(char **files, int n)
{
	for (int i = 0; i < n; i++) {
		if (!strncmp(files[i], "--", 2) && files[i][2]) {
			fprintf(stderr, "precis: %s: an option this command does not know, out of "
					"place or without its value\n", files[i]);
			return 1;
		}
	}
	return 0;
}

int tools_extract(struct cli *cli, char **args, int nargs)
{
	const char *url = NULL, *format = "text";
	int first = nargs, nfiles, rc = 0;

	(void)cli;
	for (int i = 0; i < nargs; i++) {
		if (!strcmp(args[i], "--url") && i + 1 < nargs) {
			url = args[++i];
		} else if (!strcmp(args[i], "--format") && i + 1 < nargs) {
			format = args[++i];
		} else {
			first = i;
			break;
		}
	}
	nfiles = nargs - first;
	if (!nfiles || option_left(args + first, nfiles) ||
		(strcmp(format, "text") && strcmp(format, "json"))) {
		fprintf(stderr, "precis: usage: precis extract [--url URL] [--format text|json] FILE...\n");
		return 2;
	}
	for (int i = first; i < nargs; i++) {
		char err[1024];
		json_t *o = extract_one(args[i], url, err, sizeof(err));

		if (nfiles == 1) {
			if (!o) {
				fprintf(stderr, "precis: %s\n", err);
				return 1;
			}
			/* What the page says is shown, but it would not reach the digest. */
			if (json_object_get(o, "not_article"))
				fprintf(stderr, "precis: %s: %s (the extractor would take the feed's "
						"text or dead-letter the page)\n", args[i],
					json_string_value(json_object_get(o, "not_article")));
			if (!strcmp(format, "text"))
				printf("%s\n", json_string_value(json_object_get(o, "text")));
			else
				print_json(o, 1);
			json_decref(o);
			return 0;
		}
		/* Several files: one line each, errors included, so a corpus run never stops. */
		if (!o) {
			o = json_pack("{s:o}", "error", json_arg(err));
			rc = 1;
		}
		json_object_set_new(o, "file", json_arg(args[i]));
		print_json(o, 0);
		json_decref(o);
	}
	return rc;
}

/* The JSON type of v, for an error: "a number", "an array". */
static const char *json_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "true or false";
	case JSON_NULL:
		break;
	}
	return "null";
}

/*
 * Title and text of a JSON file: an article message, precis extract
 * --format json, or any {"title", "text"}. The title may be absent, null
 * or empty (*title is then NULL); the text may not.
 */
static int article_of_json(const struct buf *b, char **title, char **text, char *err,
	size_t errsize)
{
	json_error_t jerr;
	json_t *o = json_loadb(b->data, b->len, 0, &jerr), *t, *body;
	const char *p;
	int rc = -1;

	if (!o) {
		snprintf(err, errsize, "not valid JSON: %s (line %d)", jerr.text, jerr.line);
		return -1;
	}
	if (!json_is_object(o)) {
		snprintf(err, errsize, "JSON that is %s, not an object with \"text\" and \"title\"",
			json_kind(o));
		goto out;
	}
	t = json_object_get(o, "title");
	body = json_object_get(o, "text");
	if (!body || json_is_null(body)) {
		snprintf(err, errsize, "JSON without \"text\" (the article's text; \"title\" is optional)");
		goto out;
	}
	if (!json_is_string(body)) {
		snprintf(err, errsize, "\"text\" is %s, not a string", json_kind(body));
		goto out;
	}
	if (t && !json_is_null(t) && !json_is_string(t)) {
		snprintf(err, errsize, "\"title\" is %s, not a string", json_kind(t));
		goto out;
	}
	for (p = json_string_value(body); *p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'; p++)
		;
	if (!*p) {
		snprintf(err, errsize, "\"text\" is empty");
		goto out;
	}
	*title = json_is_string(t) && *json_string_value(t) ? xstrdup(json_string_value(t)) : NULL;
	*text = xstrdup(json_string_value(body));
	rc = 0;
out:
	json_decref(o);
	return rc;
}

/*
 * Title and text of a file: JSON (article_of_json()), or plain text whose
 * first line is the title. *title is NULL when the JSON gives none.
 */
static int article_of(const struct buf *b, char **title, char **text, char *err, size_t errsize)
{
	const char *p = b->data;

	while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
		p++;
	if (*p == '<') {
		snprintf(err, errsize, "an HTML page, not an article: precis extract --format json "
				      "FILE | precis summarize -");
		return -1;
	}
	if (*p == '{' || *p == '[')
		return article_of_json(b, title, text, err, errsize);
	{
		const char *nl = strchr(p, '\n');

		if (!nl || !*p) {
			snprintf(err, errsize, "needs a title line and the text after it");
			return -1;
		}
		*title = xstrndup(p, (size_t)(nl - p));
		*text = xstrdup(nl + 1);
	}
	return 0;
}

/* Longest headline made from an article's first line, as the extractor makes it. */
#define LEAD_TITLE_CHARS 90

/* A title for an article that has none: its first line, cut to a headline's length. */
static char *lead_title(const char *text)
{
	char *line, *title;

	while (*text == ' ' || *text == '\n' || *text == '\r' || *text == '\t')
		text++;
	line = xstrndup(text, strcspn(text, "\r\n"));
	title = text_shorten(line, LEAD_TITLE_CHARS);
	free(line);
	return title;
}

/* One file of precis summarize. */
struct sumfile {
	const char *path;
	char *title, *text;
	struct summary s;
	const char *method;
	char error[512]; /* "" unless the file could not be summarized */
	char fallback[320];
	int done;
};

/* What precis summarize works with, shared by every file. */
struct sumsetup {
	const struct config *cfg;
	struct emoji_rules emoji;
};

static void sumfile_extractive(struct sumfile *file, const struct sumsetup *setup)
{
	if (summarize_extractive(file->title, file->text,
		    (size_t)setup->cfg->summarizer_max_point_chars, &setup->emoji, &file->s))
		snprintf(file->error, sizeof(file->error), "no sentence to summarize");
	file->method = "extractive";
	file->done = 1;
}

/* Travels with one file's request to the model. */
struct sumctx {
	const struct sumsetup *setup;
	struct sumfile *file;
};

static void on_llm_summary(void *opaque, struct llm_result *res)
{
	struct sumctx *c = opaque;
	struct sumfile *file = c->file;

	if (res->ok) {
		file->s = res->s;
		memset(&res->s, 0, sizeof(res->s));
		file->method = "llm";
		file->done = 1;
	} else {
		/* As the service does: the article still gets a summary, labelled. */
		snprintf(file->fallback, sizeof(file->fallback), "llm: %s after %u tries",
			res->error, res->attempts);
		sumfile_extractive(file, c->setup);
	}
	free(c);
}

static void sumfile_print(const struct sumfile *file)
{
	json_t *o, *points, *tags;

	if (file->error[0]) {
		o = json_pack("{s:o, s:o}", "file", json_arg(file->path), "error",
			json_arg(file->error));
	} else {
		points = json_array();
		tags = json_array();
		for (size_t k = 0; k < file->s.npoints; k++)
			json_array_append_new(points, json_string(file->s.points[k]));
		for (size_t k = 0; k < file->s.ntags; k++)
			json_array_append_new(tags, json_string(file->s.tags[k]));
		o = json_pack("{s:o, s:s, s:s, s:o, s:o, s:f, s:s, s:s}", "file", json_arg(file->path),
			"headline", file->s.headline, "emoji", file->s.emoji, "key_points", points,
			"tags", tags, "importance", file->s.importance, "lang", file->s.lang, "method",
			file->method);
		if (file->fallback[0])
			json_object_set_new(o, "fallback", json_string(file->fallback));
	}
	print_json(o, 0);
	json_decref(o);
}

int tools_summarize(struct cli *cli, char **args, int nargs)
{
	struct config *cfg = cli->cfg;
	struct sumsetup setup = { cfg, { NULL, 0 } };
	const char *backend = cfg->summarizer_backend;
	struct sumfile *files;
	struct llm *llm = NULL;
	int first = nargs, n, rc = 0;
	size_t printed = 0;

	for (int i = 0; i < nargs; i++) {
		if (!strcmp(args[i], "--backend") && i + 1 < nargs) {
			backend = args[++i];
		} else if (!strcmp(args[i], "--lang") && i + 1 < nargs) {
			char err[512];

			if (config_set(cfg, "summarizer.lang", args[++i], "flag --lang", err,
				    sizeof(err)) ||
				config_validate(cfg, err, sizeof(err))) {
				fprintf(stderr, "precis: %s\n", err);
				return 2;
			}
		} else {
			first = i;
			break;
		}
	}
	if (first == nargs || option_left(args + first, nargs - first) ||
		(strcmp(backend, "extractive") && strcmp(backend, "llm"))) {
		fprintf(stderr, "precis: usage: precis summarize [--backend extractive|llm] "
				"[--lang LANG] FILE...\n");
		return 2;
	}
	{
		char err[1024];

		if (emoji_rules_load(&cfg->summarizer_emoji, &setup.emoji, err, sizeof(err))) {
			fprintf(stderr, "precis: %s\n", err);
			emoji_rules_release(&setup.emoji);
			return 2;
		}
	}
	if (!strcmp(backend, "llm")) {
		char err[1024];

		llm = llm_new(cfg, &setup.emoji, NULL, err, sizeof(err));
		if (!llm) {
			fprintf(stderr, "precis: %s\n", err);
			emoji_rules_release(&setup.emoji);
			return 2;
		}
	} else if (*cfg->summarizer_lang) {
		fprintf(stderr, "precis: the extractive backend keeps each article's language; "
				"--lang %s applies to the llm backend\n", cfg->summarizer_lang);
	}
	n = nargs - first;
	files = xcalloc((size_t)n, sizeof(*files));
	for (int i = 0; i < n; i++) {
		struct sumfile *file = &files[i];
		struct buf b;

		file->path = args[first + i];
		buf_init(&b, FILE_MAX);
		if (read_file(file->path, &b, file->error, sizeof(file->error)) ||
			article_of(&b, &file->title, &file->text, file->error, sizeof(file->error))) {
			file->done = 1;
		} else if (!file->title) {
			/* As the pipeline does for an article without a headline (extractor.c). */
			file->title = lead_title(file->text);
			fprintf(stderr, "precis: %s: no title; the text's first line stands in\n",
				file->path);
		}
		if (file->done) {
			/* printed below, with its error */
		} else if (!llm) {
			sumfile_extractive(file, &setup);
		} else {
			const char *lang = *cfg->summarizer_lang ? cfg->summarizer_lang
								 : text_detect_lang(file->text);
			struct llm_article a = { file->title, file->text, "", "", lang };
			struct sumctx *c = xmalloc(sizeof(*c));
			char err[512];

			*c = (struct sumctx){ &setup, file };
			/* Keep summarizer.inflight requests going, no more. */
			while (llm_pending(llm) >= (size_t)cfg->summarizer_inflight)
				llm_pump(llm, 100);
			if (text_chars(file->text) < (size_t)cfg->summarizer_llm_min_chars ||
				llm_submit(llm, &a, on_llm_summary, c, err, sizeof(err))) {
				snprintf(file->fallback, sizeof(file->fallback), "%s",
					text_chars(file->text) < (size_t)cfg->summarizer_llm_min_chars
						? "too little text to send to the model"
						: err);
				free(c);
				sumfile_extractive(file, &setup);
			}
		}
		buf_release(&b);
		/* Print in order, as soon as the files before are done too. */
		while (printed < (size_t)n && files[printed].done)
			sumfile_print(&files[printed++]);
	}
	while (llm && llm_pending(llm)) {
		llm_pump(llm, 100);
		while (printed < (size_t)n && files[printed].done)
			sumfile_print(&files[printed++]);
	}
	while (printed < (size_t)n)
		sumfile_print(&files[printed++]);
	for (int i = 0; i < n; i++) {
		if (files[i].error[0])
			rc = 1;
		summary_release(&files[i].s);
		free(files[i].title);
		free(files[i].text);
	}
	free(files);
	llm_free(llm);
	emoji_rules_release(&setup.emoji);
	return rc;
}

#include "prompt.h"

#include <errno.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "buf.h"
#include "common.h"

#define PROMPT_MAX (256 * 1024)

extern const char prompt_builtin_yml[];

static const char *const known_vars[] = { "title", "text", "source", "category", "lang",
	"lang_name", "max_point_chars", NULL };

void prompt_release(struct prompt *p)
{
	free(p->version);
	free(p->system);
	free(p->user);
	memset(p, 0, sizeof(*p));
}

/* The first placeholder of tmpl that is not a known one, or 0 when all are. */
static int unknown_placeholder(const char *tmpl, char *name, size_t size)
{
	for (const char *p = strstr(tmpl, "{{"); p; p = strstr(p + 2, "{{")) {
		const char *end = strstr(p + 2, "}}");
		size_t n;
		int known = 0;

		if (!end) {
			snprintf(name, size, "%.40s", p);
			return 1;
		}
		n = (size_t)(end - p - 2);
		for (size_t i = 0; known_vars[i]; i++)
			if (strlen(known_vars[i]) == n && !strncmp(known_vars[i], p + 2, n))
				known = 1;
		if (!known) {
			snprintf(name, size, "{{%.*s}}", (int)(n > 40 ? 40 : n), p + 2);
			return 1;
		}
	}
	return 0;
}

static int parse(const char *origin, const unsigned char *text, size_t len, struct prompt *p,
	char *errstr, size_t errsize)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	int rc = -1;

	memset(p, 0, sizeof(*p));
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		snprintf(errstr, errsize, "%s:%zu: %s", origin, parser.problem_mark.line + 1,
			parser.problem ? parser.problem : "not YAML");
		yaml_parser_delete(&parser);
		return -1;
	}
	root = yaml_document_get_root_node(&doc);
	if (!root || root->type != YAML_MAPPING_NODE) {
		snprintf(errstr, errsize, "%s: a prompt is a mapping of version, system and user",
			origin);
		goto out;
	}
	for (yaml_node_pair_t *pair = root->data.mapping.pairs.start;
		pair < root->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = yaml_document_get_node(&doc, pair->key);
		yaml_node_t *v = yaml_document_get_node(&doc, pair->value);
		const char *key = k->type == YAML_SCALAR_NODE ? (const char *)k->data.scalar.value : "";
		char **field = !strcmp(key, "version") ? &p->version
			       : !strcmp(key, "system") ? &p->system
			       : !strcmp(key, "user")	? &p->user
							: NULL;

		if (!field || v->type != YAML_SCALAR_NODE) {
			snprintf(errstr, errsize, "%s:%zu: '%s' is not version, system or user", origin,
				k->start_mark.line + 1, key);
			goto out;
		}
		free(*field);
		*field = xstrdup((const char *)v->data.scalar.value);
	}
	if (!p->version || !*p->version || !p->user || !*p->user) {
		snprintf(errstr, errsize, "%s: a prompt needs a version and a user message", origin);
		goto out;
	}
	if (!p->system)
		p->system = xstrdup("");
	for (int i = 0; i < 2; i++) {
		char name[64];

		if (unknown_placeholder(i ? p->user : p->system, name, sizeof(name))) {
			snprintf(errstr, errsize, "%s: unknown placeholder %s (known: {{title}} "
				"{{text}} {{source}} {{category}} {{lang}} {{lang_name}} "
				"{{max_point_chars}})", origin, name);
			goto out;
		}
	}
	if (!strstr(p->user, "{{text}}") && !strstr(p->system, "{{text}}")) {
		snprintf(errstr, errsize, "%s: the prompt never gives the model the {{text}}", origin);
		goto out;
	}
	rc = 0;
out:
	if (rc)
		prompt_release(p);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return rc;
}

int prompt_load(const char *path, struct prompt *p, char *errstr, size_t errsize)
{
	struct buf b;
	FILE *f;
	char chunk[8192];
	size_t n;
	int rc;

	if (!path || !*path)
		return parse("built-in prompt", (const unsigned char *)prompt_builtin_yml,
			strlen(prompt_builtin_yml), p, errstr, errsize);
	f = fopen(path, "rb");
	if (!f) {
		snprintf(errstr, errsize, "llm.prompt_file: cannot open %s: %s", path,
			strerror(errno));
		return -1;
	}
	buf_init(&b, PROMPT_MAX);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (buf_add(&b, chunk, n)) {
			snprintf(errstr, errsize, "llm.prompt_file: %s is larger than %d bytes", path,
				PROMPT_MAX);
			fclose(f);
			buf_release(&b);
			return -1;
		}
	}
	fclose(f);
	rc = parse(path, (const unsigned char *)(b.data ? b.data : ""), b.len, p, errstr,
		errsize);
	buf_release(&b);
	return rc;
}

char *prompt_render(const char *tmpl, const struct prompt_var *vars, size_t n)
{
	struct buf b;
	const char *p = tmpl;

	buf_init(&b, SIZE_MAX);
	for (const char *at; (at = strstr(p, "{{"));) {
		const char *end = strstr(at + 2, "}}");
		size_t len;
		int done = 0;

		if (!end)
			break;
		buf_add(&b, p, (size_t)(at - p));
		len = (size_t)(end - at - 2);
		for (size_t i = 0; i < n && !done; i++) {
			if (strlen(vars[i].name) == len && !strncmp(vars[i].name, at + 2, len)) {
				buf_addstr(&b, vars[i].value ? vars[i].value : "");
				done = 1;
			}
		}
		if (!done)
			buf_add(&b, at, (size_t)(end + 2 - at));
		p = end + 2;
	}
	buf_addstr(&b, p);
	return buf_detach(&b, NULL);
}

const char *prompt_lang_name(const char *lang)
{
	static const struct {
		const char *tag, *name;
	} names[] = {
		{ "zh", "Simplified Chinese (简体中文)" }, { "zh-hans", "Simplified Chinese (简体中文)" },
		{ "zh-cn", "Simplified Chinese (简体中文)" }, { "zh-hant", "Traditional Chinese (繁體中文)" },
		{ "zh-tw", "Traditional Chinese (繁體中文)" }, { "en", "English" },
		{ "ja", "Japanese (日本語)" }, { "ko", "Korean (한국어)" }, { "de", "German" },
		{ "fr", "French" }, { "es", "Spanish" }, { "pt", "Portuguese" }, { "it", "Italian" },
		{ "ru", "Russian" }, { "ar", "Arabic" }, { "hi", "Hindi" }, { "vi", "Vietnamese" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcasecmp(names[i].tag, lang))
			return names[i].name;
	return lang;
}

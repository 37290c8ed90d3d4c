#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "buf.h"
#include "common.h"
#include "config_impl.h"
#include "config_yaml.h"

/*
 * The configuration file: YAML whose nested mappings spell the keys
 * (fetcher: {timeout_ms: 5000} is fetcher.timeout_ms), plus the sources
 * list (with OPML imports) and the plugin and rule lists kept as sections.
 */

/*
 * Deeper than any configuration needs (a sink's list option is four
 * levels), shallow enough to refuse a hostile file at once: libyaml's
 * scanner takes time quadratic in the depth (50,000 levels took 14 s).
 */
#define CONFIG_MAX_DEPTH 32

/* The largest configuration file read; a real one is a few KiB. */
#define CONFIG_MAX_BYTES (16 * 1024 * 1024)

char *config_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static int by_key_then_line(const void *a, const void *b)
{
	const struct given_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : x->line < y->line ? -1 : x->line > y->line;
}

/*
 * A key given twice would silently drop the first value (a second
 * sources: list replaced the first), so it is an error naming both lines.
 * Sorts v.
 */
static int refuse_twice(const char *path, struct given_key *v, size_t n, char *errstr,
	size_t errsize)
{
	if (n < 2)
		return 0;
	qsort(v, n, sizeof(*v), by_key_then_line);
	for (size_t i = 1; i < n; i++) {
		if (!strcmp(v[i - 1].key, v[i].key)) {
			config_errf(errstr, errsize, "%s:%zu: '%s' is given twice (first at line %zu)",
				path, v[i].line + 1, v[i].key, v[i - 1].line + 1);
			return -1;
		}
	}
	return 0;
}

/* No mapping of the document, at any depth (sources and sinks too), has a key twice. */
static int refuse_duplicate_keys(struct yload *y)
{
	int rc = 0;

	for (yaml_node_t *n = y->doc->nodes.start; !rc && n < y->doc->nodes.top; n++) {
		struct given_key *v;
		size_t k = 0;

		if (n->type != YAML_MAPPING_NODE)
			continue;
		v = xcalloc((size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start) + 1,
			sizeof(*v));
		for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
			p++) {
			yaml_node_t *kn = yaml_document_get_node(y->doc, p->key);

			if (kn && scalar(kn)) /* other keys are refused where they are read */
				v[k++] = (struct given_key){ (char *)scalar(kn), kn->start_mark.line };
		}
		rc = refuse_twice(y->path, v, k, y->errstr, y->errsize);
		free(v);
	}
	return rc;
}

/* Notes that the file sets key at node n, for refuse_twice() once the whole file is read. */
static void note_set(struct yload *y, const char *key, const yaml_node_t *n)
{
	y->set = xrealloc(y->set, (y->nset + 1) * sizeof(*y->set));
	y->set[y->nset++] = (struct given_key){ xstrdup(key), n->start_mark.line };
}

/* A section's option: a plain value, or a list of plain values. */
static int load_option(struct yload *y, const char *noun, yaml_node_t *vn, struct config_opt *o)
{
	if (scalar(vn)) {
		strlist_push(&o->values, scalar(vn), strlen(scalar(vn)));
		return 0;
	}
	if (vn->type != YAML_SEQUENCE_NODE) {
		config_errf(y->errstr, y->errsize, "%s: %s options are values or lists of values", o->origin,
			noun);
		return -1;
	}
	o->is_list = 1;
	for (yaml_node_item_t *it = vn->data.sequence.items.start; it < vn->data.sequence.items.top;
		it++) {
		const char *v = scalar(yaml_document_get_node(y->doc, *it));

		if (!v) {
			config_errf(y->errstr, y->errsize, "%s: list items must be plain values", o->origin);
			return -1;
		}
		strlist_push(&o->values, v, strlen(v));
	}
	return 0;
}

/* One entry of a list of plugins (with a type and a name) or of sections. */
static int load_section(struct yload *y, const struct config_key *k, yaml_node_t *map,
	struct config_section *s)
{
	int plugin = k->type == CFG_PLUGINS;
	char origin[512];

	origin_of(y, map, origin, sizeof(origin));
	s->origin = xstrdup(origin);
	s->dir = xstrdup(y->dir);
	if (map->type != YAML_MAPPING_NODE) {
		config_errf(y->errstr, y->errsize, "%s: each %s must be a mapping%s", origin, k->choices,
			plugin ? " with a type" : "");
		return -1;
	}
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
		p++) {
		yaml_node_t *kn = yaml_document_get_node(y->doc, p->key);
		const char *key = scalar(kn);
		struct config_opt o = { 0 };

		origin_of(y, kn, origin, sizeof(origin));
		if (!key) {
			config_errf(y->errstr, y->errsize, "%s: keys must be plain words", origin);
			return -1;
		}
		o.key = xstrdup(key);
		o.origin = xstrdup(origin);
		s->opts = xrealloc(s->opts, (s->nopts + 1) * sizeof(*s->opts));
		s->opts[s->nopts++] = o; /* released with s, whatever happens next */
		if (load_option(y, k->choices, yaml_document_get_node(y->doc, p->value),
			    &s->opts[s->nopts - 1]))
			return -1;
		if (plugin && (!strcmp(key, "type") || !strcmp(key, "name"))) {
			char **field = !strcmp(key, "type") ? &s->type : &s->name;
			struct config_opt *last = &s->opts[--s->nopts];

			if (last->is_list) {
				config_errf(y->errstr, y->errsize, "%s: %s takes one value, not a list", origin,
					key);
				config_opt_release(last);
				return -1;
			}
			free(*field);
			*field = xstrdup(last->values.v[0]);
			config_opt_release(last);
		}
	}
	if (plugin && (!s->type || !*s->type)) {
		config_errf(y->errstr, y->errsize, "%s: a %s needs a type", s->origin, k->choices);
		return -1;
	}
	if (plugin && !s->name)
		s->name = xstrdup(s->type);
	return 0;
}

static int load_sections(struct yload *y, const struct config_key *k, yaml_node_t *seq)
{
	struct config_sections *list = (struct config_sections *)((char *)y->cfg + k->offset);
	char origin[512];

	origin_of(y, seq, origin, sizeof(origin));
	if (seq->type != YAML_SEQUENCE_NODE) {
		config_errf(y->errstr, y->errsize, "%s: %s must be a list", origin, k->key);
		return -1;
	}
	config_sections_clear(list);
	for (yaml_node_item_t *it = seq->data.sequence.items.start;
		it < seq->data.sequence.items.top; it++) {
		struct config_section s = { 0 };

		if (load_section(y, k, yaml_document_get_node(y->doc, *it), &s)) {
			config_section_release(&s);
			return -1;
		}
		for (size_t i = 0; s.name && i < list->n; i++) {
			if (!strcmp(list->v[i].name, s.name)) {
				config_errf(y->errstr, y->errsize, "%s: two %ss are named '%s'; give one a name",
					s.origin, k->choices, s.name);
				config_section_release(&s);
				return -1;
			}
		}
		list->v = xrealloc(list->v, (list->n + 1) * sizeof(s));
		list->v[list->n++] = s;
	}
	return 0;
}

static int load_node(struct yload *y, const char *prefix, yaml_node_t *n, int depth)
{
	char origin[512];

	origin_of(y, n, origin, sizeof(origin));
	/* The text was checked for depth; an alias can still lead back to its own anchor. */
	if (depth > CONFIG_MAX_DEPTH) {
		config_errf(y->errstr, y->errsize, "%s: nested deeper than %d levels", origin,
			CONFIG_MAX_DEPTH);
		return -1;
	}
	if (n->type == YAML_MAPPING_NODE) {
		for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
			p < n->data.mapping.pairs.top; p++) {
			yaml_node_t *kn = yaml_document_get_node(y->doc, p->key);
			yaml_node_t *vn = yaml_document_get_node(y->doc, p->value);
			const char *k = scalar(kn);
			const struct config_key *ck;
			char *full;
			int rc;

			if (!k) {
				origin_of(y, kn, origin, sizeof(origin));
				config_errf(y->errstr, y->errsize, "%s: keys must be plain words", origin);
				return -1;
			}
			full = xmalloc(strlen(prefix) + strlen(k) + 2);
			snprintf(full, strlen(prefix) + strlen(k) + 2, "%s%s%s", prefix,
				*prefix ? "." : "", k);
			ck = config_key_find(full);
			if (!strcmp(full, "sources") ||
				(ck && (ck->type == CFG_PLUGINS || ck->type == CFG_SECTIONS)))
				note_set(y, full, kn);
			if (!strcmp(full, "sources"))
				rc = config_load_sources(y, vn);
			else if (ck && (ck->type == CFG_PLUGINS || ck->type == CFG_SECTIONS))
				rc = load_sections(y, ck, vn);
			else
				rc = load_node(y, full, vn, depth + 1);
			free(full);
			if (rc)
				return rc;
		}
		return 0;
	}
	if (!*prefix) {
		config_errf(y->errstr, y->errsize, "%s: the top level must be a mapping of keys", origin);
		return -1;
	}
	if (n->type == YAML_SEQUENCE_NODE) {
		const struct config_key *k = config_key_find(prefix);
		const char **items;
		size_t nitems = 0;
		int rc;

		/* "unknown key" misled: every kafka.* key is librdkafka's, and takes a string. */
		if (!k && !strncmp(prefix, "kafka.", 6)) {
			config_errf(y->errstr, y->errsize, "%s: %s takes one value, not a list (for "
				"several: \"a,b\")", origin, prefix);
			return -1;
		}
		if (!k) {
			config_unknown_key(y->errstr, y->errsize, origin, prefix);
			return -1;
		}
		if (k->type != CFG_LIST) {
			config_errf(y->errstr, y->errsize, "%s: %s takes one value, not a list", origin,
				prefix);
			return -1;
		}
		note_set(y, prefix, n);
		items = xcalloc((size_t)(n->data.sequence.items.top - n->data.sequence.items.start)
				+ 1, sizeof(*items));
		for (yaml_node_item_t *it = n->data.sequence.items.start;
			it < n->data.sequence.items.top; it++) {
			const char *v = scalar(yaml_document_get_node(y->doc, *it));

			if (!v) {
				config_errf(y->errstr, y->errsize, "%s: %s must list plain values", origin,
					prefix);
				free(items);
				return -1;
			}
			items[nitems++] = v;
		}
		rc = config_set_list(y->cfg, k, items, nitems, origin, y->errstr, y->errsize);
		free(items);
		return rc;
	}
	note_set(y, prefix, n);
	{
		/* A relative path is relative to this file, not to where precis was started. */
		char *value = config_file_value(prefix, scalar(n), y->dir);
		int rc = config_set(y->cfg, prefix, value, origin, y->errstr, y->errsize);

		free(value);
		return rc;
	}
}

static void parser_error(const char *path, const yaml_parser_t *p, char *errstr, size_t errsize)
{
	config_errf(errstr, errsize, "%s:%zu: %s", path, p->problem_mark.line + 1,
		p->problem ? p->problem : "invalid YAML");
}

/*
 * A first pass over the events alone, before libyaml builds a document:
 * nesting deeper than CONFIG_MAX_DEPTH is refused as soon as it is seen,
 * and so is a second document, which the loader would silently ignore.
 */
static int check_shape(const char *path, const char *data, size_t len, char *errstr,
	size_t errsize)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int depth = 0, docs = 0, rc = -1;

	if (!yaml_parser_initialize(&p))
		BUG("cannot start the YAML parser");
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	for (;;) {
		yaml_event_type_t type;
		size_t line;

		if (!yaml_parser_parse(&p, &ev)) {
			parser_error(path, &p, errstr, errsize);
			break;
		}
		type = ev.type;
		line = ev.start_mark.line + 1;
		yaml_event_delete(&ev);
		if (type == YAML_STREAM_END_EVENT) {
			rc = 0;
			break;
		}
		if (type == YAML_DOCUMENT_START_EVENT && ++docs > 1) {
			config_errf(errstr, errsize, "%s:%zu: a second YAML document: the configuration "
				"is one", path, line);
			break;
		}
		if (type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT) {
			if (++depth > CONFIG_MAX_DEPTH) {
				config_errf(errstr, errsize, "%s:%zu: nested deeper than %d levels", path,
					line, CONFIG_MAX_DEPTH);
				break;
			}
		} else if (type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT) {
			depth--;
		}
	}
	yaml_parser_delete(&p);
	return rc;
}

int config_load_yaml(struct config *cfg, const char *path, const char *data, size_t len,
	char *errstr, size_t errsize)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	struct yload y = { cfg, &doc, path, NULL, errstr, errsize, NULL, 0 };
	char *real;
	int rc = -1;

	if (check_shape(path, data, len, errstr, errsize))
		return -1;
	/* Absolute, so a relative path names its file whatever the working folder. */
	real = realpath(path, NULL);
	y.dir = config_dir_of(real ? real : path);
	free(real);
	if (!yaml_parser_initialize(&parser))
		BUG("cannot start the YAML parser");
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	if (!yaml_parser_load(&parser, &doc)) {
		parser_error(path, &parser, errstr, errsize);
		goto out_parser;
	}
	root = yaml_document_get_root_node(&doc);
	if (!root)
		rc = 0; /* an empty file sets nothing */
	else if (!refuse_duplicate_keys(&y))
		rc = load_node(&y, "", root, 0);
	/* The same setting spelt two ways: fetcher.timeout_ms and fetcher: {timeout_ms}. */
	if (!rc)
		rc = refuse_twice(path, y.set, y.nset, errstr, errsize);
	for (size_t i = 0; i < y.nset; i++)
		free(y.set[i].key);
	free(y.set);
	if (!rc) {
		/* Local feeds are resolved where they are read (config_source_file()). */
		free(cfg->dir);
		cfg->dir = y.dir;
		y.dir = NULL;
	}
	yaml_document_delete(&doc);
out_parser:
	yaml_parser_delete(&parser);
	free(y.dir);
	return rc;
}

int config_load_file(struct config *cfg, const char *path, char *errstr, size_t errsize)
{
	struct buf text;
	char chunk[65536];
	size_t n;
	int rc = -1;
	FILE *f = fopen(path, "rb");

	if (!f) {
		config_errf(errstr, errsize, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	buf_init(&text, CONFIG_MAX_BYTES);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && !buf_add(&text, chunk, n))
		;
	if (ferror(f))
		config_errf(errstr, errsize, "%s: cannot read: %s", path, strerror(errno));
	else if (text.overflowed)
		config_errf(errstr, errsize, "%s: larger than %d MiB: not a configuration file", path,
			CONFIG_MAX_BYTES >> 20);
	else
		rc = config_load_yaml(cfg, path, text.data, text.len, errstr, errsize);
	buf_release(&text);
	fclose(f);
	return rc;
}

/*
 * The sources list of a configuration file: each source's settings, OPML
 * imports with their relative xmlUrls, and one feed listed twice polled
 * once.
 */
#include "config.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "common.h"
#include "config_impl.h"
#include "config_yaml.h"
#include "opml.h"
#include "url.h"

static int load_source(struct yload *y, yaml_node_t *map, struct source *s, char **opml)
{
	char origin[512];

	origin_of(y, map, origin, sizeof(origin));
	if (map->type != YAML_MAPPING_NODE) {
		config_errf(y->errstr, y->errsize, "%s: each source must be a mapping with name and url",
			origin);
		return -1;
	}
	s->weight = 1;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
		p++) {
		yaml_node_t *kn = yaml_document_get_node(y->doc, p->key);
		yaml_node_t *vn = yaml_document_get_node(y->doc, p->value);
		const char *k = scalar(kn), *v = scalar(vn);
		char **field = NULL;

		origin_of(y, kn, origin, sizeof(origin));
		if (!k || !v) {
			config_errf(y->errstr, y->errsize, "%s: source fields must be plain values", origin);
			return -1;
		}
		if (!strcmp(k, "name"))
			field = &s->name;
		else if (!strcmp(k, "opml"))
			field = opml;
		else if (!strcmp(k, "url"))
			field = &s->url;
		else if (!strcmp(k, "lang"))
			field = &s->lang;
		else if (!strcmp(k, "category"))
			field = &s->category;
		else if (!strcmp(k, "include"))
			field = &s->include;
		else if (!strcmp(k, "exclude"))
			field = &s->exclude;
		else if (!strcmp(k, "mode")) {
			if (strcmp(v, "page") && strcmp(v, "feed")) {
				config_errf(y->errstr, y->errsize,
					"%s: sources.mode: '%s' is not page or feed", origin, v);
				return -1;
			}
			field = &s->mode;
		} else if (!strcmp(k, "interval_s")) {
			if (parse_int64(v, 10, 604800, &s->interval_s)) {
				config_errf(y->errstr, y->errsize,
					"%s: sources.interval_s: '%s' is not a whole number from 10 to 604800",
					origin, v);
				return -1;
			}
			continue;
		} else if (!strcmp(k, "backend")) {
			if (strcmp(v, "extractive") && strcmp(v, "llm")) {
				config_errf(y->errstr, y->errsize,
					"%s: sources.backend: '%s' is not extractive or llm", origin, v);
				return -1;
			}
			field = &s->backend;
		}
		else if (!strcmp(k, "weight")) {
			if (parse_int64(v, 1, 100, &s->weight)) {
				config_errf(y->errstr, y->errsize,
					"%s: sources.weight: '%s' is not a whole number from 1 to 100",
					origin, v);
				return -1;
			}
			continue;
		} else {
			config_errf(y->errstr, y->errsize,
				"%s: unknown source field '%s' (name, url or opml, lang, category, "
				"weight, interval_s, include, exclude, mode, backend)",
				origin, k);
			return -1;
		}
		free(*field);
		*field = xstrdup(v);
	}
	origin_of(y, map, origin, sizeof(origin));
	if (!*opml && (!s->name || !*s->name || !s->url || !*s->url)) {
		config_errf(y->errstr, y->errsize, "%s: a source needs both name and url (or an opml file)",
			origin);
		return -1;
	}
	if (*opml && s->url) {
		config_errf(y->errstr, y->errsize, "%s: a source has a url or an opml file, not both", origin);
		return -1;
	}
	/* It was dropped without a word: each feed of the file is named by its outline. */
	if (*opml && s->name) {
		config_errf(y->errstr, y->errsize, "%s: an opml entry takes no name: each of its feeds "
			"is named by its outline's title", origin);
		return -1;
	}
	if (!s->lang)
		s->lang = xstrdup("");
	if (!s->category)
		s->category = xstrdup("");
	if (!s->backend)
		s->backend = xstrdup("");
	if (!s->include)
		s->include = xstrdup("");
	if (!s->exclude)
		s->exclude = xstrdup("");
	if (!s->mode)
		s->mode = xstrdup("page");
	{
		const char *bad = NULL;
		regex_t re;

		if (*s->include && regcomp(&re, s->include, REG_EXTENDED | REG_ICASE | REG_NOSUB))
			bad = "include";
		else if (*s->include)
			regfree(&re);
		if (!bad && *s->exclude &&
			regcomp(&re, s->exclude, REG_EXTENDED | REG_ICASE | REG_NOSUB))
			bad = "exclude";
		else if (!bad && *s->exclude)
			regfree(&re);
		if (bad) {
			config_errf(y->errstr, y->errsize, "%s: sources.%s of '%s' is not an extended regular "
				"expression", origin, bad, s->name);
			return -1;
		}
	}
	return 0;
}

static void add_source(struct config *cfg, struct source *s)
{
	cfg->sources = xrealloc(cfg->sources, (cfg->nsources + 1) * sizeof(*s));
	cfg->sources[cfg->nsources++] = *s;
}

static int source_named(const struct config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->nsources; i++)
		if (!strcmp(cfg->sources[i].name, name))
			return 1;
	return 0;
}

/* An OPML file's xmlUrl: a URL as written, or a path, which is relative to the OPML file. */
static char *opml_feed_url(const char *opml_dir, const char *url)
{
	if (strstr(url, "://") || !strncasecmp(url, "file:", 5))
		return xstrdup(url);
	return config_path_in(opml_dir, url);
}

/*
 * An OPML subscription list: every feed in it becomes a source named by its
 * title, with the other fields of the entry that named the file. The file
 * is read relative to the config file, a relative xmlUrl relative to it.
 */

static int import_opml(struct yload *y, const char *file, const struct source *tmpl,
	const char *origin)
{
	char *path = config_path_in(y->dir, file), *opml_dir = config_dir_of(path);
	struct opml_feed *feeds = NULL;
	long n;

	n = opml_read(path, &feeds);
	if (n < 0)
		config_errf(y->errstr, y->errsize, "%s: cannot read the OPML file %s", origin, path);
	else if (n == 0)
		config_errf(y->errstr, y->errsize, "%s: the OPML file %s lists no feed (no xmlUrl)",
			origin, path);
	for (long f = 0; f < n; f++) {
		struct source s = *tmpl;
		struct buf name;

		/* The title whole: cut at a byte count, a CJK title is no longer UTF-8. */
		buf_init(&name, strlen(feeds[f].title) + 32);
		buf_printf(&name, "%s", feeds[f].title);
		/* Two outlines with one title: the second is "Title (2)". */
		for (int k = 2; source_named(y->cfg, name.data); k++) {
			buf_reset(&name);
			buf_printf(&name, "%s (%d)", feeds[f].title, k);
		}
		s.name = buf_detach(&name, NULL);
		s.url = opml_feed_url(opml_dir, feeds[f].url);
		s.lang = xstrdup(tmpl->lang);
		s.category = xstrdup(tmpl->category);
		s.backend = xstrdup(tmpl->backend);
		s.include = xstrdup(tmpl->include);
		s.exclude = xstrdup(tmpl->exclude);
		s.mode = xstrdup(tmpl->mode);
		add_source(y->cfg, &s);
	}
	if (n > 0)
		opml_feeds_free(feeds, (size_t)n);
	free(opml_dir);
	free(path);
	return n > 0 ? 0 : -1;
}

/* What identifies a source's feed: its canonical URL, or the real path of a local file. */
static char *feed_key(const struct yload *y, const char *url)
{
	char *key, *real;

	if (!strncasecmp(url, "file://", 7))
		url += 7;
	else if (strstr(url, "://"))
		return (key = url_canonical(url)) ? key : xstrdup(url);
	key = config_path_in(y->dir, url);
	real = realpath(key, NULL);
	if (real) {
		free(key);
		key = real;
	}
	return key;
}

/* The settings in which a and b differ, ", "-separated into out ("" when none). */
static void source_differences(const struct source *a, const struct source *b, char *out,
	size_t size)
{
	const struct {
		const char *name;
		int differ;
	} fields[] = {
		{ "lang", strcmp(a->lang, b->lang) },
		{ "category", strcmp(a->category, b->category) },
		{ "weight", a->weight != b->weight },
		{ "backend", strcmp(a->backend, b->backend) },
		{ "interval_s", a->interval_s != b->interval_s },
		{ "include", strcmp(a->include, b->include) },
		{ "exclude", strcmp(a->exclude, b->exclude) },
		{ "mode", strcmp(a->mode, b->mode) },
	};
	size_t n = 0;

	out[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
		if (fields[i].differ && n + strlen(fields[i].name) + 3 < size)
			n += (size_t)snprintf(out + n, size - n, "%s%s", n ? ", " : "", fields[i].name);
}

/*
 * Two sources of one feed have it polled twice per interval. One that
 * differs from the earlier only in its name (a feed in two folders of an
 * OPML export, a copy) adds nothing and is left out, with a warning. Ones
 * with other settings are kept, with a warning that each polls the feed:
 * one feed split by include rules, or read both as a feed and as pages,
 * is two sources by design. origins[i] is the line of the entry that gave
 * source i; the origins of sources left out are freed, the others moved
 * with their sources.
 */
static void drop_repeated_feeds(struct yload *y, char **origins)
{
	struct config *cfg = y->cfg;
	char **keys = xcalloc(cfg->nsources + 1, sizeof(*keys));
	size_t kept = 0;

	for (size_t i = 0; i < cfg->nsources; i++)
		keys[i] = feed_key(y, cfg->sources[i].url);
	for (size_t i = 0; i < cfg->nsources; i++) {
		struct source *s = &cfg->sources[i];
		const struct source *first = NULL;
		char diff[128], line[1024];

		for (size_t k = 0; k < kept && !first; k++)
			if (!strcmp(keys[k], keys[i]))
				first = &cfg->sources[k];
		if (first)
			source_differences(first, s, diff, sizeof(diff));
		if (first && !*diff) {
			snprintf(line, sizeof(line), "%s: source '%s' reads the same feed as '%s' (%s): "
				"left out, so the feed is polled once", origins[i], s->name, first->name,
				first->url);
			strlist_push(&cfg->warnings, line, strlen(line));
			cfg->sources_dropped++;
			config_source_release(s);
			free(keys[i]);
			free(origins[i]);
			continue;
		}
		if (first) {
			snprintf(line, sizeof(line), "%s: sources '%s' and '%s' read the same feed (%s) "
				"with different settings (%s): each polls it", origins[i], first->name,
				s->name, first->url, diff);
			strlist_push(&cfg->warnings, line, strlen(line));
		}
		cfg->sources[kept] = *s;
		keys[kept] = keys[i];
		origins[kept++] = origins[i];
	}
	cfg->nsources = kept;
	for (size_t k = 0; k < kept; k++)
		free(keys[k]);
	free(keys);
}

int config_load_sources(struct yload *y, yaml_node_t *seq)
{
	struct config *cfg = y->cfg;
	char origin[512], **origins = NULL;
	int rc = -1;

	origin_of(y, seq, origin, sizeof(origin));
	if (seq->type != YAML_SEQUENCE_NODE) {
		config_errf(y->errstr, y->errsize, "%s: sources must be a list", origin);
		return -1;
	}
	for (size_t i = 0; i < cfg->nsources; i++)
		config_source_release(&cfg->sources[i]);
	free(cfg->sources);
	cfg->nsources = 0;
	cfg->sources = NULL;
	for (yaml_node_item_t *it = seq->data.sequence.items.start;
		it < seq->data.sequence.items.top; it++) {
		yaml_node_t *entry = yaml_document_get_node(y->doc, *it);
		struct source s = { 0 };
		char *opml = NULL;
		size_t before = cfg->nsources;

		origin_of(y, entry, origin, sizeof(origin)); /* errors name the entry's line */
		if (load_source(y, entry, &s, &opml)) {
			config_source_release(&s);
			free(opml);
			goto out;
		}
		if (opml) {
			int bad = import_opml(y, opml, &s, origin);

			config_source_release(&s);
			free(opml);
			if (bad)
				goto out;
		} else {
			if (source_named(cfg, s.name)) {
				config_errf(y->errstr, y->errsize, "%s: two sources are named '%s'",
					origin, s.name);
				config_source_release(&s);
				goto out;
			}
			add_source(cfg, &s);
		}
		origins = xrealloc(origins, (cfg->nsources + 1) * sizeof(*origins));
		for (size_t i = before; i < cfg->nsources; i++)
			origins[i] = xstrdup(origin);
	}
	drop_repeated_feeds(y, origins);
	rc = 0;
out:
	for (size_t i = 0; origins && i < cfg->nsources; i++)
		free(origins[i]);
	free(origins);
	return rc;
}

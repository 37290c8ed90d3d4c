#ifndef PRECIS_CONFIG_YAML_H
#define PRECIS_CONFIG_YAML_H

/*
 * The YAML loader's state, shared by config_file.c (the document, keys,
 * sections) and config_sources.c (the sources list and its OPML imports);
 * no other module includes it.
 */

#include <stdio.h>
#include <yaml.h>

#include "config.h"

/* A key as given, and its line, to find one given twice. */
struct given_key {
	char *key;
	size_t line;
};

struct yload {
	struct config *cfg;
	yaml_document_t *doc;
	const char *path;
	char *dir; /* the file's folder, real when it exists: relative paths in it are under it */
	char *errstr;
	size_t errsize;
	struct given_key *set; /* every setting the file makes, by its full name */
	size_t nset;
};

static inline void origin_of(const struct yload *y, const yaml_node_t *n, char *out, size_t size)
{
	snprintf(out, size, "%s:%zu", y->path, n->start_mark.line + 1);
}

static inline const char *scalar(const yaml_node_t *n)
{
	return n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* The folder of path, "." when it has none. Caller frees. */
char *config_dir_of(const char *path);

/* Replaces the configuration's sources with the list at node seq. */
int config_load_sources(struct yload *y, yaml_node_t *seq);

#endif

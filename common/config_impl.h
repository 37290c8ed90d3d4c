#ifndef PRECIS_CONFIG_IMPL_H
#define PRECIS_CONFIG_IMPL_H

/*
 * Shared by config.c (the key table, settings, environment, checks) and
 * config_file.c (the YAML loader); no other module includes it.
 */

#include <stdarg.h>

#include "config.h"

/*
 * CFG_PLUGINS and CFG_SECTIONS are lists of mappings in the file, kept as
 * struct config_sections for the plugins that read them: a plugin list's
 * entries have a type and a unique name, a section list's do not.
 * CFG_PATH is a string naming a file or folder, CFG_PROGRAM a program:
 * a path when it has a slash, else a name looked up on the PATH.
 */
enum config_type { CFG_STR, CFG_INT, CFG_ENUM, CFG_LIST, CFG_PLUGINS, CFG_SECTIONS, CFG_PATH,
	CFG_PROGRAM };

struct config_key {
	const char *key;
	enum config_type type;
	size_t offset;
	const char *def;
	int64_t min, max; /* CFG_INT */
	const char *choices; /* CFG_ENUM: "|"-separated; CFG_PLUGINS, CFG_SECTIONS: one entry's name */
	const char *help;
};

const struct config_key *config_key_find(const char *key);

/* path, or when it is relative, dir/path. Caller frees. */
char *config_path_in(const char *dir, const char *path);

/*
 * What a configuration file in folder dir means by value for key: for a
 * key that names a file or folder, a relative path under dir; else value.
 * Caller frees.
 */
char *config_file_value(const char *key, const char *value, const char *dir);

/* "origin: unknown key" into errstr, or what replaced the key when a release renamed it. */
void config_unknown_key(char *errstr, size_t errsize, const char *origin, const char *key);

void config_errf(char *errstr, size_t errsize, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Sets list key k to items (trimmed, empty ones skipped), checking each against its choices. */
int config_set_list(struct config *cfg, const struct config_key *k, const char *const *items,
	size_t nitems, const char *origin, char *errstr, size_t errsize);

void config_source_release(struct source *s);
void config_opt_release(struct config_opt *o);
void config_section_release(struct config_section *s);
void config_sections_clear(struct config_sections *l);

#endif

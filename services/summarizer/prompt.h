#ifndef PRECIS_PROMPT_H
#define PRECIS_PROMPT_H

#include <stddef.h>

/*
 * A prompt is a YAML file with a version, a system message and a user
 * message; {{name}} placeholders are filled per article. The version names
 * the prompt in the summary cache, so editing a prompt without raising it
 * keeps serving the summaries the old one made. The built-in prompt is
 * services/summarizer/prompts/summary.yml, compiled in.
 */
struct prompt {
	char *version;
	char *system;
	char *user;
};

/*
 * Loads path, or the built-in prompt when path is NULL or empty. Unknown
 * keys and unknown placeholders are errors. Returns 0, or -1 with a
 * one-line error in errstr. Caller releases p with prompt_release().
 */
int prompt_load(const char *path, struct prompt *p, char *errstr, size_t errsize);
void prompt_release(struct prompt *p);

struct prompt_var {
	const char *name;
	const char *value;
};

/* tmpl with every {{name}} of vars (n of them) replaced; caller frees. */
char *prompt_render(const char *tmpl, const struct prompt_var *vars, size_t n);

/* "Simplified Chinese (简体中文)" for "zh"; the tag itself when unknown. */
const char *prompt_lang_name(const char *lang);

#endif

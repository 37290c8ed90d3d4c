#include "robots.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "common.h"

/* Does pattern (with * and a final $) match the start of path? */
static int matches(const char *pat, size_t plen, const char *path)
{
	if (!plen)
		return 1;
	if (*pat == '$' && plen == 1)
		return *path == '\0';
	if (*pat == '*') {
		for (const char *p = path;; p++) {
			if (matches(pat + 1, plen - 1, p))
				return 1;
			if (!*p)
				return 0;
		}
	}
	return *path && *pat == *path && matches(pat + 1, plen - 1, path + 1);
}

/* The product token of agent: "precis/0.1 (news)" -> "precis". */
static size_t token_len(const char *agent)
{
	size_t n = 0;

	while (agent[n] && (isalnum((unsigned char)agent[n]) || agent[n] == '-' || agent[n] == '_'))
		n++;
	return n;
}

struct verdict {
	size_t best; /* length of the longest matching rule so far + 1; 0 = none */
	int allow;
};

/* Applies the rules of the groups named by wanted (NULL: the "*" group); 1 if any such group exists. */
static int scan(const char *text, const char *wanted, size_t wlen, const char *path,
	struct verdict *v)
{
	const char *line = text;
	int in_group = 0, prev_was_agent = 0, found = 0;

	while (*line) {
		const char *end = strchr(line, '\n'), *colon, *val, *hash;
		size_t len = end ? (size_t)(end - line) : strlen(line), klen, vlen;

		hash = memchr(line, '#', len);
		if (hash)
			len = (size_t)(hash - line);
		colon = memchr(line, ':', len);
		if (colon) {
			klen = (size_t)(colon - line);
			while (klen && isspace((unsigned char)line[klen - 1]))
				klen--;
			val = colon + 1;
			while (val < line + len && isspace((unsigned char)*val))
				val++;
			vlen = (size_t)(line + len - val);
			while (vlen && isspace((unsigned char)val[vlen - 1]))
				vlen--;
			if (klen == 10 && !strncasecmp(line, "user-agent", 10)) {
				/* Consecutive User-agent lines share one group. */
				int hit = wanted ? vlen == wlen && !strncasecmp(val, wanted, wlen)
						 : vlen == 1 && *val == '*';

				in_group = prev_was_agent ? in_group || hit : hit;
				found |= hit;
				prev_was_agent = 1;
			} else {
				int allow = klen == 5 && !strncasecmp(line, "allow", 5);
				int disallow = klen == 8 && !strncasecmp(line, "disallow", 8);

				prev_was_agent = 0;
				if (in_group && (allow || disallow) && vlen && matches(val, vlen, path) &&
					(vlen + 1 > v->best || (vlen + 1 == v->best && allow))) {
					v->best = vlen + 1;
					v->allow = allow;
				}
			}
		}
		if (!end)
			break;
		line = end + 1;
	}
	return found;
}

int robots_allowed(const char *text, const char *agent, const char *path)
{
	struct verdict v = { 0, 1 };
	size_t tlen = token_len(agent);

	if (!*path)
		path = "/";
	if (!(tlen && scan(text, agent, tlen, path, &v)))
		scan(text, NULL, 0, path, &v);
	return v.best ? v.allow : 1;
}

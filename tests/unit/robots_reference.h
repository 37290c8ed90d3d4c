#ifndef PRECIS_ROBOTS_REFERENCE_H
#define PRECIS_ROBOTS_REFERENCE_H
/* Shared by test_robots and fuzz_robots: what robots_rule_matches() must answer. */
#include <stdlib.h>
#include <string.h>

/*
 * A reference for robots_rule_matches(): every prefix of the pattern
 * against every prefix of the path, slow and plainly right.
 */
static inline int robots_reference(const char *pat, size_t plen, const char *path)
{
	size_t n = strlen(path);
	int anchored = plen && pat[plen - 1] == '$';
	unsigned char *m, *prev;
	int hit = 0;

	if (anchored)
		plen--;
	/* m[j]: pat[0..i) matches path[0..j) exactly */
	m = calloc(n + 1, 1);
	prev = calloc(n + 1, 1);
	m[0] = 1;
	for (size_t i = 0; i < plen; i++) {
		memcpy(prev, m, n + 1);
		for (size_t j = 0; j <= n; j++) {
			if (pat[i] == '*')
				m[j] = prev[j] || (j && m[j - 1]);
			else
				m[j] = j && prev[j - 1] && path[j - 1] == pat[i];
		}
	}
	for (size_t j = 0; j <= n; j++)
		hit |= m[j] && (!anchored || j == n);
	free(m);
	free(prev);
	return hit;
}

#endif

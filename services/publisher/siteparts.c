#include "siteparts.h"

#include <string.h>

#include "log.h"
#include "msg.h"
#include "story.h"
#include "title.h"
#include "common.h"

#define SITE_MAX 512

struct member {
	char site[SITE_MAX];
	size_t index; /* in the summaries */
};

static int by_site(const void *a, const void *b)
{
	const struct member *x = a, *y = b;
	int c = strcmp(x->site, y->site);

	return c ? c : (x->index > y->index) - (x->index < y->index);
}

/*
 * Learns the parts the headlines of one site (m[0..n), sorted by index)
 * repeat and sets out[index] to a copy of each summary that loses one.
 * Returns how many did.
 */
static size_t strip_site(json_t *summaries, const struct member *m, size_t n, const char *edition,
	json_t **out)
{
	const char **heads = xcalloc(n, sizeof(*heads));
	struct title_learned learned;
	size_t cut = 0;
	char *example = NULL;

	for (size_t i = 0; i < n; i++)
		heads[i] = msg_text(json_array_get(summaries, m[i].index), "headline");
	if (title_learn(heads, n, &learned)) {
		for (size_t i = 0; i < n; i++) {
			char *shorter = title_strip_learned(heads[i], &learned);

			if (shorter && strcmp(shorter, heads[i])) {
				json_t *copy = json_copy(json_array_get(summaries, m[i].index));

				log_debug("edition %s: headline '%s' becomes '%s'", edition, heads[i],
					shorter);
				json_object_set_new(copy, "headline", json_string(shorter));
				out[m[i].index] = copy;
				if (!cut++)
					example = xstrdup(heads[i]);
			}
			free(shorter);
		}
	}
	if (cut)
		log_info("edition %s: %zu of %zu headlines from %s lose a first or last part the "
			 "site's headlines repeat (its name or a section), as '%s' does",
			edition, cut, n, m[0].site, example);
	title_learned_release(&learned);
	free(example);
	free(heads);
	return cut;
}

json_t *siteparts_strip(json_t *summaries, const char *edition, size_t *cut)
{
	size_t n = json_array_size(summaries);
	struct member *m = xcalloc(n ? n : 1, sizeof(*m));
	json_t **shorter = xcalloc(n ? n : 1, sizeof(*shorter)), *out = json_array();

	*cut = 0;
	for (size_t i = 0; i < n; i++) {
		const json_t *s = json_array_get(summaries, i);

		story_site(msg_str(s, "url"), msg_str(json_object_get(s, "source"), "name"),
			m[i].site, sizeof(m[i].site));
		m[i].index = i;
	}
	qsort(m, n, sizeof(*m), by_site);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && !strcmp(m[i].site, m[j].site); j++)
			;
		/* One headline is no evidence across headlines. */
		if (j - i > 1)
			*cut += strip_site(summaries, m + i, j - i, edition, shorter);
	}
	for (size_t i = 0; i < n; i++)
		json_array_append_new(out,
			shorter[i] ? shorter[i] : json_incref(json_array_get(summaries, i)));
	free(shorter);
	free(m);
	return out;
}

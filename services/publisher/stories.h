#ifndef PRECIS_STORIES_H
#define PRECIS_STORIES_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/*
 * An edition's stories: the summaries grouped by the event they report
 * (story_group(), common/story.h: complete-link, no evidence from a site's
 * boilerplate or a doubtful extraction), then ranked by what a reader of a
 * daily digest wants first: stories several outlets carry, from heavy
 * sources, fresh, under headlines that name figures and names, and the
 * summaries' own importance; never by the articles' length. Ties go to
 * the newer story.
 */
struct story {
	/*
	 * The summarized article: the most important, then from the heaviest
	 * source, then the longest; borrowed from the summaries.
	 */
	json_t *rep;
	/*
	 * Every article of the story, rep first, then the other outlets, more
	 * important first, then by outlet name (so a story lists its links the
	 * same way each time). A new array of borrowed summaries.
	 */
	json_t *outlets;
	double importance; /* the story's rank, 0..1 */
};

/*
 * Groups summaries (an array of summary messages, borrowed, which must
 * outlive the stories) into stories ranked at time now (ms since the
 * epoch), best first, into *out. Returns how many; the caller frees them
 * with stories_free().
 */
size_t stories_group(json_t *summaries, int64_t now, struct story **out);
void stories_free(struct story *stories, size_t n);

#endif

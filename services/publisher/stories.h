#ifndef PRECIS_STORIES_H
#define PRECIS_STORIES_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/*
 * An edition's stories: the summaries grouped by the event they report,
 * articles from different outlets merged transitively when story_same()
 * (common/story.h) says so, then ranked: the importance of the summarized
 * article, raised by 0.1 for every further outlet, up to 0.1 for the
 * weight of its most trusted outlet and up to 0.05 for freshness, capped
 * at 1; ties go to the newer story.
 */
struct story {
	json_t *rep; /* the summarized article, the most important; borrowed from the summaries */
	/*
	 * Every article of the story, rep first, then the other outlets, more
	 * important first, then by outlet name (so a story lists its links the
	 * same way each time). A new array of borrowed summaries.
	 */
	json_t *outlets;
	double importance; /* 0..1 */
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

#ifndef PRECIS_SUMMARIZER_H
#define PRECIS_SUMMARIZER_H

#include <signal.h>

#include "cli.h"

/*
 * The summarizer consumes topics.articles and produces one summary per
 * article to topics.summaries, keyed by article id. Any number of replicas
 * in the consumer group share the partitions. once is ignored.
 *
 * Each article goes to its source's backend (summarizer.backend unless the
 * source names one). With the llm backend, summarizer.inflight articles
 * are in flight at once; a summary the model already wrote is served from
 * the Redis cache; an article with too little text, one that finds the
 * circuit open or the edition's token budget spent, and one whose every
 * try failed are summarized extractively instead, and the summary says so
 * in its fallback field.
 */
int summarizer_run(struct svc *svc, int once, volatile sig_atomic_t *stop, char *errstr,
	size_t errsize);

/*
 * Checks the summarizer's own settings: its sections (summarizer.emoji) and
 * llm.prompt_file when one is set. 0, or -1 with errstr.
 */
int summarizer_prepare(const struct config *cfg, char *errstr, size_t errsize);

#endif

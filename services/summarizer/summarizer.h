#ifndef PRECIS_SUMMARIZER_H
#define PRECIS_SUMMARIZER_H

#include <signal.h>

#include "cli.h"

/*
 * The summarizer consumes topics.articles and produces one summary per
 * article to topics.summaries, keyed by article id. Any number of replicas
 * in the consumer group share the partitions. once is ignored.
 */
int summarizer_run(struct svc *svc, int once, volatile sig_atomic_t *stop, char *errstr,
	size_t errsize);

/* The importance (0..1) the extractive summarizer gives an article of chars characters. */
double summarizer_importance(size_t chars);

#endif

#ifndef PRECIS_EXTRACTOR_H
#define PRECIS_EXTRACTOR_H

#include <signal.h>

#include "cli.h"

/*
 * The extractor consumes topics.pages and produces one article per page to
 * topics.articles, keyed by article id. A page that is not a valid page
 * message, or yields too little text even with the feed's own content, is
 * dead-lettered with the reason: no summary is ever made from a title. An
 * article with no title in the feed or the page gets its first line as one.
 * once is ignored: a consumer runs until stopped.
 */
int extractor_run(struct svc *svc, int once, volatile sig_atomic_t *stop, char *errstr,
	size_t errsize);

#endif

#ifndef PRECIS_PUBLISHER_H
#define PRECIS_PUBLISHER_H

#include <signal.h>

#include "cli.h"
#include "config.h"
#include "edition.h"

/*
 * The publisher consumes topics.summaries into the open edition (Redis)
 * and, on publisher.schedule (schedule.h), closes and delivers it through
 * edition_publish(). Replicas may run side by side: the publish lock there
 * lets one of them publish at a time. once is ignored.
 */
int publisher_run(struct svc *svc, int once, volatile sig_atomic_t *stop, char *errstr,
	size_t errsize);

/*
 * Checks the publisher's own settings before anything starts: the schedule
 * (schedule_prepare(), which also sets the time zone) and every sink's
 * options. 0, or -1 with errstr: a configuration error.
 */
int publisher_prepare(const struct config *cfg, char *errstr, size_t errsize);


#endif

#ifndef PRECIS_METRICS_H
#define PRECIS_METRICS_H

#include "buf.h"

/*
 * A service's metrics in the Prometheus text format. Owned by the service
 * (one per process, made in main and handed down), safe to update from any
 * thread: the HTTP server reads while the stage writes.
 *
 * Series are named by the metric and up to three label pairs, given as
 * key, value, ..., NULL after the value: metrics_add(m, "x_total", 1,
 * "topic", "precis.pages", NULL). Label values are escaped here.
 */
struct metrics;

struct metrics *metrics_new(void);
void metrics_free(struct metrics *m);

/* Declares a metric's type ("counter", "gauge", "histogram") and help text. */
void metrics_describe(struct metrics *m, const char *name, const char *type, const char *help);

/* Adds v to a counter (or gauge). */
void metrics_add(struct metrics *m, const char *name, double v, ...);
/* Sets a gauge. */
void metrics_set(struct metrics *m, const char *name, double v, ...);
/* Records an observation (in seconds) in a histogram. */
void metrics_observe(struct metrics *m, const char *name, double v, ...);

/* Appends every series in the text exposition format. */
int metrics_render(struct metrics *m, struct buf *out);

#endif

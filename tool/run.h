#ifndef PRECIS_RUN_H
#define PRECIS_RUN_H

#include <signal.h>

#include "cli.h"

/*
 * `precis run`: the whole pipeline on one machine with no cluster. It
 * starts librdkafka's in-process mock broker and a private redis-server
 * whose data lives in the data folder (so URL dedup survives between runs),
 * runs the four stages as separate processes against them, polls every
 * source once, waits until every stage has consumed and committed all
 * input, publishes the edition, stops everything and prints where the
 * digest is. Returns the process exit status.
 */
int run_embedded(struct cli *cli, const char *data_dir, volatile sig_atomic_t *stop);

/*
 * `precis up`: the same embedded services, kept running. Every
 * fetcher.poll_interval_s it polls every source, waits for the pipeline to
 * drain and confirms what the poll fetched (the summaries are in the open
 * edition in Redis by then); the publisher publishes on its schedule
 * (publisher.schedule, publish_at, timezone). Runs until SIGTERM or SIGINT,
 * then stops everything gracefully. What a crash leaves unconfirmed is
 * fetched again at the next start. Returns the process exit status.
 */
int run_up(struct cli *cli, const char *data_dir, volatile sig_atomic_t *stop);

/*
 * The committed lag of every stage, one line each. With wait_s > 0, waits
 * until all are zero (returns 0) or wait_s pass (returns 1).
 */
int run_lag(const struct config *cfg, int wait_s, int quiet, volatile sig_atomic_t *stop);

#endif

#ifndef PRECIS_KLOOP_H
#define PRECIS_KLOOP_H

#include <librdkafka/rdkafka.h>
#include <signal.h>

#include "cli.h"
#include "config.h"

/*
 * The consume-process-produce loop every stage after the fetcher runs, at
 * least once end to end:
 *
 *  - the producer is idempotent and every output has a delivery report;
 *  - an input offset is stored only after the handler is done with the
 *    message and every output it produced has been confirmed by the broker
 *    (see otrack.h), and stored offsets are committed in the background,
 *    on every rebalance and at shutdown after a flush;
 *  - a poison message goes to the dead-letter topic with the reason, and
 *    its offset is stored only once the dead letter is delivered;
 *  - if the broker refuses an output for good, the loop stops without
 *    storing that input's offset, so a restart processes it again.
 */
struct kloop;

enum kloop_verdict {
	KLOOP_OK, /* processed; outputs (if any) were produced */
	KLOOP_POISON, /* will never process: dead-letter it with the reason */
	KLOOP_RETRY, /* a dependency is down: try the same message again later (polling on) */
	KLOOP_HELD, /* kept with kloop_hold(): kloop_finish() will tell the verdict */
};

/*
 * Called for every input message. reason (size reasonsize) takes the why of
 * KLOOP_POISON and KLOOP_RETRY. Outputs go through kloop_produce().
 */
typedef enum kloop_verdict (*kloop_handler)(struct kloop *loop, const rd_kafka_message_t *msg,
	void *opaque, char *reason, size_t reasonsize);

struct kloop_options {
	const char *stage; /* "extractor": group PREFIX-extractor, dead letters name it */
	const char *input_topic;
	kloop_handler handle;
	void *opaque;
	/* Called about once a second between messages, for scheduled work; may be NULL. */
	void (*tick)(struct kloop *loop, void *opaque);
	/* Where the loop counts its work and says it is ready; borrowed, may be NULL. */
	struct svc *svc;
	/*
	 * For handlers that work asynchronously: at most max_held messages are
	 * held at once (consumption pauses beyond), and pump is called on every
	 * turn of the loop to move that work on, waiting up to timeout_ms for it.
	 * Zero and NULL for handlers that finish every message before returning.
	 */
	size_t max_held;
	void (*pump)(struct kloop *loop, void *opaque, int timeout_ms);
};

/*
 * The loop's Kafka clients. cfg and opts (and its strings) are borrowed for
 * the loop's lifetime. Returns NULL with a one-line error in errstr (a
 * configuration error). Caller frees with kloop_free().
 */
struct kloop *kloop_new(const struct config *cfg, const struct kloop_options *opts, char *errstr,
	size_t errsize);

/*
 * Produces an output of the message being handled; only valid inside the
 * handler. value is copied. A full queue is waited on (while the broker
 * confirms what is in it) for up to pipeline.flush_timeout_ms. Returns
 * KLOOP_OK, or with errstr filled the verdict the handler should give:
 * KLOOP_RETRY when the queue stayed full (the broker is away: a transient
 * error is never a dead letter), KLOOP_POISON when the producer refused
 * the message for good (too large).
 */
enum kloop_verdict kloop_produce(struct kloop *loop, const char *topic, const char *key,
	const void *value, size_t len, char *errstr, size_t errsize);

/*
 * A message whose handling goes on after the handler returns (an HTTP
 * request in flight, say). Inside the handler, kloop_hold() keeps the
 * current message and the handler returns KLOOP_HELD; the offset stays
 * uncommitted until kloop_finish(). Held messages complete in any order.
 * The loop owns the hold: the pointer is valid until kloop_finish() or
 * kloop_free(), whichever comes first.
 */
struct kloop_held;

struct kloop_held *kloop_hold(struct kloop *loop);

/*
 * Produces an output of a held message, as kloop_produce(). If the
 * message's partition was revoked (or rewound) since it was read, nothing
 * is produced and KLOOP_OK is returned: the message is read again.
 */
enum kloop_verdict kloop_produce_held(struct kloop *loop, struct kloop_held *h,
	const char *topic, const char *key, const void *value, size_t len, char *errstr,
	size_t errsize);

/*
 * Ends a held message with KLOOP_OK, or KLOOP_POISON and a reason (it is
 * dead-lettered), or KLOOP_RETRY and a reason: later messages may be
 * complete already, so the loop stops without committing it, and the
 * restart reads it again. h is freed.
 */
void kloop_finish(struct kloop *loop, struct kloop_held *h, enum kloop_verdict v,
	const char *reason);

/* Messages held now. */
size_t kloop_held_count(const struct kloop *loop);

/* The trace id (trace.h) of the held message's article, or "". */
const char *kloop_held_trace_id(const struct kloop_held *h);

/* The trace id of the article being handled, or ""; only valid inside the handler. */
const char *kloop_trace_id(const struct kloop *loop);

/*
 * Waits for the broker (svc_wait(): logged, and said on /readyz), creates
 * missing topics and subscribes, then runs until *stop becomes non-zero (a
 * signal handler sets it) or a fatal error. On the way out it gives held messages up to
 * pipeline.shutdown_timeout_ms to finish (what does not is read again by
 * the next owner), flushes, stores what is complete, commits and leaves the
 * group. Returns 0 on a requested stop, -1 on a fatal error.
 */
int kloop_run(struct kloop *loop, volatile sig_atomic_t *stop);

void kloop_free(struct kloop *loop);

/*
 * 1 once the loop has read everything its assigned partitions held at the
 * last look (about a second ago): scheduled work can then trust that what
 * arrived before now has been handled.
 */
int kloop_caught_up(const struct kloop *loop);

/* The partitions of the input topic assigned now, into out (at most max); how many. */
size_t kloop_assigned(struct kloop *loop, int32_t *out, size_t max);

/*
 * Reads partition again from its first message, whatever was read of it
 * before: waits for every output in flight, seeks, and stores and commits
 * the offset at once, so a crash after this call reads from there too.
 * Messages of that partition in hand (the one being handled, whatever its
 * handler returns, and held ones) complete nothing any more: they are read
 * again. *was_read (may be NULL) is 1 when the group had committed past the
 * partition's first message, so that what it read before is read again; 0
 * for a partition it never read. Returns 0, or -1 with errstr when the
 * broker did not answer, and the caller tries again later.
 */
int kloop_rewind(struct kloop *loop, int32_t partition, int *was_read, char *errstr,
	size_t errsize);

/* kloop_new(), kloop_run() and kloop_free(): the whole life of a stage. */
int kloop_serve(const struct config *cfg, const struct kloop_options *opts,
	volatile sig_atomic_t *stop, char *errstr, size_t errsize);

#endif

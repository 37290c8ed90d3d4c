#ifndef PRECIS_OTRACK_H
#define PRECIS_OTRACK_H

#include <stddef.h>
#include <stdint.h>

/*
 * Offset tracking for at-least-once consumption. Each input message is
 * tracked from the moment it is read until it is handled and every output
 * it caused has been delivered. The offset that may be stored for a
 * partition is one past the last message of the contiguous run of
 * completed messages from the start: a message whose outputs are still in
 * flight holds back every later offset of its partition, even those
 * already complete, so a crash never skips an unfinished message.
 */
struct otrack;

struct otrack *otrack_new(void);
void otrack_free(struct otrack *t);

/* A message was read. Offsets of one partition must be added in order. */
void otrack_begin(struct otrack *t, int32_t partition, int64_t offset);
/* One more output of that message is in flight. */
void otrack_output(struct otrack *t, int32_t partition, int64_t offset);
/* One output was delivered. Unknown messages (revoked since) are ignored. */
void otrack_delivered(struct otrack *t, int32_t partition, int64_t offset);
/* The handler is done with the message. */
void otrack_handled(struct otrack *t, int32_t partition, int64_t offset);

/*
 * The offset to store for partition (last contiguous complete + 1), once:
 * returns -1 when nothing new became storable since the last call.
 */
int64_t otrack_storable(struct otrack *t, int32_t partition);

/* Forgets a partition (revoked). */
void otrack_drop(struct otrack *t, int32_t partition);

/* Messages not yet complete, across partitions. */
size_t otrack_pending(const struct otrack *t);

/* Partitions tracked, for iterating with otrack_partition(). */
size_t otrack_npartitions(const struct otrack *t);
int32_t otrack_partition(const struct otrack *t, size_t i);

#endif

#include "otrack.h"

#include <string.h>

#include "common.h"

struct entry {
	int64_t offset;
	int outstanding;
	int handled;
};

struct part {
	int32_t id;
	struct entry *q; /* pending messages in offset order, from head */
	size_t head, len, alloc;
	int64_t storable; /* -1: nothing new to store */
};

struct otrack {
	struct part *parts;
	size_t n;
};

struct otrack *otrack_new(void)
{
	return xcalloc(1, sizeof(struct otrack));
}

void otrack_free(struct otrack *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->parts[i].q);
	free(t->parts);
	free(t);
}

static struct part *part_get(struct otrack *t, int32_t id, int create)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->parts[i].id == id)
			return &t->parts[i];
	if (!create)
		return NULL;
	t->parts = xrealloc(t->parts, (t->n + 1) * sizeof(*t->parts));
	memset(&t->parts[t->n], 0, sizeof(*t->parts));
	t->parts[t->n].id = id;
	t->parts[t->n].storable = -1;
	return &t->parts[t->n++];
}

static struct entry *entry_get(struct otrack *t, int32_t partition, int64_t offset,
	struct part **pp)
{
	struct part *p = part_get(t, partition, 0);

	if (!p || !p->len)
		return NULL;
	*pp = p;
	/* Offsets are increasing but may have gaps (compaction, transactions). */
	for (size_t i = p->head; i < p->head + p->len; i++)
		if (p->q[i].offset == offset)
			return &p->q[i];
	return NULL;
}

/* Pops complete messages from the head and records the storable offset. */
static void advance(struct part *p)
{
	while (p->len && p->q[p->head].handled && !p->q[p->head].outstanding) {
		p->storable = p->q[p->head].offset + 1;
		p->head++;
		p->len--;
	}
	if (!p->len)
		p->head = 0;
}

void otrack_begin(struct otrack *t, int32_t partition, int64_t offset)
{
	struct part *p = part_get(t, partition, 1);

	if (p->len && p->q[p->head + p->len - 1].offset >= offset)
		BUG("offset %lld of partition %d added out of order", (long long)offset, partition);
	if (p->head + p->len == p->alloc) {
		if (p->head) {
			memmove(p->q, p->q + p->head, p->len * sizeof(*p->q));
			p->head = 0;
		} else {
			p->alloc = p->alloc ? p->alloc * 2 : 16;
			p->q = xrealloc(p->q, p->alloc * sizeof(*p->q));
		}
	}
	p->q[p->head + p->len++] = (struct entry){ offset, 0, 0 };
}

void otrack_output(struct otrack *t, int32_t partition, int64_t offset)
{
	struct part *p;
	struct entry *e = entry_get(t, partition, offset, &p);

	if (!e)
		BUG("output for untracked offset %lld of partition %d", (long long)offset,
			partition);
	e->outstanding++;
}

void otrack_delivered(struct otrack *t, int32_t partition, int64_t offset)
{
	struct part *p;
	struct entry *e = entry_get(t, partition, offset, &p);

	if (!e)
		return;
	e->outstanding--;
	advance(p);
}

void otrack_handled(struct otrack *t, int32_t partition, int64_t offset)
{
	struct part *p;
	struct entry *e = entry_get(t, partition, offset, &p);

	if (!e)
		return;
	e->handled = 1;
	advance(p);
}

int64_t otrack_storable(struct otrack *t, int32_t partition)
{
	struct part *p = part_get(t, partition, 0);
	int64_t s;

	if (!p)
		return -1;
	s = p->storable;
	p->storable = -1;
	return s;
}

void otrack_drop(struct otrack *t, int32_t partition)
{
	for (size_t i = 0; i < t->n; i++) {
		if (t->parts[i].id == partition) {
			free(t->parts[i].q);
			t->parts[i] = t->parts[--t->n];
			return;
		}
	}
}

size_t otrack_pending(const struct otrack *t)
{
	size_t n = 0;

	for (size_t i = 0; i < t->n; i++)
		n += t->parts[i].len;
	return n;
}

size_t otrack_npartitions(const struct otrack *t)
{
	return t->n;
}

int32_t otrack_partition(const struct otrack *t, size_t i)
{
	return t->parts[i].id;
}

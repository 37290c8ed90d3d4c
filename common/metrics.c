#include "metrics.h"

#include <pthread.h>
#include <stdarg.h>
#include <string.h>

#include "common.h"

static const double buckets[] = { 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
	0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30 };
#define NBUCKETS ARRAY_SIZE(buckets)

struct series {
	char *labels; /* rendered: key="value",key="value" */
	double value; /* counter/gauge; histogram: sum */
	uint64_t count;
	uint64_t bucket[NBUCKETS];
};

struct family {
	char *name;
	char *type;
	char *help;
	struct series *s;
	size_t n;
};

struct metrics {
	pthread_mutex_t lock;
	struct family *f;
	size_t n;
};

struct metrics *metrics_new(void)
{
	struct metrics *m = xcalloc(1, sizeof(*m));

	pthread_mutex_init(&m->lock, NULL);
	return m;
}

void metrics_free(struct metrics *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		for (size_t j = 0; j < m->f[i].n; j++)
			free(m->f[i].s[j].labels);
		free(m->f[i].s);
		free(m->f[i].name);
		free(m->f[i].type);
		free(m->f[i].help);
	}
	free(m->f);
	pthread_mutex_destroy(&m->lock);
	free(m);
}

/* Called with the lock held. */
static struct family *family(struct metrics *m, const char *name, const char *type)
{
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->f[i].name, name))
			return &m->f[i];
	m->f = xrealloc(m->f, (m->n + 1) * sizeof(*m->f));
	memset(&m->f[m->n], 0, sizeof(*m->f));
	m->f[m->n].name = xstrdup(name);
	m->f[m->n].type = xstrdup(type);
	return &m->f[m->n++];
}

void metrics_describe(struct metrics *m, const char *name, const char *type, const char *help)
{
	struct family *f;

	pthread_mutex_lock(&m->lock);
	f = family(m, name, type);
	free(f->type);
	free(f->help);
	f->type = xstrdup(type);
	f->help = xstrdup(help);
	pthread_mutex_unlock(&m->lock);
}

static void labels_of(va_list ap, struct buf *b)
{
	const char *k;

	while ((k = va_arg(ap, const char *))) {
		const char *v = va_arg(ap, const char *);

		if (b->len)
			buf_addch(b, ',');
		buf_printf(b, "%s=\"", k);
		for (; v && *v; v++) {
			if (*v == '\\' || *v == '"')
				buf_addch(b, '\\');
			if (*v == '\n')
				buf_addstr(b, "\\n");
			else
				buf_addch(b, *v);
		}
		buf_addch(b, '"');
	}
}

/* Called with the lock held. */
static struct series *series(struct family *f, const char *labels)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->s[i].labels, labels))
			return &f->s[i];
	f->s = xrealloc(f->s, (f->n + 1) * sizeof(*f->s));
	memset(&f->s[f->n], 0, sizeof(*f->s));
	f->s[f->n].labels = xstrdup(labels);
	return &f->s[f->n++];
}

enum op { OP_ADD, OP_SET, OP_OBSERVE };

static void update(struct metrics *m, const char *name, double v, enum op op, va_list ap)
{
	struct buf labels;
	struct series *s;

	buf_init(&labels, 4096);
	labels_of(ap, &labels);
	pthread_mutex_lock(&m->lock);
	s = series(family(m, name, op == OP_OBSERVE ? "histogram" : op == OP_SET ? "gauge" : "counter"),
		labels.data);
	if (op == OP_SET) {
		s->value = v;
	} else {
		s->value += v;
		if (op == OP_OBSERVE) {
			s->count++;
			for (size_t i = 0; i < NBUCKETS; i++)
				if (v <= buckets[i])
					s->bucket[i]++;
		}
	}
	pthread_mutex_unlock(&m->lock);
	buf_release(&labels);
}

void metrics_add(struct metrics *m, const char *name, double v, ...)
{
	va_list ap;

	va_start(ap, v);
	update(m, name, v, OP_ADD, ap);
	va_end(ap);
}

void metrics_set(struct metrics *m, const char *name, double v, ...)
{
	va_list ap;

	va_start(ap, v);
	update(m, name, v, OP_SET, ap);
	va_end(ap);
}

void metrics_observe(struct metrics *m, const char *name, double v, ...)
{
	va_list ap;

	va_start(ap, v);
	update(m, name, v, OP_OBSERVE, ap);
	va_end(ap);
}

int metrics_render(struct metrics *m, struct buf *out)
{
	int rc = 0;

	pthread_mutex_lock(&m->lock);
	for (size_t i = 0; i < m->n && !rc; i++) {
		const struct family *f = &m->f[i];

		if (f->help)
			buf_printf(out, "# HELP %s %s\n", f->name, f->help);
		buf_printf(out, "# TYPE %s %s\n", f->name, f->type);
		for (size_t j = 0; j < f->n; j++) {
			const struct series *s = &f->s[j];
			const char *sep = *s->labels ? "," : "";

			if (strcmp(f->type, "histogram")) {
				rc = buf_printf(out, "%s%s%s%s %.17g\n", f->name, *s->labels ? "{" : "",
					s->labels, *s->labels ? "}" : "", s->value);
				continue;
			}
			for (size_t b = 0; b < NBUCKETS; b++)
				buf_printf(out, "%s_bucket{%s%sle=\"%g\"} %llu\n", f->name, s->labels, sep,
					buckets[b], (unsigned long long)s->bucket[b]);
			buf_printf(out, "%s_bucket{%s%sle=\"+Inf\"} %llu\n", f->name, s->labels, sep,
				(unsigned long long)s->count);
			buf_printf(out, "%s_sum%s%s%s %.17g\n", f->name, *s->labels ? "{" : "",
				s->labels, *s->labels ? "}" : "", s->value);
			rc = buf_printf(out, "%s_count%s%s%s %llu\n", f->name, *s->labels ? "{" : "",
				s->labels, *s->labels ? "}" : "", (unsigned long long)s->count);
		}
	}
	pthread_mutex_unlock(&m->lock);
	return rc;
}

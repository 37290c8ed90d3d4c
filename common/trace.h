#ifndef PRECIS_TRACE_H
#define PRECIS_TRACE_H

#include <librdkafka/rdkafka.h>
#include <stddef.h>

/*
 * W3C Trace Context for articles. The fetcher starts a trace per page; the
 * traceparent ("00-TRACE_ID-SPAN_ID-01") travels in the Kafka header
 * "traceparent" of every message the article becomes, each stage taking a
 * new span id under the same trace id; log lines about the article carry
 * the trace id, and so does each source of a digest item. Any tracing
 * system that reads W3C headers can follow an article from there.
 */
#define TRACE_HEADER "traceparent"
#define TRACEPARENT_SIZE 56 /* 55 characters and a NUL */
#define TRACE_ID_SIZE 33

/* A new trace with a new span. */
void trace_new(char out[TRACEPARENT_SIZE]);

/* A new span of parent's trace, or a new trace when parent is not a traceparent. */
void trace_child(const char *parent, char out[TRACEPARENT_SIZE]);

/* The trace id of a traceparent. Returns 0, or -1 when it is not one. */
int trace_id(const char *traceparent, char out[TRACE_ID_SIZE]);

/* The traceparent a message carries, into out. Returns 0, or -1 without one. */
int trace_of_message(const rd_kafka_message_t *m, char out[TRACEPARENT_SIZE]);

#endif

#include "log.h"

#include <jansson.h>
#include <stdarg.h>
#include <string.h>

#include "common.h"

/*
 * Set once in main() before any thread starts, read-only afterwards: part
 * of the process's configuration.
 */
static struct {
	const char *component;
	enum log_level level;
	int json;
} log_conf = { "precis", LOG_INFO, 0 };

static const char *const level_names[] = { "debug", "info", "warn", "error" };

/* See log_set_trace(): the one piece of per-thread state, as errno is. */
static _Thread_local char current_trace[33];

void log_set_trace(const char *trace_id)
{
	strlcpy_p(current_trace, trace_id ? trace_id : "", sizeof(current_trace));
}

void log_setup(const char *component, enum log_level level, int json)
{
	log_conf.component = component;
	log_conf.level = level;
	log_conf.json = json;
}

enum log_level log_current_level(void)
{
	return log_conf.level;
}

int log_level_parse(const char *s)
{
	for (size_t i = 0; i < ARRAY_SIZE(level_names); i++)
		if (!strcmp(s, level_names[i]))
			return (int)i;
	return -1;
}

void log_write(enum log_level level, const char *fmt, ...)
{
	char msg[2048], ts[32];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	time_iso8601(now_ms(), ts, sizeof(ts));

	if (log_conf.json) {
		json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "ts", ts, "level",
			level_names[level], "component", log_conf.component, "msg", msg);
		char *line;

		if (o && current_trace[0])
			json_object_set_new(o, "trace_id", json_string(current_trace));
		line = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;

		json_decref(o);
		/* json_pack refuses invalid UTF-8: then the text form still gets out. */
		if (line) {
			fprintf(stderr, "%s\n", line);
			free(line);
			return;
		}
	}
	if (current_trace[0])
		fprintf(stderr, "%s %s [%s] %s trace=%s\n", ts, level_names[level], log_conf.component,
			msg, current_trace);
	else
		fprintf(stderr, "%s %s [%s] %s\n", ts, level_names[level], log_conf.component, msg);
}

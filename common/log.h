#ifndef PRECIS_LOG_H
#define PRECIS_LOG_H

/*
 * Process-wide logging to stderr. The level check happens before any
 * formatting, so disabled debug lines cost one comparison.
 *
 * Text lines:  2026-01-02T03:04:05Z info [extractor] message
 * JSON lines:  {"ts":"...","level":"info","component":"extractor","msg":"..."}
 */
enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

/* Called once from main(); the component string is borrowed for the process lifetime. */
void log_setup(const char *component, enum log_level level, int json);
enum log_level log_current_level(void);
/* Parses "debug", "info", "warn" or "error"; -1 on anything else. */
int log_level_parse(const char *s);

void log_write(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * The trace id of the article the calling thread works on (NULL or "":
 * none); its log lines carry it ("trace=..." in text, "trace_id" in JSON)
 * until it is cleared. Per thread, like errno: the loops set it around each
 * message.
 */
void log_set_trace(const char *trace_id);

#define LOG_AT(lvl, ...)                                                        \
	do {                                                                    \
		if ((lvl) >= log_current_level())                               \
			log_write((lvl), __VA_ARGS__);                          \
	} while (0)
#define log_debug(...) LOG_AT(LOG_DEBUG, __VA_ARGS__)
#define log_info(...) LOG_AT(LOG_INFO, __VA_ARGS__)
#define log_warn(...) LOG_AT(LOG_WARN, __VA_ARGS__)
#define log_error(...) LOG_AT(LOG_ERROR, __VA_ARGS__)

#endif

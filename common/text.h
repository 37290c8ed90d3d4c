#ifndef PRECIS_TEXT_H
#define PRECIS_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* UTF-8 text helpers shared by the extractor, summarizer and publisher. */

/* 1 if s[0..len) is valid UTF-8 (no overlongs, no surrogates), else 0. */
int text_utf8_valid(const char *s, size_t len);

/*
 * Decodes one code point at *p (not beyond end) and advances *p; invalid
 * bytes decode as U+FFFD one byte at a time.
 */
uint32_t text_utf8_next(const char **p, const char *end);

/* Appends cp as UTF-8. */
int text_utf8_put(struct buf *b, uint32_t cp);

/*
 * How many bytes of s[0..len), at most max, end between two characters:
 * for a cut that must not leave half a character (a log line, an error
 * text). A character that len or max cuts short is left out whole.
 */
size_t text_utf8_fit(const char *s, size_t len, size_t max);

/*
 * A copy of s in which every byte that is not UTF-8 is U+FFFD, and all
 * else as it was (white space too, unlike text_dup_clean()): for a file
 * name or an error text that must become a JSON string. Caller frees.
 */
char *text_utf8_mend(const char *s);

/*
 * 1 if cp is a lowercase letter of the Latin (with Latin-1 and Extended-A),
 * Greek or Cyrillic alphabets: what a sentence splitter asks of the word
 * after a dot.
 */
int text_is_lower(uint32_t cp);

/* White space as text_append_clean() folds it: ASCII, no-break, ideographic and the like. */
int text_is_space(uint32_t cp);

/* Code points in s. */
size_t text_chars(const char *s);

/* Han, kana, hangul and CJK punctuation: the scripts read by character. */
int text_is_cjk(uint32_t cp);

/* Han characters, the ones Chinese is read by (not kana, hangul or punctuation). */
int text_is_han(uint32_t cp);
/* 1 when w[0..n) is one of the count words of list, ASCII case ignored. */
int text_word_in(const char *w, size_t n, const char *const *list, size_t count);
/* . ! ? 。！？: the marks that end a sentence. */
int text_is_sentence_end(uint32_t cp);
/* Closing quotes and brackets, which stay with the sentence before them. */
int text_is_closing(uint32_t cp);
/* Chinese/Japanese characters in s, and words of the other scripts. */
void text_count(const char *s, size_t *cjk_chars, size_t *words);
/* The same over s[0..len), which need not be NUL-terminated. */
void text_count_len(const char *s, size_t len, size_t *cjk_chars, size_t *words);

/*
 * The language of s as an ISO 639-1 code ("en", "fr", "de", "ru", "zh",
 * "ja", "ko", ...; a static string): Chinese, Japanese and Korean from
 * their scripts, the others from CLD2's statistics of letter sequences;
 * "und" when s has no letters or CLD2 cannot tell.
 */
const char *text_detect_lang(const char *s);

/*
 * Appends s with runs of white space (including non-breaking and
 * ideographic spaces) folded to one ASCII space and trimmed; invalid UTF-8
 * becomes U+FFFD.
 */
int text_append_clean(struct buf *b, const char *s, size_t len);

/*
 * s cut to at most max characters (max at least 2) at a space or a clause
 * mark, ending in "…"; s itself when it fits. Caller frees.
 */
char *text_shorten(const char *s, size_t max);

/*
 * Replaces every occurrence of secret in s (a string in a buffer of size
 * bytes), as given or percent-encoded, with "[redacted]", so an error text
 * can be logged and kept. A NULL or empty secret changes nothing.
 */
void text_redact(char *s, size_t size, const char *secret);

/*
 * A copy of s (may be NULL) as text_append_clean() leaves it, or NULL when
 * nothing but white space is left. Caller frees.
 */
char *text_dup_clean(const char *s);

#endif

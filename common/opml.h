#ifndef PRECIS_OPML_H
#define PRECIS_OPML_H

#include <stddef.h>

/*
 * OPML subscription lists, as feed readers export them: every outline with
 * an xmlUrl is a feed, however deep in the outline tree.
 */
struct opml_feed {
	char *title; /* the outline's title, else its text, else the URL */
	char *url;
};

/*
 * The feeds of the OPML file at path, in document order. Returns how many
 * (0 when it lists none), or -1 when the file cannot be read as XML. On
 * success the caller frees *feeds with opml_feeds_free().
 */
long opml_read(const char *path, struct opml_feed **feeds);
void opml_feeds_free(struct opml_feed *feeds, size_t n);

#endif

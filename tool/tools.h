#ifndef PRECIS_TOOLS_H
#define PRECIS_TOOLS_H

#include "cli.h"

/*
 * The stages' logic on files, one process, no broker: how users try a feed,
 * a page or a summary, and how we measure each stage on its own. Each takes
 * the words after its own name and returns the exit status.
 */

/* precis feed parse FILE_OR_URL: the feed as one JSON object. */
int tools_feed_parse(struct cli *cli, char **args, int nargs);

/* precis extract [--url URL] [--format text|json] FILE...: main text of pages. */
int tools_extract(struct cli *cli, char **args, int nargs);

/* precis summarize [--backend extractive] [--lang LANG] FILE...: one JSON line per article. */
int tools_summarize(struct cli *cli, char **args, int nargs);

#endif

#ifndef PRECIS_CLI_H
#define PRECIS_CLI_H

#include "config.h"

/*
 * Start-up shared by every precis program: reads --config FILE, --set KEY=VALUE,
 * --KEY=VALUE and --KEY VALUE for any configuration key, applies the file,
 * then PRECIS_* variables, then the flags, validates, and sets up logging.
 *
 * Words that are not settings are left in *rest (borrowed from argv) for the
 * program's own options. --help prints the program's usage line, then
 * every key, and returns CLI_HELP.
 */

#define CLI_HELP 1

struct cli {
	struct config *cfg; /* owned; freed by cli_release() */
	const char *config_path; /* borrowed from argv, or NULL */
	char **rest;
	int nrest;
};

/*
 * Returns 0, CLI_HELP, or -1 with a one-line error in errstr. component is
 * the log prefix and must outlive the process (a string literal).
 */
int cli_init(struct cli *cli, int argc, char **argv, const char *component, const char *usage,
	char *errstr, size_t errsize);
void cli_release(struct cli *cli);

#endif

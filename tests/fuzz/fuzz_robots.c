/*
 * libFuzzer target for the robots.txt matcher: any file, any path, must
 * give an answer quickly (libFuzzer's -timeout catches a matcher that
 * backtracks), and each rule must match as the slow reference matcher
 * says. The first line of the input is the path, the rest the file.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "robots.h"
#include "../unit/robots_reference.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1), *nl, *text;

	memcpy(in, data, size);
	in[size] = '\0';
	nl = strchr(in, '\n');
	text = nl ? nl + 1 : in + size;
	if (nl)
		*nl = '\0';
	robots_allowed(text, "precis/0.1", in);
	/* Every line of the file as a rule, against the path, when small enough for the reference. */
	for (char *line = text; *line && strlen(in) < 256;) {
		char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);

		if (len < 256 && robots_rule_matches(line, len, in) != robots_reference(line, len, in)) {
			fprintf(stderr, "rule '%.*s' on '%s': matcher and reference disagree\n", (int)len,
				line, in);
			abort();
		}
		line += len + (end ? 1 : 0);
	}
	free(in);
	return 0;
}

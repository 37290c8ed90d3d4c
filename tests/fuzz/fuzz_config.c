/*
 * libFuzzer target for the configuration loader: any bytes as a YAML
 * configuration file must load, or be refused with an error, never crash,
 * leak, hang on deep nesting or aliases, or undefined behaviour; what
 * loads goes through the same checks every program runs.
 */
#include <stddef.h>
#include <stdint.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config *cfg = config_new();
	char err[512];

	/* A folder that does not exist: an opml: entry finds no file to read. */
	if (!config_load_yaml(cfg, "/nonexistent-precis-fuzz/precis.yml", (const char *)data, size,
		    err, sizeof(err)))
		config_validate(cfg, err, sizeof(err));
	config_free(cfg);
	return 0;
}

#include "cli.h"
#include "extractor.h"
#include "common.h"

int main(int argc, char **argv)
{
	static const struct cli_service svc = { "precis-extractor", "extractor",
		"precis-extractor --config FILE [--KEY=VALUE...]", 0, NULL, extractor_run };

	return cli_service_main(&svc, argc, argv);
}

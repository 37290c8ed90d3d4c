#include "cli.h"
#include "fetcher.h"
#include "common.h"

int main(int argc, char **argv)
{
	static const struct cli_service svc = { "precis-fetcher", "fetcher",
		"precis-fetcher --config FILE [--once] [--KEY=VALUE...]", 1, NULL, fetcher_run };

	return cli_service_main(&svc, argc, argv);
}

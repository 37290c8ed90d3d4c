#include "cli.h"
#include "summarizer.h"
#include "common.h"

int main(int argc, char **argv)
{
	static const struct cli_service svc = { "precis-summarizer", "summarizer",
		"precis-summarizer --config FILE [--KEY=VALUE...]", 0, summarizer_prepare,
		summarizer_run };

	return cli_service_main(&svc, argc, argv);
}

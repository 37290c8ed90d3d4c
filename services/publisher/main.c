#include "cli.h"
#include "publisher.h"
#include "common.h"

int main(int argc, char **argv)
{
	static const struct cli_service svc = { "precis-publisher", "publisher",
		"precis-publisher --config FILE [--KEY=VALUE...]", 0, publisher_prepare,
		publisher_run };

	return cli_service_main(&svc, argc, argv);
}

#include "sig.h"

#include <string.h>

#include "common.h"

static volatile sig_atomic_t stop_requested;

static void on_stop(int signo)
{
	(void)signo;
	stop_requested = 1;
}

volatile sig_atomic_t *sig_setup(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	return &stop_requested;
}

void sig_default(void)
{
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
}

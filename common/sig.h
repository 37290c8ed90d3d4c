#ifndef PRECIS_SIG_H
#define PRECIS_SIG_H

#include <signal.h>

/*
 * The process's one stop flag: SIGTERM and SIGINT set it, and every loop
 * checks it to finish in-flight work, flush and commit before exiting.
 * SIGPIPE is ignored so a closed socket is an error return, not a death.
 */
volatile sig_atomic_t *sig_setup(void);

/* SIGTERM and SIGINT end the process again: for commands with nothing to finish. */
void sig_default(void);

#endif

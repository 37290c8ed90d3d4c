#ifndef PRECIS_PROC_H
#define PRECIS_PROC_H

#include <sys/types.h>

/*
 * Child processes of `precis run`: the four stages and redis-server.
 */

/*
 * Starts argv[0] (searched in PATH when it has no slash). The child gets
 * SIGTERM if this process dies, however it dies. Returns the pid, or -1
 * with errstr (also when argv[0] cannot be executed).
 */
pid_t proc_spawn(char *const argv[], char *errstr, size_t errsize);

/*
 * 1 while pid runs; 0 once it exited, with *status set to its wait status.
 * A pid already reaped counts as exited.
 */
int proc_running(pid_t pid, int *status);

/* SIGTERM, then SIGKILL after grace_ms. Returns the wait status. */
int proc_stop(pid_t pid, long grace_ms);

/* "exited with status 3" / "killed by signal 9". */
void proc_describe(int status, char *out, size_t size);

/* The folder holding the running executable, for finding its siblings. Caller frees. */
char *proc_self_dir(void);

#endif

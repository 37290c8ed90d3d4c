#include "proc.h"

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

extern char **environ;

pid_t proc_spawn(char *const argv[], char *errstr, size_t errsize)
{
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);

	if (rc) {
		snprintf(errstr, errsize, "cannot start %s: %s", argv[0], strerror(rc));
		return -1;
	}
	return pid;
}

int proc_running(pid_t pid, int *status)
{
	pid_t r = waitpid(pid, status, WNOHANG);

	if (r == 0)
		return 1;
	if (r < 0)
		*status = 0;
	return 0;
}

int proc_stop(pid_t pid, long grace_ms)
{
	int status = 0;

	if (!proc_running(pid, &status))
		return status;
	kill(pid, SIGTERM);
	for (long t = 0; t < grace_ms; t += 50) {
		if (!proc_running(pid, &status))
			return status;
		sleep_ms(50);
	}
	kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

void proc_describe(int status, char *out, size_t size)
{
	if (WIFSIGNALED(status))
		snprintf(out, size, "killed by signal %d", WTERMSIG(status));
	else
		snprintf(out, size, "exited with status %d", WEXITSTATUS(status));
}

char *proc_self_dir(void)
{
	char path[4096];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	char *slash;

	if (n <= 0)
		return xstrdup(".");
	path[n] = '\0';
	slash = strrchr(path, '/');
	if (slash)
		*slash = '\0';
	return xstrdup(path);
}

#include "proc.h"

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

extern char **environ;

pid_t proc_spawn(char *const argv[], char *errstr, size_t errsize)
{
	pid_t parent = getpid(), pid;
	int report[2], err = 0;

	/* The child tells through a close-on-exec pipe whether exec failed. */
	if (pipe2(report, O_CLOEXEC)) {
		snprintf(errstr, errsize, "cannot start %s: %s", argv[0], strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(errstr, errsize, "cannot start %s: %s", argv[0], strerror(errno));
		close(report[0]);
		close(report[1]);
		return -1;
	}
	if (pid == 0) {
		/* Only async-signal-safe calls here: the parent has threads. If precis run
		 * dies, even by SIGKILL, its children are told to stop rather than orphaned. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(127);
		execvp(argv[0], argv);
		err = errno;
		if (write(report[1], &err, sizeof(err)) < 0)
			_exit(127);
		_exit(127);
	}
	close(report[1]);
	if (read(report[0], &err, sizeof(err)) == (ssize_t)sizeof(err)) {
		snprintf(errstr, errsize, "cannot start %s: %s", argv[0], strerror(err));
		close(report[0]);
		waitpid(pid, NULL, 0);
		return -1;
	}
	close(report[0]);
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

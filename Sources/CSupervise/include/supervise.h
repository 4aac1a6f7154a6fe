#ifndef SITEGEN_SUPERVISE_H
#define SITEGEN_SUPERVISE_H

#include <sys/types.h>

/// Starts the program at `path` (absolute) with `argv` and `envp` (NULL-terminated), as the
/// leader of a process group of its own, in the folder `directory`, reading /dev/null and writing
/// standard output and standard error to `output_fd`. On Linux the child is killed (SIGKILL)
/// when the thread that started it ends, whatever ends it (SIGKILL of sitegen included): the
/// caller waits for it on the same thread. No other file descriptor of the caller is inherited.
///
/// Returns the child's process id, or -errno when it could not be started (fork failed, or the
/// child could not enter `directory` or execute `path`: the child reports that before exiting).
pid_t sitegen_spawn_supervised(const char *path, char *const argv[], char *const envp[],
                               const char *directory, int output_fd);

/// Waits for the child `pid` that `sitegen_spawn_supervised` started, at most `timeout_ms`
/// milliseconds (negative: without a limit); then, or when the time is up, kills its whole
/// process group (SIGKILL), reaps it and stores its wait status in `status`. Returns 1 when it
/// exited in time, 0 when it was killed for taking too long, -errno on failure.
int sitegen_wait_supervised(pid_t pid, long timeout_ms, int *status);

#endif

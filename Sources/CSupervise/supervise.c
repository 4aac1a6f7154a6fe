// A child process sitegen supervises (Pagefind): its own process group, a neutral working
// folder, no inherited descriptors, and on Linux a parent-death signal. Written in C because the
// child, between fork and exec, may only make async-signal-safe calls, and prctl is variadic.
#define _GNU_SOURCE
#include "supervise.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

/// Closes every descriptor from 3 up but `keep` (async-signal-safe: close_range(2), or a loop
/// where the kernel has no close_range).
static void close_others(int keep) {
#ifdef SYS_close_range
    if ((keep <= 3 || syscall(SYS_close_range, 3u, (unsigned)keep - 1, 0u) == 0)
        && syscall(SYS_close_range, (unsigned)keep + 1, ~0u, 0u) == 0) return;
#endif
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 1048576) max = 1048576;
    for (int fd = 3; fd < max; fd++) {
        if (fd != keep) close(fd);
    }
}

/// In the child: reports `error` through `report` and exits.
static void fail(int report, int error) {
    int value = error;
    ssize_t ignored = write(report, &value, sizeof value);
    (void)ignored;
    _exit(127);
}

pid_t sitegen_spawn_supervised(const char *path, char *const argv[], char *const envp[],
                               const char *directory, int output_fd) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) return -errno;
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        int error = errno;
        close(report[0]);
        close(report[1]);
        return -error;
    }
    if (pid == 0) {
        // The child: only async-signal-safe calls until exec.
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        if (setpgid(0, 0) != 0) fail(report[1], errno);
#ifdef __linux__
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) fail(report[1], errno);
        // The parent may have died before the signal was asked for.
        if (getppid() != parent) _exit(127);
#endif
        if (chdir(directory) != 0) fail(report[1], errno);
        int input = open("/dev/null", O_RDONLY);
        if (input < 0) fail(report[1], errno);
        if (dup2(input, 0) < 0 || dup2(output_fd, 1) < 0 || dup2(output_fd, 2) < 0) fail(report[1], errno);
        close_others(report[1]);
        execve(path, argv, envp);
        fail(report[1], errno);
    }
    // The parent: the group is set here too, so a kill of the group cannot come before it exists.
    setpgid(pid, pid);
    close(report[1]);
    int error = 0;
    ssize_t n;
    do {
        n = read(report[0], &error, sizeof error);
    } while (n < 0 && errno == EINTR);
    close(report[0]);
    if (n == (ssize_t)sizeof error) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        return -error;
    }
    return pid;
}

int sitegen_wait_supervised(pid_t pid, long timeout_ms, int *status) {
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    long pause_us = 1000;
    int exited = 0;
    for (;;) {
        siginfo_t info;
        info.si_pid = 0;
        // WNOWAIT: the leader stays a zombie, so its group id cannot be given to another
        // process before the group is killed below.
        if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
            if (errno == EINTR) continue;
            return -errno;
        }
        if (info.si_pid == pid) {
            exited = 1;
            break;
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        long elapsed = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
        if (timeout_ms >= 0 && elapsed >= timeout_ms) break;
        struct timespec pause = {0, pause_us * 1000};
        nanosleep(&pause, NULL);
        if (pause_us < 20000) pause_us *= 2;
    }
    // Whatever the leader left running in its group goes with it.
    kill(-pid, SIGKILL);
    while (waitpid(pid, status, 0) < 0) {
        if (errno != EINTR) return -errno;
    }
    return exited;
}

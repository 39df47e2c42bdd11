// Makes exactly N clock_gettime(CLOCK_MONOTONIC) calls through libc and N direct
// clock_gettime(CLOCK_REALTIME) system calls, after a byte arrives on stdin (so a probe can
// attach first). Usage: clock_calls N
#include <cstdlib>
#include <ctime>
#include <sys/syscall.h>
#include <unistd.h>

__attribute__((noinline)) void libcCalls(long n) {
    timespec ts{};
    for (long i = 0; i < n; ++i) {
        clock_gettime(CLOCK_MONOTONIC, &ts);
    }
}

__attribute__((noinline)) void syscallCalls(long n) {
    timespec ts{};
    for (long i = 0; i < n; ++i) {
        syscall(SYS_clock_gettime, CLOCK_REALTIME, &ts);
    }
}

int main(int argc, char** argv) {
    const long n = argc > 1 ? std::atol(argv[1]) : 1000;
    char go = 0;
    if (read(STDIN_FILENO, &go, 1) != 1) {
        return 2;
    }
    libcCalls(n);
    syscallCalls(n);
    return 0;
}

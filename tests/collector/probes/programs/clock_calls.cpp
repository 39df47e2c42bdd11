// Makes exactly N clock_gettime(CLOCK_MONOTONIC) calls through libc and N direct
// clock_gettime(CLOCK_REALTIME) system calls, after a byte arrives on stdin (so a probe can
// attach first). With --for SECONDS instead: calls libc's clock_gettime for that long and
// prints how many calls it made.
// Usage: clock_calls N | clock_calls --for SECONDS
#include <cstdio>
#include <cstdlib>
#include <cstring>
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

__attribute__((noinline)) long libcCallsFor(double seconds) {
    timespec start{};
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &start);
    long calls = 1;
    do {
        clock_gettime(CLOCK_MONOTONIC, &now);
        ++calls;
    } while (static_cast<double>(now.tv_sec - start.tv_sec) +
                 static_cast<double>(now.tv_nsec - start.tv_nsec) / 1e9 <
             seconds);
    return calls;
}

int main(int argc, char** argv) {
    const bool timed = argc > 2 && std::strcmp(argv[1], "--for") == 0;
    char go = 0;
    if (read(STDIN_FILENO, &go, 1) != 1) {
        return 2;
    }
    if (timed) {
        std::printf("%ld\n", libcCallsFor(std::atof(argv[2])));
        return 0;
    }
    const long n = argc > 1 ? std::atol(argv[1]) : 1000;
    libcCalls(n);
    syscallCalls(n);
    return 0;
}

// Reads the clock an exactly known number of times, in a chosen pattern, through libc's
// clock_gettime(CLOCK_MONOTONIC) and through the clock_gettime(CLOCK_REALTIME) system call, and
// prints the counts it made: "libc L syscall S".
// Usage: clock_patterns [--gated] PATTERN ARGS...
//   phased N             N libc calls, then N system calls
//   steady SECONDS RATE  RATE of each per second, paced every millisecond
//   bursty BURSTS N GAP  BURSTS times: N of each, then GAP milliseconds idle
//   threads T N          T threads, each N of each
// With --gated it starts once a byte arrives on stdin (so a probe can attach first).
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

std::atomic<long> g_libc{0};
std::atomic<long> g_syscalls{0};

__attribute__((noinline)) void libcCalls(long n) {
    timespec ts{};
    for (long i = 0; i < n; ++i) {
        clock_gettime(CLOCK_MONOTONIC, &ts);
    }
    g_libc += n;
}

__attribute__((noinline)) void syscallCalls(long n) {
    timespec ts{};
    for (long i = 0; i < n; ++i) {
        syscall(SYS_clock_gettime, CLOCK_REALTIME, &ts);
    }
    g_syscalls += n;
}

// Paced by clock_nanosleep to absolute deadlines, which reads no clock in user space (a
// std::this_thread::sleep_until would call clock_gettime on every tick); the one read that
// sets the start is a counted system call.
void steady(double seconds, long rate) {
    const long perTick = rate / 1000;
    timespec deadline{};
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &deadline);
    ++g_syscalls;
    const long ticks = static_cast<long>(seconds * 1000);
    for (long tick = 0; tick < ticks; ++tick) {
        libcCalls(perTick);
        syscallCalls(perTick);
        deadline.tv_nsec += 1'000'000;
        if (deadline.tv_nsec >= 1'000'000'000) {
            deadline.tv_nsec -= 1'000'000'000;
            ++deadline.tv_sec;
        }
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nullptr);
    }
}

void bursty(long bursts, long n, long gapMs) {
    for (long burst = 0; burst < bursts; ++burst) {
        libcCalls(n);
        syscallCalls(n);
        std::this_thread::sleep_for(std::chrono::milliseconds(gapMs));
    }
}

void threads(long count, long n) {
    std::vector<std::thread> workers;
    for (long i = 0; i < count; ++i) {
        workers.emplace_back([n] {
            libcCalls(n);
            syscallCalls(n);
        });
    }
    for (std::thread& worker : workers) {
        worker.join();
    }
}

} // namespace

int main(int argc, char** argv) {
    int first = 1;
    if (argc > first && std::strcmp(argv[first], "--gated") == 0) {
        char go = 0;
        if (read(STDIN_FILENO, &go, 1) != 1) {
            return 2;
        }
        ++first;
    }
    if (argc <= first) {
        std::fprintf(stderr, "usage: clock_patterns [--gated] PATTERN ARGS...\n");
        return 2;
    }
    const char* pattern = argv[first];
    const auto arg = [&](int i) { return argc > first + i ? std::atof(argv[first + i]) : 0.0; };
    if (std::strcmp(pattern, "phased") == 0) {
        libcCalls(static_cast<long>(arg(1)));
        syscallCalls(static_cast<long>(arg(1)));
    } else if (std::strcmp(pattern, "steady") == 0) {
        steady(arg(1), static_cast<long>(arg(2)));
    } else if (std::strcmp(pattern, "bursty") == 0) {
        bursty(static_cast<long>(arg(1)), static_cast<long>(arg(2)), static_cast<long>(arg(3)));
    } else if (std::strcmp(pattern, "threads") == 0) {
        threads(static_cast<long>(arg(1)), static_cast<long>(arg(2)));
    } else {
        std::fprintf(stderr, "clock_patterns: unknown pattern %s\n", pattern);
        return 2;
    }
    std::printf("libc %ld syscall %ld\n", g_libc.load(), g_syscalls.load());
    return 0;
}

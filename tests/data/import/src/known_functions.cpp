// A CPU-bound program with functions whose names exercise the perf script parser: a template
// instance (spaces and angle brackets), a class template's member, a lambda's call operator, an
// anonymous namespace (parentheses and a space), a loop of write(2) calls (kernel frames), and
// a thread renamed "known functions" (a comm with a space). See ../README.md for the commands.
#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace {

volatile unsigned long g_sink;

// Burns CPU for `ms` milliseconds in this very frame.
void spinFor(int ms) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    unsigned long x = 1;
    while (std::chrono::steady_clock::now() < end) {
        for (int i = 0; i < 1000; ++i) {
            x = x * 6364136223846793005UL + 1442695040888963407UL;
        }
    }
    g_sink = x;
}

} // namespace

template <typename T>
__attribute__((noinline)) T sumSquares(const std::vector<T>& values, int ms) {
    spinFor(ms);
    T total{};
    for (const T& value : values) {
        total += value * value;
    }
    return total;
}

template <typename Pair> struct Accumulator {
    __attribute__((noinline)) void add(const Pair& pair, int ms) {
        spinFor(ms);
        sum += pair.first + pair.second;
    }
    long sum = 0;
};

__attribute__((noinline)) int applyTwice(int (*function)(int), int value) {
    return function(function(value));
}

__attribute__((noinline)) int slowIncrement(int value) {
    spinFor(100);
    return value + 1;
}

// Spends its time in the kernel: write(2) to /dev/null.
__attribute__((noinline)) void writeNullFor(int ms) {
    const int fd = open("/dev/null", O_WRONLY);
    const char buffer[512] = {};
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < end) {
        for (int i = 0; i < 100; ++i) {
            if (write(fd, buffer, sizeof buffer) < 0) {
                return;
            }
        }
    }
    close(fd);
}

int main() {
    const std::vector<unsigned long> values{1, 2, 3};
    std::printf("%lu\n", sumSquares(values, 300));
    prctl(PR_SET_NAME, "known functions");
    Accumulator<std::pair<int, long>> accumulator;
    accumulator.add({1, 2L}, 150);
    std::printf("%d\n", applyTwice(slowIncrement, 1));
    auto work = [](int ms) {
        spinFor(ms);
        return ms;
    };
    std::printf("%d\n", work(150));
    writeNullFor(200);
    return 0;
}

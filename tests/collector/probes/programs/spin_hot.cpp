// Spends almost all its CPU time in one known function, for the CPU profile test.
// Usage: spin_hot SECONDS
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" __attribute__((noinline)) std::uint64_t iolab_test_spin_hot(std::uint64_t rounds) {
    volatile std::uint64_t value = 1;
    for (std::uint64_t i = 0; i < rounds; ++i) {
        value = value * 6364136223846793005ULL + 1442695040888963407ULL;
    }
    return value;
}

int main(int argc, char** argv) {
    const double seconds = argc > 1 ? std::atof(argv[1]) : 2.0;
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    std::uint64_t sink = 0;
    while (std::chrono::steady_clock::now() < end) {
        sink += iolab_test_spin_hot(1'000'000);
    }
    // Printed so the calls cannot be optimised away.
    std::printf("%llu\n", static_cast<unsigned long long>(sink));
    return 0;
}

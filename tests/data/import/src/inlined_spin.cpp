#include <cstdint>
#include <cstdio>
#include <unistd.h>
inline __attribute__((always_inline)) std::uint64_t mix(std::uint64_t x) {
    for (int i = 0; i < 64; ++i) x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return x;
}
__attribute__((noinline)) std::uint64_t spin(std::uint64_t n) {
    std::uint64_t acc = 0;
    for (std::uint64_t i = 0; i < n; ++i) acc ^= mix(i);
    return acc;
}
__attribute__((noinline)) void syscalls(int n) {
    for (int i = 0; i < n; ++i) { (void)getppid(); }
}
int main() {
    std::uint64_t r = spin(3000000);
    syscalls(200000);
    std::printf("%llu\n", (unsigned long long)r);
}

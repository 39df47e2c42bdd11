// Makes the kernel contend one known lock: many threads of one process mapping, faulting and
// unmapping memory, so page faults (mmap_lock read side) wait on munmap (write side).
// With --gated, the threads start once a byte arrives on stdin (so a counter can attach to the
// whole process first). Usage: lock_contender SECONDS [THREADS] [--gated]
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <string>
#include <sys/mman.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

constexpr std::size_t kMapBytes = 256 * 1024;
constexpr std::size_t kPage = 4096;

std::atomic<bool> g_start{false};
std::atomic<bool> g_stop{false};

__attribute__((noinline)) void mapTouchUnmap() {
    while (!g_start.load(std::memory_order_acquire)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    while (!g_stop.load(std::memory_order_relaxed)) {
        void* memory =
            mmap(nullptr, kMapBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (memory == MAP_FAILED) {
            std::abort();
        }
        auto* bytes = static_cast<volatile char*>(memory);
        for (std::size_t offset = 0; offset < kMapBytes; offset += kPage) {
            bytes[offset] = 1;
        }
        munmap(memory, kMapBytes);
    }
}

} // namespace

int main(int argc, char** argv) {
    const double seconds = argc > 1 ? std::atof(argv[1]) : 2.0;
    const int threads = argc > 2 ? std::atoi(argv[2]) : 16;
    std::vector<std::thread> workers;
    for (int i = 0; i < threads; ++i) {
        workers.emplace_back(mapTouchUnmap);
    }
    if (argc > 3 && std::string(argv[3]) == "--gated") {
        char go = 0;
        if (read(STDIN_FILENO, &go, 1) != 1) {
            return 2;
        }
    }
    g_start = true;
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    g_stop = true;
    for (std::thread& worker : workers) {
        worker.join();
    }
    return 0;
}

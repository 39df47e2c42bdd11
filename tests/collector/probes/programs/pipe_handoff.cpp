// Contends one kernel mutex an exactly known number of times: each round, a holder thread
// writes to a pipe from a page registered with userfaultfd, so it faults inside pipe_write
// while it holds the pipe's mutex and sleeps there until this program resolves the fault. A
// waiter thread then writes to the same pipe and sleeps in the mutex's slow path (state D:
// the holder sleeps, so the waiter does not spin on it). Only once the waiter sleeps is the
// fault resolved: the holder finishes and unlocks, the waiter takes the mutex. One wait per
// round, by construction (lock:contention_end fires once per wait; contention_begin twice, as
// a mutex reports its optimistic spin and then its sleep).
// Usage: pipe_handoff ROUNDS; prints "contentions ROUNDS" when done.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <semaphore.h>
#include <string>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

namespace {

constexpr std::size_t kPage = 4096;

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "pipe_handoff: %s: %s\n", what, std::strerror(errno));
    std::exit(3);
}

// A thread that writes one byte to `pipeFd` from `source` each time it is released.
struct Writer {
    sem_t go{};
    sem_t done{};
    pid_t tid = 0;
    std::thread thread;

    Writer(int pipeFd, const char* source, int rounds) {
        sem_init(&go, 0, 0);
        sem_init(&done, 0, 0);
        sem_t started;
        sem_init(&started, 0, 0);
        thread = std::thread([this, pipeFd, source, rounds, &started] {
            tid = static_cast<pid_t>(syscall(SYS_gettid));
            sem_post(&started);
            for (int round = 0; round < rounds; ++round) {
                sem_wait(&go);
                if (write(pipeFd, source, 1) != 1) {
                    fail("write to the pipe");
                }
                sem_post(&done);
            }
        });
        sem_wait(&started);
    }
};

// True once thread `tid` of this process sleeps uninterruptibly (a mutex's slow path).
bool sleepsUninterruptibly(pid_t tid) {
    std::ifstream stat("/proc/self/task/" + std::to_string(tid) + "/stat");
    std::string line;
    std::getline(stat, line);
    const auto end = line.rfind(')');
    return end != std::string::npos && end + 2 < line.size() && line[end + 2] == 'D';
}

int openUserfaultfd(char* page) {
    const int uffd = static_cast<int>(syscall(SYS_userfaultfd, O_CLOEXEC));
    if (uffd < 0) {
        fail("userfaultfd");
    }
    uffdio_api api{.api = UFFD_API, .features = 0, .ioctls = 0};
    if (ioctl(uffd, UFFDIO_API, &api) != 0) {
        fail("UFFDIO_API");
    }
    uffdio_register registration{};
    registration.range = {.start = reinterpret_cast<std::uintptr_t>(page), .len = kPage};
    registration.mode = UFFDIO_REGISTER_MODE_MISSING;
    if (ioctl(uffd, UFFDIO_REGISTER, &registration) != 0) {
        fail("UFFDIO_REGISTER");
    }
    return uffd;
}

} // namespace

int main(int argc, char** argv) {
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 1000;
    int pipeFds[2];
    if (pipe(pipeFds) != 0) {
        fail("pipe");
    }
    auto* trapped = static_cast<char*>(
        mmap(nullptr, kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    if (trapped == MAP_FAILED) {
        fail("mmap");
    }
    const int uffd = openUserfaultfd(trapped);
    static char content[kPage] = {1};
    static const char plain[1] = {2};
    Writer holder(pipeFds[1], trapped, rounds);
    Writer waiter(pipeFds[1], plain, rounds);
    for (int round = 0; round < rounds; ++round) {
        sem_post(&holder.go);
        // The fault's message: the holder sleeps in pipe_write with the mutex held.
        uffd_msg message{};
        if (read(uffd, &message, sizeof(message)) != sizeof(message) ||
            message.event != UFFD_EVENT_PAGEFAULT) {
            fail("read the fault");
        }
        sem_post(&waiter.go);
        while (!sleepsUninterruptibly(waiter.tid)) {
            sched_yield();
        }
        uffdio_copy copy{.dst = reinterpret_cast<std::uintptr_t>(trapped),
                         .src = reinterpret_cast<std::uintptr_t>(content),
                         .len = kPage,
                         .mode = 0,
                         .copy = 0};
        if (ioctl(uffd, UFFDIO_COPY, &copy) != 0) {
            fail("UFFDIO_COPY");
        }
        sem_wait(&holder.done);
        sem_wait(&waiter.done);
        // Only now, with both writers idle, drain the pipe and unmap the page again, so that
        // neither contends the mutex with them.
        char drained[2];
        if (read(pipeFds[0], drained, sizeof(drained)) != sizeof(drained)) {
            fail("read the pipe");
        }
        if (madvise(trapped, kPage, MADV_DONTNEED) != 0) {
            fail("madvise");
        }
    }
    holder.thread.join();
    waiter.thread.join();
    std::printf("contentions %d\n", rounds);
    return 0;
}

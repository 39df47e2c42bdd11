// Makes the kernel allocate on its behalf: N rounds of open, read and close of a proc file
// (a struct file from its slab cache, a seq_file buffer from kmalloc), after a byte arrives on
// stdin so a probe can attach first. Usage: alloc_maker N
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>

int main(int argc, char** argv) {
    const long n = argc > 1 ? std::atol(argv[1]) : 1000;
    char go = 0;
    if (read(STDIN_FILENO, &go, 1) != 1) {
        return 2;
    }
    char buffer[4096];
    for (long i = 0; i < n; ++i) {
        const int fd = open("/proc/self/stat", O_RDONLY);
        if (fd < 0 || read(fd, buffer, sizeof buffer) <= 0) {
            return 3;
        }
        close(fd);
    }
    return 0;
}

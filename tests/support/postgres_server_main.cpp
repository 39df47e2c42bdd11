// iolab_test_postgres: the private PostgreSQL 15 server the store tests run against.
//   start DIR [PID [durable]]
//                    initdb and start a server whose data and socket live in DIR, and leave a
//                    watcher that stops it and removes DIR once process PID (default: the
//                    caller's parent, ctest) has exited, however it ended; `durable` keeps
//                    PostgreSQL's default fsync and synchronous commit (for benchmarks)
//   stop DIR         stop the server and remove DIR
// As root the server runs as the unprivileged user `postgres` (else `nobody`).
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <poll.h>
#include <pwd.h>
#include <string>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path kBin = "/usr/lib/postgresql/15/bin";

// The unprivileged user the server runs as when we are root; nullptr when we are not.
const passwd* serverUser() {
    if (::geteuid() != 0) {
        return nullptr;
    }
    const passwd* user = ::getpwnam("postgres");
    return user != nullptr ? user : ::getpwnam("nobody");
}

int run(std::vector<std::string> argv, bool quiet = false) {
    if (const passwd* user = serverUser()) {
        argv.insert(argv.begin(), {"runuser", "-u", user->pw_name, "--"});
    }
    const pid_t child = ::fork();
    if (child == 0) {
        if (quiet) {
            std::freopen("/dev/null", "w", stdout);
            std::freopen("/dev/null", "w", stderr);
        }
        std::vector<char*> args;
        for (auto& arg : argv) {
            args.push_back(arg.data());
        }
        args.push_back(nullptr);
        ::execvp(args[0], args.data());
        std::perror(args[0]);
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

void stop(const fs::path& dir) {
    if (fs::exists(dir / "data" / "postmaster.pid")) {
        run({(kBin / "pg_ctl").string(), "-D", (dir / "data").string(), "-m", "immediate", "-w",
             "stop"},
            true);
    }
    std::error_code ignored;
    fs::remove_all(dir, ignored);
}

// Waits (in a process of its own, outside the caller's session) for `pid` to end, then stops.
void watch(const fs::path& dir, pid_t pid) {
    const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    if (::fork() != 0) {
        return;
    }
    ::setsid();
    std::freopen("/dev/null", "r", stdin);
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    if (pidfd >= 0) {
        pollfd ended{pidfd, POLLIN, 0};
        while (::poll(&ended, 1, -1) < 0 && errno == EINTR) {
        }
    }
    stop(dir);
    ::_exit(0);
}

int start(const fs::path& dir, pid_t watched, bool durable) {
    stop(dir); // a server left by an earlier run that was killed with its watcher
    fs::create_directories(dir);
    if (const passwd* user = serverUser()) {
        if (::chown(dir.c_str(), user->pw_uid, user->pw_gid) != 0) {
            std::perror(dir.c_str());
            return 3;
        }
    }
    const fs::path data = dir / "data";
    if (run({(kBin / "initdb").string(), "-D", data.string(), "-A", "trust", "-U", "postgres", "-E",
             "UTF8", "--locale=C", "--no-sync"},
            true) != 0) {
        std::fprintf(stderr, "iolab_test_postgres: initdb failed in %s\n", dir.c_str());
        stop(dir);
        return 3;
    }
    // A socket in DIR only, so parallel test runs never meet; tests need no durability.
    std::string options = "-k " + dir.string() + " -c listen_addresses='' -c max_connections=200";
    if (!durable) {
        options += " -c fsync=off -c full_page_writes=off -c synchronous_commit=off";
    }
    if (run({(kBin / "pg_ctl").string(), "-D", data.string(), "-o", options, "-l",
             (dir / "server.log").string(), "-w", "start"},
            true) != 0) {
        std::fprintf(stderr, "iolab_test_postgres: the server did not start; see %s\n",
                     (dir / "server.log").c_str());
        stop(dir);
        return 3;
    }
    watch(dir, watched);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    // Descriptors a caller leaked (the pipes a test captures output through) would stay open in
    // the server and its watcher and keep that caller waiting for their end.
    ::close_range(3, ~0U, 0);
    if (argc >= 3 && std::strcmp(argv[1], "start") == 0) {
        return start(fs::absolute(argv[2]), argc >= 4 ? std::atoi(argv[3]) : ::getppid(),
                     argc >= 5 && std::strcmp(argv[4], "durable") == 0);
    }
    if (argc == 3 && std::strcmp(argv[1], "stop") == 0) {
        stop(fs::absolute(argv[2]));
        return 0;
    }
    std::fprintf(stderr, "usage: iolab_test_postgres start DIR [PID [durable]] | stop DIR\n");
    return 2;
}

#include "analyzer/store/store.h"
#include "tests/support/root.h"
#include "tests/support/run_command.h"
#include "tests/support/sample_record.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_user.h"

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <future>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using iolab::test::runCommand;
using iolab::test::runIolab;
extern char** environ;
namespace fs = std::filesystem;

namespace {

std::string fixture(const std::string& name) {
    return std::string(IOLAB_SOURCE_DIR) + "/tests/data/import/" + name;
}

std::string contents(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

mode_t modeOf(const fs::path& path) {
    struct stat info {};
    REQUIRE(::lstat(path.c_str(), &info) == 0);
    return info.st_mode & 07777;
}

// A world-writable sticky directory like /tmp inside `dir`, which others may enter.
fs::path sharedDirectory(const iolab::test::TempDir& dir) {
    fs::permissions(dir.path(),
                    fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    const fs::path shared = dir.path() / "shared";
    fs::create_directory(shared);
    fs::permissions(shared, fs::perms::all | fs::perms::sticky_bit);
    return shared;
}

} // namespace

TEST_CASE("CLI: root writes nothing through a link or a file a user planted in a shared "
          "directory",
          "[root][cli]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    iolab::test::TempDir dir;
    const iolab::test::TestUser user;
    const fs::path shared = sharedDirectory(dir);
    const fs::path precious = dir.file("root-only");
    std::ofstream(precious) << "root's data";
    fs::permissions(precious, fs::perms::owner_read | fs::perms::owner_write);
    const std::string folded = fixture("known_functions.folded.golden");
    std::string db = dir.file("runs.db").string();
    REQUIRE(runIolab({"import", "--db", db, folded}).exit_code == 0);

    REQUIRE(user.run({"ln", "-s", precious.string(), (shared / "x.db").string()}).exit_code == 0);
    REQUIRE(user.run({"ln", "-s", precious.string(), (shared / "x.folded").string()}).exit_code ==
            0);
    REQUIRE(user.run({"ln", "-s", precious.string(), (shared / "x.md").string()}).exit_code == 0);
    REQUIRE(user.run({"touch", (shared / "own.folded").string()}).exit_code == 0);

    const auto import = runIolab({"import", "--db", (shared / "x.db").string(), folded});
    CHECK(import.exit_code == 2);
    CHECK_THAT(import.err, Catch::Contains("is a symbolic link"));
    const auto exported =
        runIolab({"export", "--db", db, "1", "--output", (shared / "x.folded").string()});
    CHECK(exported.exit_code == 2);
    const auto theirs =
        runIolab({"export", "--db", db, "1", "--output", (shared / "own.folded").string()});
    CHECK(theirs.exit_code == 2);
    CHECK_THAT(theirs.err, Catch::Contains("belongs to another user"));
    CHECK(contents(precious) == "root's data");
    CHECK(contents(shared / "own.folded").empty());
    CHECK(fs::is_symlink(shared / "x.db"));

    const auto report = runIolab({"report", "--db", db, "--baseline", "1", "--candidate", "1", "-o",
                                  (shared / "x.md").string()});
    CHECK(report.exit_code == 2);
    CHECK(contents(precious) == "root's data");

    // Outputs are 0644 whatever the umask.
    const mode_t old = ::umask(0);
    const auto ownReport = runIolab({"report", "--db", db, "--baseline", "1", "--candidate", "1",
                                     "-o", dir.file("own.md").string()});
    const auto ownExport =
        runIolab({"export", "--db", db, "1", "--output", dir.file("out.folded").string()});
    ::umask(old);
    CHECK(ownReport.exit_code != 2);
    CHECK(modeOf(dir.file("own.md")) == 0644);
    CHECK(ownExport.exit_code == 0);
    CHECK(modeOf(dir.file("out.folded")) == 0644);
}

TEST_CASE("CLI: no control character from input reaches the terminal", "[cli]") {
    iolab::test::TempDir dir;
    const std::string db = dir.file("runs.db").string();
    const fs::path hostile = dir.file("hostile.folded");
    // OSC (retitle), CSI (clear), a raw 8-bit CSI byte and a UTF-8 C1 CSI.
    std::ofstream(hostile) << "main;\x1b]0;owned\x07;read\x1b[2J 7\nmain;\x9b"
                           << "31m;write 3\nmain;\xc2\x9b"
                           << "2J;seek 1\n";
    REQUIRE(runIolab({"import", "--db", db, "--format", "folded", hostile.string()}).exit_code ==
            0);
    for (const auto& view :
         std::vector<std::vector<std::string>>{{"show", "--db", db, "1", "--tree"},
                                               {"show", "--db", db, "1", "--symbols"},
                                               {"show", "--db", db, "1"},
                                               {"list", "--db", db}}) {
        INFO(view[1]);
        const auto shown = runIolab(view);
        CHECK(shown.exit_code == 0);
        CHECK(shown.out.find('\x1b') == std::string::npos);
        CHECK(shown.out.find('\x07') == std::string::npos);
        CHECK(shown.out.find('\x9b') == std::string::npos);
    }
    CHECK_THAT(runIolab({"show", "--db", db, "1", "--tree"}).out, Catch::Contains("\\x1b]0"));

    // An error quoting the bad line escapes it too.
    const fs::path bad = dir.file("bad.folded");
    std::ofstream(bad) << "main;\x1b]0;owned\x07 notanumber\n";
    const auto refused = runIolab({"import", "--db", db, "--format", "folded", bad.string()});
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find('\x1b') == std::string::npos);
    CHECK(refused.err.find('\x07') == std::string::npos);
}

TEST_CASE("CLI: two imports into one new file both succeed, 20 times", "[cli]") {
    const std::string folded = fixture("known_functions.folded.golden");
    for (int attempt = 0; attempt < 20; ++attempt) {
        iolab::test::TempDir dir;
        const std::string db = dir.file("new.db").string();
        auto first = std::async(std::launch::async, [&] {
            return runIolab({"import", "--db", db, folded});
        });
        const auto second = runIolab({"import", "--db", db, folded});
        const auto one = first.get();
        INFO(one.err << second.err);
        CHECK(one.exit_code == 0);
        CHECK(second.exit_code == 0);
        CHECK(iolab::store::Store(db, iolab::store::OpenMode::ReadOnly).listRuns().size() == 2);
    }
}

TEST_CASE("CLI: rm refuses a run being recorded; abandoned runs show and are repaired", "[cli]") {
    iolab::test::TempDir dir;
    const auto db = dir.file("runs.db");
    iolab::store::Store store(db);
    const auto live = store.beginRecording(iolab::test::sampleRecord("live").run);
    const auto rm = runIolab({"rm", "--db", db.string(), std::to_string(live)});
    CHECK(rm.exit_code == 2);
    CHECK_THAT(rm.err, Catch::Contains("is being recorded by pid " + std::to_string(getpid())));

    // A recorder that died: its run reads as abandoned until db check --repair removes it.
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        try {
            iolab::store::Store(db).beginRecording(iolab::test::sampleRecord("killed").run);
        } catch (...) {
            _exit(1);
        }
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    REQUIRE(status == 0);
    CHECK_THAT(runIolab({"list", "--db", db.string()}).out, Catch::Contains("abandoned"));
    CHECK_THAT(runIolab({"show", "--db", db.string(), "killed"}).out, Catch::Contains("abandoned"));
    CHECK_THAT(runIolab({"db", "check", "--db", db.string()}).out,
               Catch::Contains("abandoned:      1 run(s)"));
    const auto repaired = runIolab({"db", "check", "--repair", "--db", db.string()});
    CHECK(repaired.exit_code == 0);
    CHECK_THAT(repaired.out, Catch::Contains("removed 1 abandoned run(s)"));
    CHECK(!store.findRun("killed"));
    CHECK(store.findRun("live"));
}

TEST_CASE("CLI: a read-only directory and a full disk are system errors that say so",
          "[root][cli]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    iolab::test::TempDir dir;
    const iolab::test::TestUser user;
    fs::permissions(dir.path(),
                    fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    const std::string folded = fixture("known_functions.folded.golden");
    const fs::path readOnly = dir.path() / "ro";
    fs::create_directory(readOnly);
    ::chown(readOnly.c_str(), user.uid(), user.gid());
    REQUIRE(user.run({iolab::test::iolabBinary(), "import", "--db", (readOnly / "runs.db").string(),
                      folded})
                .exit_code == 0);
    fs::permissions(readOnly, fs::perms::owner_read | fs::perms::owner_exec |
                                  fs::perms::group_exec | fs::perms::others_exec);
    const auto refused = user.run(
        {iolab::test::iolabBinary(), "import", "--db", (readOnly / "runs.db").string(), folded});
    CHECK(refused.exit_code == 3);
    CHECK_THAT(refused.err,
               Catch::Contains("permission denied: " + readOnly.string() + " is read-only"));

    const fs::path small = dir.path() / "small";
    fs::create_directory(small);
    REQUIRE(runCommand({"mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", small.string()})
                .exit_code == 0);
    const auto imported = runIolab({"import", "--db", (small / "runs.db").string(), folded});
    std::ofstream(small / "filler", std::ios::binary) << std::string(512 * 1024, 'x');
    const auto full = runIolab(
        {"import", "--db", (small / "runs.db").string(), fixture("known_functions.perf-script")});
    const auto fresh = runIolab({"import", "--db", (small / "new.db").string(), folded});
    const bool newLeft = fs::exists(small / "new.db");
    runCommand({"umount", "-l", small.string()});
    CHECK(imported.exit_code == 0);
    CHECK(full.exit_code == 3);
    CHECK_THAT(full.err, Catch::Contains("disk full"));
    CHECK(fresh.exit_code == 3);
    CHECK_THAT(fresh.err, Catch::Contains((small / "new.db").string() + ": disk full"));
    CHECK(!newLeft);
}

TEST_CASE("CLI import: empty, cut and shrinking inputs are refused with FILE:LINE", "[cli]") {
    iolab::test::TempDir dir;
    const std::string db = dir.file("runs.db").string();
    std::ofstream(dir.file("empty")).flush();
    for (const char* format : {"perf-script", "folded"}) {
        INFO(format);
        const auto empty =
            runIolab({"import", "--db", db, "--format", format, dir.file("empty").string()});
        CHECK(empty.exit_code == 2);
        CHECK_THAT(empty.err, Catch::Contains(dir.file("empty").string() + ":1: no samples"));
    }
    // perf script output cut in the middle of a frame line.
    const std::string script = contents(fixture("known_functions.perf-script"));
    const auto lastFrame = script.rfind("\n\t", script.size() - 3);
    REQUIRE(lastFrame != std::string::npos);
    std::ofstream(dir.file("cut.perf-script"), std::ios::binary) << script.substr(0, lastFrame + 9);
    const auto cut = runIolab(
        {"import", "--db", db, "--format", "perf-script", dir.file("cut.perf-script").string()});
    CHECK(cut.exit_code == 2);
    CHECK_THAT(cut.err, Catch::Contains("ends inside a line"));
    CHECK(iolab::store::Store(db, iolab::store::OpenMode::ReadOnly).listRuns().empty());
}

TEST_CASE("CLI import: a file that shrinks while it is imported is refused", "[cli]") {
    iolab::test::TempDir dir;
    const fs::path input = dir.file("big.folded");
    {
        std::ofstream out(input, std::ios::binary);
        for (int i = 0; i < 2'000'000; ++i) {
            out << "main;read;vfs_read;f" << i % 1000 << " 1\n";
        }
    }
    const auto size = fs::file_size(input);
    const fs::path errors = dir.file("err");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errors.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    std::vector<std::string> argv{iolab::test::iolabBinary(),
                                  "import",
                                  "--db",
                                  dir.file("runs.db").string(),
                                  "--format",
                                  "folded",
                                  input.string()};
    std::vector<char*> args;
    for (auto& arg : argv) {
        args.push_back(arg.data());
    }
    args.push_back(nullptr);
    pid_t pid = 0;
    REQUIRE(posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);

    // Stop the importer once it has read part of the file, cut the file there, let it go on.
    std::uint64_t position = 0;
    for (int i = 0; i < 100000 && position == 0; ++i) {
        std::error_code error;
        for (const auto& fd :
             fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd", error)) {
            if (fs::read_symlink(fd.path(), error) != input) {
                continue;
            }
            std::ifstream info("/proc/" + std::to_string(pid) + "/fdinfo/" +
                               fd.path().filename().string());
            std::string key;
            std::uint64_t pos = 0;
            if (info >> key >> pos && pos > 0 && pos < size) {
                kill(pid, SIGSTOP);
                position = pos;
            }
        }
        std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    REQUIRE(position > 0);
    // At a line's end: what was read stays well-formed, only the rest is gone.
    fs::resize_file(input, contents(input).rfind('\n', position - 1) + 1);
    kill(pid, SIGCONT);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WEXITSTATUS(status) == 2);
    CHECK_THAT(contents(errors), Catch::Contains("the file shrank while it was read"));
    CHECK_THAT(contents(errors), Catch::Contains(input.string() + ":"));
    CHECK(iolab::store::Store(dir.file("runs.db"), iolab::store::OpenMode::ReadOnly)
              .listRuns()
              .empty());
}

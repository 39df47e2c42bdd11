#include "analyzer/errors.h"
#include "analyzer/store/store.h"
#include "tests/support/root.h"
#include "tests/support/sample_record.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_user.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

using iolab::InputError;
using iolab::SystemError;
using iolab::store::DatabaseOptions;
using iolab::store::OpenMode;
using iolab::store::Store;
namespace fs = std::filesystem;

namespace {

std::string contents(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct stat statOf(const fs::path& path) {
    struct stat info {};
    REQUIRE(::lstat(path.c_str(), &info) == 0);
    return info;
}

// Sets the umask for one scope.
class Umask {
public:
    explicit Umask(mode_t mask)
        : m_old(::umask(mask)) {}
    ~Umask() { ::umask(m_old); }
    Umask(const Umask&) = delete;
    Umask& operator=(const Umask&) = delete;
    Umask(Umask&&) = delete;
    Umask& operator=(Umask&&) = delete;

private:
    mode_t m_old;
};

// A small tmpfs mounted for one test; unmounted with it.
class SmallTmpfs {
public:
    SmallTmpfs(const fs::path& where, const char* size)
        : m_path(where) {
        fs::create_directory(where);
        m_mounted =
            ::mount("tmpfs", where.c_str(), "tmpfs", 0, (std::string("size=") + size).c_str()) == 0;
    }
    ~SmallTmpfs() {
        if (m_mounted) {
            ::umount2(m_path.c_str(), MNT_DETACH);
        }
    }
    SmallTmpfs(const SmallTmpfs&) = delete;
    SmallTmpfs& operator=(const SmallTmpfs&) = delete;
    SmallTmpfs(SmallTmpfs&&) = delete;
    SmallTmpfs& operator=(SmallTmpfs&&) = delete;
    bool mounted() const { return m_mounted; }

private:
    fs::path m_path;
    bool m_mounted = false;
};

} // namespace

TEST_CASE("Store: never opens a database through a symbolic link", "[store]") {
    iolab::test::TempDir dir;
    const auto target = dir.file("target");
    std::ofstream(target) << "precious";
    fs::create_symlink(target, dir.file("link.db"));
    CHECK_THROWS_AS(Store(dir.file("link.db")), InputError);
    CHECK(contents(target) == "precious");

    // A dangling link must not make the writer create its target.
    fs::create_symlink(dir.file("made-by-link.db"), dir.file("dangling.db"));
    CHECK_THROWS_AS(Store(dir.file("dangling.db")), InputError);
    CHECK(!fs::exists(dir.file("made-by-link.db")));
    CHECK_THROWS_AS(Store(dir.file("link.db"), OpenMode::ReadOnly), InputError);
}

TEST_CASE("Store: a new database's mode ignores a permissive umask", "[store]") {
    iolab::test::TempDir dir;
    const Umask open(0);
    { Store store(dir.file("iolab.db")); }
    const mode_t expected = ::geteuid() == 0 ? 0600 : 0644;
    CHECK((statOf(dir.file("iolab.db")).st_mode & 07777) == expected);
}

TEST_CASE("Store: a missing database is an input error for readers, and nothing is created",
          "[store]") {
    iolab::test::TempDir dir;
    CHECK_THROWS_AS(Store(dir.file("typo.db"), OpenMode::ReadOnly), InputError);
    CHECK(!fs::exists(dir.file("typo.db")));
}

TEST_CASE("Store: root refuses another user's file in a sticky shared directory and gives a "
          "new database to its owner through the descriptor",
          "[root][store]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    iolab::test::TempDir dir;
    const iolab::test::TestUser user;
    const fs::path shared = dir.path() / "shared";
    fs::create_directory(shared);
    fs::permissions(shared, fs::perms::all | fs::perms::sticky_bit);
    fs::permissions(dir.path(),
                    fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    const auto planted = shared / "x.db";
    REQUIRE(user.run({"touch", planted.string()}).exit_code == 0);
    CHECK_THROWS_AS(Store(planted), InputError);
    CHECK(fs::file_size(planted) == 0);

    // With an owner (sudo's user), a new file and SQLite's -wal and -shm are theirs, 0644.
    const Umask open(0);
    {
        Store store(dir.file("theirs.db"), OpenMode::ReadWrite,
                    DatabaseOptions{iolab::files::Owner{user.uid(), user.gid()}});
        store.writeRun(iolab::test::sampleRecord());
        for (const char* name : {"theirs.db", "theirs.db-wal", "theirs.db-shm"}) {
            INFO(name);
            const struct stat info = statOf(dir.file(name));
            CHECK(info.st_uid == user.uid());
            CHECK((info.st_mode & 07777) == 0644);
        }
    }
}

TEST_CASE("Store: a full disk says so and leaves no empty database", "[root][store]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    iolab::test::TempDir dir;
    const SmallTmpfs small(dir.path() / "small", "64k");
    REQUIRE(small.mounted());
    std::ofstream(dir.path() / "small" / "filler", std::ios::binary) << std::string(64 * 1024, 'x');
    try {
        Store store(dir.path() / "small" / "new.db");
        FAIL("a database was created on a full disk");
    } catch (const SystemError& error) {
        CHECK(std::string(error.what()) ==
              (dir.path() / "small" / "new.db").string() + ": disk full");
    }
    CHECK(!fs::exists(dir.path() / "small" / "new.db"));
}

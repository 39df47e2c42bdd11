#include "tests/support/store_engines.h"

#include "analyzer/store/database.h"
#include "tests/support/run_command.h"

#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <unistd.h>

namespace iolab::test {
namespace {

// The socket directory of this test run's server: the one ctest's `postgres` fixture started
// (IOLAB_TEST_POSTGRES), else one this process starts for itself and that goes with it.
const std::string& serverDirectory() {
    static const std::string directory = [] {
        if (const char* shared = std::getenv("IOLAB_TEST_POSTGRES")) {
            return std::string(shared);
        }
        static TempDir own;
        // The server's user (postgres, when we are root) must reach its directory.
        std::filesystem::permissions(own.path(), std::filesystem::perms::owner_all |
                                                     std::filesystem::perms::group_exec |
                                                     std::filesystem::perms::others_exec);
        const std::string dir = (own.path() / "pg").string();
        const auto started = runCommand({IOLAB_BINARY_DIR "/tests/iolab_test_postgres", "start",
                                         dir, std::to_string(::getpid())});
        if (started.exit_code != 0) {
            throw std::runtime_error("cannot start the test PostgreSQL server: " + started.err);
        }
        return dir;
    }();
    return directory;
}

std::string uriOf(const std::string& database) {
    return "postgresql:///" + database + "?host=" + serverDirectory() + "&user=postgres";
}

} // namespace

const char* engineName(store::Engine engine) {
    return engine == store::Engine::SQLite ? "sqlite" : "postgresql";
}

std::string postgresAdminUri() {
    return uriOf("postgres");
}

TestDatabase::TestDatabase(store::Engine engine) {
    if (engine == store::Engine::SQLite) {
        m_location = m_dir.file("iolab.db");
        return;
    }
    static std::atomic<int> count{0};
    m_name = "iolab_test_" + std::to_string(::getpid()) + "_" + std::to_string(++count);
    store::Database admin(postgresAdminUri(), store::OpenMode::ReadWrite);
    admin.execute("CREATE DATABASE " + m_name);
    m_location = uriOf(m_name);
}

TestDatabase::~TestDatabase() {
    if (m_name.empty()) {
        return;
    }
    try {
        store::Database admin(postgresAdminUri(), store::OpenMode::ReadWrite);
        admin.execute("DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
    } catch (...) {
        // The server and its databases are removed at the end of the test run anyway.
    }
}

} // namespace iolab::test

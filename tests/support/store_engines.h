#pragma once

#include "analyzer/store/connection.h"
#include "tests/support/temp_dir.h"

#include <filesystem>
#include <string>

namespace iolab::test {

// The name a test prints for an engine ("sqlite", "postgresql").
const char* engineName(store::Engine engine);

// A new, empty iolab database of one engine: a file in a temporary directory, or a database of
// its own on the test run's private PostgreSQL server (started on first use, see
// iolab_test_postgres), dropped again on destruction.
class TestDatabase {
public:
    explicit TestDatabase(store::Engine engine);
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    // What --db and Store take: the file's path or the server database's URI.
    const std::filesystem::path& location() const { return m_location; }
    const TempDir& dir() const { return m_dir; }

private:
    TempDir m_dir;
    std::string m_name; // the server database's name; empty for a file
    std::filesystem::path m_location;
};

// Runs the rest of a TEST_CASE once per engine, with a new empty TestDatabase `name` of it: every
// store test runs against a SQLite file and a PostgreSQL database.
#define IOLAB_FOR_EACH_ENGINE(name)                                                                \
    const ::iolab::store::Engine name##_engine =                                                   \
        GENERATE(::iolab::store::Engine::SQLite, ::iolab::store::Engine::PostgreSQL);              \
    INFO("engine: " << ::iolab::test::engineName(name##_engine));                                  \
    ::iolab::test::TestDatabase name(name##_engine)

// The URI of the private server's maintenance database (`postgres`).
std::string postgresAdminUri();

} // namespace iolab::test

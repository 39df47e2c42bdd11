#pragma once

#include "analyzer/errors.h"
#include "analyzer/files/safe_output.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace iolab::store {

enum class OpenMode { ReadWrite, ReadOnly };

struct DatabaseOptions {
    // Who a database created now belongs to (the user behind sudo); none: this process. Created
    // by root for root it is 0600, else 0644.
    std::optional<files::Owner> owner;
    // How long a writer waits for another writer's lock before giving up with BusyError.
    std::chrono::milliseconds busy_timeout = std::chrono::seconds(30);
};

// Another writer held the database's lock for longer than the busy timeout.
class BusyError : public SystemError {
public:
    using SystemError::SystemError;
};

// Owns one sqlite3 connection. A read-write open never follows a final symbolic link and
// creates a missing file itself, exclusively (see files::OutputLocation); a read-only open
// refuses a missing file.
class Database {
public:
    Database(const std::filesystem::path& path, OpenMode mode, const DatabaseOptions& options = {});
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;

    void execute(std::string_view sql);
    std::int64_t lastInsertId() const;
    std::int64_t changes() const;
    const std::filesystem::path& path() const { return m_path; }
    sqlite3* handle() const { return m_db; }
    std::chrono::milliseconds busyTimeout() const { return m_busy_timeout; }
    // After a failed first open: closes the connection and removes the file this open created
    // (with its -wal and -shm), so no empty database is left behind.
    void discardIfCreated();

private:
    sqlite3* m_db = nullptr;
    std::filesystem::path m_path;
    std::chrono::milliseconds m_busy_timeout{0};
    std::optional<files::OutputLocation> m_location;
    std::optional<files::FileDescriptor> m_created;
};

// Throws the error the connection's last failure deserves: BusyError, "disk full", a read-only
// directory, "not an iolab database" (InputError), else SystemError with SQLite's message.
[[noreturn]] void throwDatabaseError(sqlite3* db, const std::filesystem::path& path,
                                     const std::string& what);

// Owns one prepared statement. bind() checks that every placeholder gets a value.
class Statement {
public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) = delete;

    // Resets the statement and binds exactly as many values as it has placeholders.
    template <typename... Args>
    Statement& bind(const Args&... args) {
        reset(sizeof...(Args));
        int index = 0;
        (bindOne(++index, args), ...);
        return *this;
    }

    // Steps once; true while a row is available.
    bool step();
    // Steps a statement that returns no rows.
    void run();

    std::int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    bool isNull(int column) const;

private:
    void reset(int argumentCount);
    void bindOne(int index, std::int64_t value);
    void bindOne(int index, int value) { bindOne(index, static_cast<std::int64_t>(value)); }
    void bindOne(int index, std::uint64_t value);
    void bindOne(int index, double value);
    void bindOne(int index, bool value) { bindOne(index, static_cast<std::int64_t>(value)); }
    void bindOne(int index, std::string_view value);
    void bindOne(int index, const std::string& value) { bindOne(index, std::string_view(value)); }
    void bindOne(int index, const char* value) { bindOne(index, std::string_view(value)); }
    void bindOne(int index, std::nullptr_t);
    [[noreturn]] void fail(const char* what) const;

    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
};

// Begins on construction and rolls back on destruction unless commit() was called. A write
// transaction begins IMMEDIATE, so writers queue for the lock instead of failing mid-way; a read
// transaction gives a batch of reads one consistent snapshot.
class Transaction {
public:
    enum class Kind { Write, Read };
    explicit Transaction(Database& db, Kind kind = Kind::Write);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    Transaction(Transaction&&) = delete;
    Transaction& operator=(Transaction&&) = delete;

    void commit();

private:
    Database& m_db;
    bool m_open = true;
};

} // namespace iolab::store

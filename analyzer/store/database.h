#pragma once

#include "analyzer/errors.h"
#include "analyzer/files/safe_output.h"
#include "analyzer/store/connection.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace iolab::store {

enum class OpenMode { ReadWrite, ReadOnly };

struct DatabaseOptions {
    // Who a database file created now belongs to (the user behind sudo); none: this process.
    // Created by root for root it is 0600, else 0644. A server's databases ignore it.
    std::optional<files::Owner> owner;
    // How long a writer waits for another writer's lock before giving up with BusyError.
    std::chrono::milliseconds busy_timeout = std::chrono::seconds(30);
};

// Another writer held the database's lock for longer than the busy timeout.
class BusyError : public SystemError {
public:
    using SystemError::SystemError;
};

// A row broke a uniqueness rule: another writer wrote the same thing first.
class DuplicateError : public SystemError {
public:
    using SystemError::SystemError;
};

// Whether `location` names a PostgreSQL server (a libpq URI, postgresql:// or postgres://)
// rather than a SQLite file.
bool isServerLocation(std::string_view location);
// How messages name a database: a file by its path, a server's by its URI without the password.
std::string displayLocation(std::string_view location);

// One connection to an iolab database: a SQLite file, or a PostgreSQL database named by a libpq
// URI. A read-write open of a file never follows a final symbolic link and creates a missing
// file itself, exclusively (see files::OutputLocation); a read-only open refuses a missing file.
class Database {
public:
    Database(const std::filesystem::path& location, OpenMode mode,
             const DatabaseOptions& options = {});
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;

    void execute(std::string_view sql);
    Engine engine() const { return m_connection->engine(); }
    // The file's path or the server's URI (its password left out), for messages.
    const std::filesystem::path& path() const { return m_path; }
    std::chrono::milliseconds busyTimeout() const { return m_busy_timeout; }
    Connection& connection() { return *m_connection; }
    // After a failed first open: closes the connection and removes the file this open created
    // (with its -wal and -shm), so no empty database is left behind.
    void discardIfCreated();

private:
    std::unique_ptr<Connection> m_connection;
    std::filesystem::path m_path;
    std::chrono::milliseconds m_busy_timeout{0};
};

// Owns one prepared statement. bind() checks that every placeholder gets a value.
class Statement {
public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
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
    // Runs a statement that returns no rows (see StatementBackend::send: within a write
    // transaction a failure may surface later, by commit at the latest).
    void run();
    // Runs a statement that returns no rows, at once; returns how many rows it changed.
    std::int64_t runCountingChanges();
    // Steps an INSERT ... RETURNING id; returns the new row's id.
    std::int64_t runReturningId();

    std::int64_t integer(int column) const { return m_backend->integer(column); }
    double real(int column) const { return m_backend->real(column); }
    std::string text(int column) const { return m_backend->text(column); }
    bool isNull(int column) const { return m_backend->isNull(column); }

private:
    void reset(int argumentCount);
    void bindOne(int index, std::int64_t value) { m_backend->bindInteger(index, value); }
    void bindOne(int index, int value) { bindOne(index, static_cast<std::int64_t>(value)); }
    // Integers are signed 64-bit in both engines; counts never come near 2^63, addresses are
    // stored bit-cast.
    void bindOne(int index, std::uint64_t value) {
        bindOne(index, static_cast<std::int64_t>(value));
    }
    void bindOne(int index, double value) { m_backend->bindReal(index, value); }
    void bindOne(int index, bool value) { bindOne(index, static_cast<std::int64_t>(value)); }
    void bindOne(int index, std::string_view value) { m_backend->bindText(index, value); }
    void bindOne(int index, const std::string& value) { bindOne(index, std::string_view(value)); }
    void bindOne(int index, const char* value) { bindOne(index, std::string_view(value)); }
    void bindOne(int index, std::nullptr_t) { m_backend->bindNull(index); }

    std::unique_ptr<StatementBackend> m_backend;
    std::string m_sql;
};

// Begins on construction and rolls back on destruction unless commit() was called. A write
// transaction on SQLite begins IMMEDIATE, so writers queue for the lock instead of failing
// mid-way; on PostgreSQL writers of different runs never wait for each other. A read
// transaction gives a batch of reads one consistent snapshot.
class Transaction {
public:
    using Kind = TransactionKind;
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

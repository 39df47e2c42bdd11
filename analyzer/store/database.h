#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace iolab::store {

enum class OpenMode { ReadWrite, ReadOnly };

// Owns one sqlite3 connection.
class Database {
public:
    Database(const std::filesystem::path& path, OpenMode mode);
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

private:
    sqlite3* m_db = nullptr;
    std::filesystem::path m_path;
};

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

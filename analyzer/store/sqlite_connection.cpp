#include "analyzer/store/sqlite_connection.h"

#include <cerrno>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

namespace iolab::store {
namespace {

// Throws the error the connection's last failure deserves: BusyError, "disk full", a read-only
// directory, "not an iolab database" (InputError), else SystemError with SQLite's message.
[[noreturn]] void throwSqliteError(sqlite3* db, const std::filesystem::path& path,
                                   const std::string& what) {
    if (db == nullptr) {
        throw SystemError(path.string() + ": " + what + ": out of memory");
    }
    const int code = sqlite3_extended_errcode(db);
    const int primary = code & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
        throw BusyError(path.string() +
                        ": another iolab held the database locked for too long; try again when "
                        "it has finished");
    }
    if (primary == SQLITE_FULL) {
        files::throwWriteError(path, ENOSPC);
    }
    if (primary == SQLITE_NOTADB) {
        throw InputError(path.string() + ": not an iolab database (not a SQLite file)");
    }
    if (code == SQLITE_CANTOPEN_SYMLINK) {
        throw InputError(path.string() + ": is a symbolic link; iolab opens no database through "
                                         "a link (give the file's own path)");
    }
    if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        throw DuplicateError(path.string() + ": " + what + ": " + sqlite3_errmsg(db));
    }
    if (primary == SQLITE_READONLY) {
        files::throwWriteError(path, EACCES); // names a read-only directory when it is one
    }
    const int error = sqlite3_system_errno(db);
    const bool fromSystem =
        primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR || primary == SQLITE_PERM;
    if (fromSystem && (error == ENOSPC || error == EDQUOT || error == EROFS || error == EACCES ||
                       error == EPERM)) {
        files::throwWriteError(path, error);
    }
    throw SystemError(path.string() + ": " + what + ": " + sqlite3_errmsg(db));
}

class SqliteStatement final : public StatementBackend {
public:
    SqliteStatement(sqlite3* db, const std::filesystem::path& path, std::string_view sql)
        : m_db(db)
        , m_path(path) {
        if (sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                               SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK) {
            throwSqliteError(m_db, m_path, "cannot prepare '" + std::string(sql) + "'");
        }
    }
    ~SqliteStatement() override { sqlite3_finalize(m_stmt); }
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    int parameterCount() const override { return sqlite3_bind_parameter_count(m_stmt); }
    void clear() override {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    void bindInteger(int index, std::int64_t value) override {
        check(sqlite3_bind_int64(m_stmt, index, value), "cannot bind");
    }
    void bindReal(int index, double value) override {
        check(sqlite3_bind_double(m_stmt, index, value), "cannot bind");
    }
    void bindText(int index, std::string_view value) override {
        check(sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT,
                                  SQLITE_UTF8),
              "cannot bind");
    }
    void bindNull(int index) override { check(sqlite3_bind_null(m_stmt, index), "cannot bind"); }
    bool step() override {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW) {
            return true;
        }
        if (rc != SQLITE_DONE) {
            throwSqliteError(m_db, m_path, "cannot step");
        }
        return false;
    }
    std::int64_t changes() const override { return sqlite3_changes64(m_db); }
    std::int64_t integer(int column) const override { return sqlite3_column_int64(m_stmt, column); }
    double real(int column) const override { return sqlite3_column_double(m_stmt, column); }
    std::string text(int column) const override {
        const auto* bytes = sqlite3_column_text(m_stmt, column);
        const int size = sqlite3_column_bytes(m_stmt, column);
        return bytes != nullptr ? std::string(reinterpret_cast<const char*>(bytes), size)
                                : std::string();
    }
    bool isNull(int column) const override {
        return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
    }

private:
    void check(int rc, const char* what) const {
        if (rc != SQLITE_OK) {
            throwSqliteError(m_db, m_path, what);
        }
    }

    sqlite3* m_db;
    std::filesystem::path m_path;
    sqlite3_stmt* m_stmt = nullptr;
};

class SqliteConnection final : public Connection {
public:
    SqliteConnection(const std::filesystem::path& path, OpenMode mode,
                     const DatabaseOptions& options)
        : m_path(path) {
        int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW;
        if (mode == OpenMode::ReadOnly) {
            if (!std::filesystem::exists(path)) {
                throw InputError(path.string() + ": no such database");
            }
            flags |= SQLITE_OPEN_READONLY;
        } else {
            m_location.emplace(path);
            if (!m_location->exists()) {
                // Root keeps its own recordings private, as perf does; a user's are readable.
                const bool privateToRoot = ::geteuid() == 0 && !options.owner;
                m_created = m_location->createExclusive(privateToRoot ? files::kPrivateFileMode
                                                                      : files::kOutputFileMode,
                                                        options.owner);
            }
            // SQLite creates -wal and -shm with the database's owner and mode itself.
            flags |= SQLITE_OPEN_READWRITE;
        }
        if (sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
            try {
                throwSqliteError(m_db, path, "cannot open");
            } catch (...) {
                discardIfCreated();
                throw;
            }
        }
        sqlite3_extended_result_codes(m_db, 1);
        sqlite3_busy_timeout(m_db, static_cast<int>(options.busy_timeout.count()));
    }
    ~SqliteConnection() override { sqlite3_close_v2(m_db); }
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    Engine engine() const override { return Engine::SQLite; }
    void execute(std::string_view sql) override {
        char* error = nullptr;
        const std::string statement(sql);
        if (sqlite3_exec(m_db, statement.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            sqlite3_free(error);
            throwSqliteError(m_db, m_path, "cannot run '" + statement + "'");
        }
    }
    std::unique_ptr<StatementBackend> prepare(std::string_view sql) override {
        return std::make_unique<SqliteStatement>(m_db, m_path, sql);
    }
    void begin(TransactionKind kind) override {
        execute(kind == TransactionKind::Write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
    }
    void commit() override { execute("COMMIT"); }
    void rollback() noexcept override { sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr); }
    void discardIfCreated() override {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        if (m_created && m_location) {
            for (const char* suffix : {"-wal", "-shm"}) {
                ::unlinkat(m_location->directory(), (m_location->name() + suffix).c_str(), 0);
            }
            m_location->removeIfSame(m_created->get());
        }
        m_created.reset();
    }

private:
    sqlite3* m_db = nullptr;
    std::filesystem::path m_path;
    std::optional<files::OutputLocation> m_location;
    std::optional<files::FileDescriptor> m_created;
};

} // namespace

std::unique_ptr<Connection> openSqlite(const std::filesystem::path& path, OpenMode mode,
                                       const DatabaseOptions& options) {
    return std::make_unique<SqliteConnection>(path, mode, options);
}

} // namespace iolab::store

#include "analyzer/store/database.h"

#include <cerrno>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>
#include <utility>

namespace iolab::store {

void throwDatabaseError(sqlite3* db, const std::filesystem::path& path, const std::string& what) {
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
    if (primary == SQLITE_READONLY) {
        files::throwWriteError(path, EACCES); // names a read-only directory when it is one
    }
    const int error = sqlite3_system_errno(db);
    const bool fromSystem = primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR ||
                            primary == SQLITE_PERM;
    if (fromSystem && (error == ENOSPC || error == EDQUOT || error == EROFS || error == EACCES ||
                       error == EPERM)) {
        files::throwWriteError(path, error);
    }
    throw SystemError(path.string() + ": " + what + ": " + sqlite3_errmsg(db));
}

Database::Database(const std::filesystem::path& path, OpenMode mode, const DatabaseOptions& options)
    : m_path(path)
    , m_busy_timeout(options.busy_timeout) {
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
            m_created = m_location->createExclusive(
                privateToRoot ? files::kPrivateFileMode : files::kOutputFileMode, options.owner);
        }
        // SQLite creates -wal and -shm with the database's owner and mode itself.
        flags |= SQLITE_OPEN_READWRITE;
    }
    if (sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
        try {
            throwDatabaseError(m_db, path, "cannot open");
        } catch (...) {
            discardIfCreated();
            throw;
        }
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, static_cast<int>(m_busy_timeout.count()));
}

Database::~Database() {
    sqlite3_close_v2(m_db);
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_path(std::move(other.m_path))
    , m_busy_timeout(other.m_busy_timeout)
    , m_location(std::move(other.m_location))
    , m_created(std::move(other.m_created)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
        m_busy_timeout = other.m_busy_timeout;
        m_location = std::move(other.m_location);
        m_created = std::move(other.m_created);
    }
    return *this;
}

void Database::discardIfCreated() {
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

void Database::execute(std::string_view sql) {
    char* error = nullptr;
    const std::string statement(sql);
    if (sqlite3_exec(m_db, statement.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        sqlite3_free(error);
        throwDatabaseError(m_db, m_path, "cannot run '" + statement + "'");
    }
}

std::int64_t Database::lastInsertId() const {
    return sqlite3_last_insert_rowid(m_db);
}

std::int64_t Database::changes() const {
    return sqlite3_changes64(m_db);
}

Statement::Statement(Database& db, std::string_view sql)
    : m_db(db.handle()) {
    if (sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK) {
        throwDatabaseError(m_db, db.path(), "cannot prepare '" + std::string(sql) + "'");
    }
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db)
    , m_stmt(std::exchange(other.m_stmt, nullptr)) {}

void Statement::reset(int argumentCount) {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    if (sqlite3_bind_parameter_count(m_stmt) != argumentCount) {
        throw std::logic_error("statement '" + std::string(sqlite3_sql(m_stmt)) + "' has " +
                               std::to_string(sqlite3_bind_parameter_count(m_stmt)) +
                               " placeholders, got " + std::to_string(argumentCount) + " values");
    }
}

void Statement::bindOne(int index, std::int64_t value) {
    if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK) {
        fail("cannot bind");
    }
}

void Statement::bindOne(int index, std::uint64_t value) {
    // SQLite integers are signed 64-bit; counts never come near 2^63, addresses are stored
    // bit-cast.
    bindOne(index, static_cast<std::int64_t>(value));
}

void Statement::bindOne(int index, double value) {
    if (sqlite3_bind_double(m_stmt, index, value) != SQLITE_OK) {
        fail("cannot bind");
    }
}

void Statement::bindOne(int index, std::string_view value) {
    if (sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT,
                            SQLITE_UTF8) != SQLITE_OK) {
        fail("cannot bind");
    }
}

void Statement::bindOne(int index, std::nullptr_t) {
    if (sqlite3_bind_null(m_stmt, index) != SQLITE_OK) {
        fail("cannot bind");
    }
}

bool Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    fail("cannot step");
}

void Statement::run() {
    while (step()) {
    }
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const {
    return sqlite3_column_double(m_stmt, column);
}

std::string Statement::text(int column) const {
    const auto* bytes = sqlite3_column_text(m_stmt, column);
    const int size = sqlite3_column_bytes(m_stmt, column);
    return bytes != nullptr ? std::string(reinterpret_cast<const char*>(bytes), size)
                            : std::string();
}

bool Statement::isNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

void Statement::fail(const char* what) const {
    const char* file = sqlite3_db_filename(m_db, "main");
    throwDatabaseError(m_db, file != nullptr ? file : "database", what);
}

Transaction::Transaction(Database& db, Kind kind)
    : m_db(db) {
    m_db.execute(kind == Kind::Write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
    if (m_open) {
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void Transaction::commit() {
    m_db.execute("COMMIT");
    m_open = false;
}

} // namespace iolab::store

#include "analyzer/store/database.h"

#include "analyzer/store/postgres_connection.h"
#include "analyzer/store/sqlite_connection.h"

#include <stdexcept>
#include <utility>

namespace iolab::store {

bool isServerLocation(std::string_view location) {
    return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string displayLocation(std::string_view location) {
    return isServerLocation(location) ? displayUri(location) : std::string(location);
}

Database::Database(const std::filesystem::path& location, OpenMode mode,
                   const DatabaseOptions& options)
    : m_path(displayLocation(location.native()))
    , m_busy_timeout(options.busy_timeout) {
    m_connection = isServerLocation(location.native())
                       ? openPostgres(location.native(), mode, options)
                       : openSqlite(location, mode, options);
}

Database::~Database() = default;
Database::Database(Database&& other) noexcept = default;
Database& Database::operator=(Database&& other) noexcept = default;

void Database::execute(std::string_view sql) {
    m_connection->execute(sql);
}

void Database::discardIfCreated() {
    m_connection->discardIfCreated();
}

Statement::Statement(Database& db, std::string_view sql)
    : m_backend(db.connection().prepare(sql))
    , m_sql(sql) {}

Statement::~Statement() = default;
Statement::Statement(Statement&& other) noexcept = default;

void Statement::reset(int argumentCount) {
    m_backend->clear();
    if (m_backend->parameterCount() != argumentCount) {
        throw std::logic_error("statement '" + m_sql + "' has " +
                               std::to_string(m_backend->parameterCount()) + " placeholders, got " +
                               std::to_string(argumentCount) + " values");
    }
}

bool Statement::step() {
    return m_backend->step();
}

void Statement::run() {
    m_backend->send();
}

std::int64_t Statement::runCountingChanges() {
    while (step()) {
    }
    return m_backend->changes();
}

std::int64_t Statement::runReturningId() {
    if (!step()) {
        throw std::logic_error("statement '" + m_sql + "' returned no id");
    }
    const std::int64_t id = integer(0);
    while (step()) { // completes the statement, so nothing is left pending at commit
    }
    return id;
}

Transaction::Transaction(Database& db, Kind kind)
    : m_db(db) {
    m_db.connection().begin(kind);
}

Transaction::~Transaction() {
    if (m_open) {
        m_db.connection().rollback();
    }
}

void Transaction::commit() {
    m_db.connection().commit();
    m_open = false;
}

} // namespace iolab::store

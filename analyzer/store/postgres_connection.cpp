#include "analyzer/store/postgres_connection.h"

#include <charconv>
#include <cstdlib>
#include <libpq-fe.h>
#include <optional>
#include <unordered_map>
#include <vector>

namespace iolab::store {
namespace {

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

std::string firstLine(const char* message) {
    std::string text = message != nullptr ? message : "";
    const auto end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}

[[noreturn]] void throwResultError(const std::string& location, const std::string& what,
                                   const PGresult* result, PGconn* conn) {
    const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const std::string code = state != nullptr ? state : "";
    const char* primary =
        result != nullptr ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    const std::string message = location + ": " + what + ": " +
                                firstLine(primary != nullptr ? primary : PQerrorMessage(conn));
    // Serialization failures, deadlocks and lock timeouts: another writer held what we needed.
    if (code == "40001" || code == "40P01" || code == "55P03") {
        throw BusyError(location +
                        ": another iolab held the database locked for too long; try "
                        "again when it has finished (" +
                        message + ")");
    }
    if (code == "23505") {
        throw DuplicateError(message);
    }
    throw SystemError(message);
}

class PostgresConnection;

class PostgresStatement final : public StatementBackend {
public:
    PostgresStatement(PostgresConnection& connection, std::string name, int parameters,
                      std::string sql)
        : m_connection(connection)
        , m_name(std::move(name))
        , m_sql(std::move(sql))
        , m_values(static_cast<std::size_t>(parameters)) {}

    int parameterCount() const override { return static_cast<int>(m_values.size()); }
    void clear() override {
        m_result.reset();
        m_row = -1;
        for (auto& value : m_values) {
            value.reset();
        }
    }
    void bindInteger(int index, std::int64_t value) override {
        slot(index) = std::to_string(value);
    }
    void bindReal(int index, double value) override {
        // The shortest text that reads back as the same double.
        char text[32];
        const auto end = std::to_chars(text, text + sizeof text, value).ptr;
        slot(index) = std::string(text, end);
    }
    void bindText(int index, std::string_view value) override { slot(index) = std::string(value); }
    void bindNull(int index) override { slot(index).reset(); }
    bool step() override;
    void send() override;
    std::int64_t changes() const override {
        const char* tuples = m_result ? PQcmdTuples(m_result.get()) : "";
        return tuples[0] != '\0' ? std::strtoll(tuples, nullptr, 10) : 0;
    }
    std::int64_t integer(int column) const override {
        return std::strtoll(value(column), nullptr, 10);
    }
    double real(int column) const override { return std::strtod(value(column), nullptr); }
    std::string text(int column) const override {
        return std::string(value(column),
                           static_cast<std::size_t>(PQgetlength(m_result.get(), m_row, column)));
    }
    bool isNull(int column) const override {
        return PQgetisnull(m_result.get(), m_row, column) != 0;
    }

private:
    std::optional<std::string>& slot(int index) {
        return m_values.at(static_cast<std::size_t>(index - 1));
    }
    const char* value(int column) const { return PQgetvalue(m_result.get(), m_row, column); }

    PostgresConnection& m_connection;
    std::string m_name;
    std::string m_sql;
    std::vector<std::optional<std::string>> m_values;
    ResultPtr m_result{nullptr, &PQclear};
    int m_row = -1;
};

class PostgresConnection final : public Connection {
public:
    PostgresConnection(const std::string& uri, OpenMode mode, const DatabaseOptions& options)
        : m_location(displayUri(uri))
        , m_conn(PQconnectdb(uri.c_str())) {
        if (m_conn == nullptr || PQstatus(m_conn) != CONNECTION_OK) {
            const std::string reason =
                firstLine(m_conn != nullptr ? PQerrorMessage(m_conn) : "out of memory");
            PQfinish(m_conn);
            throw SystemError(m_location + ": cannot connect: " + reason);
        }
        // The server's notices ("relation exists, skipping") are not the user's business.
        PQsetNoticeProcessor(
            m_conn, [](void*, const char*) {}, nullptr);
        execute("SET lock_timeout = " + std::to_string(options.busy_timeout.count()) +
                "; SET application_name = 'iolab'");
        if (mode == OpenMode::ReadOnly) {
            execute("SET default_transaction_read_only = on");
        }
    }
    ~PostgresConnection() override { PQfinish(m_conn); }
    PostgresConnection(const PostgresConnection&) = delete;
    PostgresConnection& operator=(const PostgresConnection&) = delete;

    Engine engine() const override { return Engine::PostgreSQL; }
    void execute(std::string_view sql) override {
        flush();
        const std::string statement(sql);
        ResultPtr result(PQexec(m_conn, statement.c_str()), &PQclear);
        const auto status = PQresultStatus(result.get());
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            throwResultError(m_location, "cannot run '" + statement + "'", result.get(), m_conn);
        }
    }
    std::unique_ptr<StatementBackend> prepare(std::string_view sql) override {
        int parameters = 0;
        std::string translated = postgresPlaceholders(sql, parameters);
        auto known = m_prepared.find(translated);
        if (known == m_prepared.end()) {
            flush();
            // Prepared once per connection: a run's rows reuse the server's plan.
            const std::string name = "iolab_" + std::to_string(m_prepared.size());
            ResultPtr result(PQprepare(m_conn, name.c_str(), translated.c_str(), 0, nullptr),
                             &PQclear);
            if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
                throwResultError(m_location, "cannot prepare '" + translated + "'", result.get(),
                                 m_conn);
            }
            known = m_prepared.emplace(translated, name).first;
        }
        return std::make_unique<PostgresStatement>(*this, known->second, parameters,
                                                   std::move(translated));
    }
    void begin(TransactionKind kind) override {
        execute(kind == TransactionKind::Write
                    ? "BEGIN"
                    : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        m_inTransaction = true;
    }
    void commit() override {
        execute("COMMIT");
        m_inTransaction = false;
    }
    void rollback() noexcept override {
        m_inTransaction = false;
        try {
            flush();
        } catch (...) {
            // The transaction is rolled back anyway; its first failure was already thrown.
        }
        PQclear(PQexec(m_conn, "ROLLBACK"));
    }

    PGresult* run(const std::string& name, const std::vector<std::optional<std::string>>& values,
                  const std::string& sql) {
        flush();
        const auto pointers = parameterPointers(values);
        PGresult* result = PQexecPrepared(m_conn, name.c_str(), static_cast<int>(pointers.size()),
                                          pointers.data(), nullptr, nullptr, 0);
        const auto status = PQresultStatus(result);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            ResultPtr failed(result, &PQclear);
            throwResultError(m_location, "cannot run '" + sql + "'", failed.get(), m_conn);
        }
        return result;
    }

    // Inside a transaction, sends the statement without waiting for its result (libpq's
    // pipeline mode): a run's thousands of rows cost a few round trips, not one each.
    void send(const std::string& name, const std::vector<std::optional<std::string>>& values,
              const std::string& sql) {
        if (!m_inTransaction) {
            PQclear(run(name, values, sql));
            return;
        }
        if (PQpipelineStatus(m_conn) == PQ_PIPELINE_OFF && PQenterPipelineMode(m_conn) != 1) {
            throwResultError(m_location, "cannot pipeline '" + sql + "'", nullptr, m_conn);
        }
        const auto pointers = parameterPointers(values);
        if (PQsendQueryPrepared(m_conn, name.c_str(), static_cast<int>(pointers.size()),
                                pointers.data(), nullptr, nullptr, 0) != 1) {
            throwResultError(m_location, "cannot send '" + sql + "'", nullptr, m_conn);
        }
        m_pending.push_back(sql);
        // Bounded, so the server never blocks on results nobody reads yet.
        if (m_pending.size() >= kMaxPending) {
            flush();
        }
    }

private:
    static constexpr std::size_t kMaxPending = 1000;

    static std::vector<const char*>
    parameterPointers(const std::vector<std::optional<std::string>>& values) {
        std::vector<const char*> pointers;
        pointers.reserve(values.size());
        for (const auto& value : values) {
            pointers.push_back(value ? value->c_str() : nullptr);
        }
        return pointers;
    }

    // Waits for the statements sent ahead and leaves pipeline mode; throws the first failure.
    void flush() {
        if (PQpipelineStatus(m_conn) == PQ_PIPELINE_OFF) {
            return;
        }
        if (PQpipelineSync(m_conn) != 1) {
            m_pending.clear();
            throwResultError(m_location, "cannot sync", nullptr, m_conn);
        }
        ResultPtr failure(nullptr, &PQclear);
        std::string failedSql;
        for (const std::string& sql : m_pending) {
            ResultPtr result(PQgetResult(m_conn), &PQclear);
            if (!failure && PQresultStatus(result.get()) == PGRES_FATAL_ERROR) {
                failure = std::move(result);
                failedSql = sql;
            }
            PQclear(PQgetResult(m_conn)); // the NULL that ends each statement's results
        }
        m_pending.clear();
        PQclear(PQgetResult(m_conn)); // PGRES_PIPELINE_SYNC
        PQexitPipelineMode(m_conn);
        if (failure) {
            throwResultError(m_location, "cannot run '" + failedSql + "'", failure.get(), m_conn);
        }
    }

    std::string m_location;
    PGconn* m_conn;
    std::unordered_map<std::string, std::string> m_prepared; // SQL -> statement name
    bool m_inTransaction = false;
    std::vector<std::string> m_pending; // the SQL of the statements sent ahead, in order
};

void PostgresStatement::send() {
    m_connection.send(m_name, m_values, m_sql);
}

bool PostgresStatement::step() {
    if (!m_result) {
        m_result.reset(m_connection.run(m_name, m_values, m_sql));
    }
    ++m_row;
    return m_row < PQntuples(m_result.get());
}

} // namespace

std::string postgresPlaceholders(std::string_view sql, int& parameters) {
    std::string translated;
    translated.reserve(sql.size() + 16);
    int next = 0;
    parameters = 0;
    char quote = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (quote != 0) {
            quote = c == quote ? 0 : quote; // a doubled quote closes and reopens: same result
            translated += c;
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            translated += c;
            continue;
        }
        if (c != '?') {
            translated += c;
            continue;
        }
        std::size_t end = i + 1;
        while (end < sql.size() && sql[end] >= '0' && sql[end] <= '9') {
            ++end;
        }
        int number = ++next;
        if (end > i + 1) {
            std::from_chars(sql.data() + i + 1, sql.data() + end, number);
        }
        parameters = std::max(parameters, number);
        translated += '$' + std::to_string(number);
        i = end - 1;
    }
    return translated;
}

std::string displayUri(std::string_view uri) {
    const auto scheme = uri.find("://");
    if (scheme == std::string_view::npos) {
        return std::string(uri);
    }
    const auto authorityEnd = uri.find_first_of("/?", scheme + 3);
    const auto at = uri.substr(0, authorityEnd).rfind('@');
    if (at == std::string_view::npos || at < scheme) {
        return std::string(uri);
    }
    const auto colon = uri.substr(0, at).find(':', scheme + 3);
    if (colon == std::string_view::npos) {
        return std::string(uri);
    }
    return std::string(uri.substr(0, colon + 1)) + "***" + std::string(uri.substr(at));
}

std::unique_ptr<Connection> openPostgres(const std::string& uri, OpenMode mode,
                                         const DatabaseOptions& options) {
    return std::make_unique<PostgresConnection>(uri, mode, options);
}

} // namespace iolab::store

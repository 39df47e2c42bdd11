#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

// The seam between the store's SQL and the engine that runs it: one implementation per engine
// (SQLite, PostgreSQL). The store writes its SQL once, with `?` and `?N` placeholders.
namespace iolab::store {

enum class Engine { SQLite, PostgreSQL };

enum class TransactionKind { Write, Read };

// One prepared statement of one connection.
class StatementBackend {
public:
    virtual ~StatementBackend() = default;

    virtual int parameterCount() const = 0;
    // Forgets the last execution's rows and every bound value.
    virtual void clear() = 0;
    virtual void bindInteger(int index, std::int64_t value) = 0;
    virtual void bindReal(int index, double value) = 0;
    virtual void bindText(int index, std::string_view value) = 0;
    virtual void bindNull(int index) = 0;
    // Executes on the first call after clear(); true while a row is available.
    virtual bool step() = 0;
    // Executes a statement whose rows and count nobody reads. An engine may send it with the
    // next ones and report its failure at the next synchronous use of the connection, at the
    // latest at commit, which then fails.
    virtual void send() {
        while (step()) {
        }
    }
    // Rows the last execution inserted, updated or deleted.
    virtual std::int64_t changes() const = 0;

    virtual std::int64_t integer(int column) const = 0;
    virtual double real(int column) const = 0;
    virtual std::string text(int column) const = 0;
    virtual bool isNull(int column) const = 0;
};

class Connection {
public:
    virtual ~Connection() = default;

    virtual Engine engine() const = 0;
    // Runs one or more statements without parameters.
    virtual void execute(std::string_view sql) = 0;
    virtual std::unique_ptr<StatementBackend> prepare(std::string_view sql) = 0;
    virtual void begin(TransactionKind kind) = 0;
    virtual void commit() = 0;
    // Never throws: called from destructors.
    virtual void rollback() noexcept = 0;
    // After a failed first open: removes what the open created (a new SQLite file).
    virtual void discardIfCreated() {}
};

} // namespace iolab::store

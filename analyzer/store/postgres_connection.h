#pragma once

#include "analyzer/store/connection.h"
#include "analyzer/store/database.h"

#include <memory>
#include <string>
#include <string_view>

namespace iolab::store {

// A connection to the PostgreSQL database a libpq URI names. A read-only connection's
// transactions are read-only; a lock waited on longer than the busy timeout is a BusyError.
std::unique_ptr<Connection> openPostgres(const std::string& uri, OpenMode mode,
                                         const DatabaseOptions& options);

// The URI with its password left out, for messages.
std::string displayUri(std::string_view uri);

// The store's SQL with PostgreSQL's placeholders: `?` becomes $1, $2, … in order and `?N`
// becomes $N; quoted text is left alone. `parameters` receives the highest number used.
std::string postgresPlaceholders(std::string_view sql, int& parameters);

} // namespace iolab::store

#pragma once

#include "analyzer/store/connection.h"
#include "analyzer/store/database.h"

#include <memory>

namespace iolab::store {

// A connection to a SQLite file (see Database for how the file is opened).
std::unique_ptr<Connection> openSqlite(const std::filesystem::path& path, OpenMode mode,
                                       const DatabaseOptions& options);

} // namespace iolab::store

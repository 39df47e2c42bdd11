#pragma once

#include <string>
#include <string_view>

namespace iolab::store {

// PostgreSQL's DDL for one of the store's migrations, which are written once, for SQLite:
// INTEGER becomes BIGINT, REAL DOUBLE PRECISION, BLOB BYTEA; an INTEGER PRIMARY KEY an identity
// column; and a table with SQLite's implicit rowid gets an explicit identity column `rowid`, so
// "ORDER BY rowid" (insertion order) reads the same on both engines. WITHOUT ROWID tables
// keep only their declared key.
std::string postgresDdl(std::string_view sqliteDdl);

} // namespace iolab::store

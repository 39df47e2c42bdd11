#pragma once

#include "analyzer/store/database.h"

namespace iolab::store {

// "iolb": marks a SQLite file as an iolab database (PRAGMA application_id).
inline constexpr int kApplicationId = 0x696f6c62;
// PRAGMA user_version of files this program writes.
inline constexpr int kSchemaVersion = 5;

// Checks the file's application id and schema version, refuses foreign and newer files, and
// runs the missing migrations forward in one transaction (read-write mode only); safe when
// several writers open a new file at once.
void openSchema(Database& db, OpenMode mode);

int schemaVersion(Database& db);

} // namespace iolab::store

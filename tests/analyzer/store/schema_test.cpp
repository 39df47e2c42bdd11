#include "analyzer/errors.h"
#include "analyzer/store/schema.h"
#include "analyzer/store/schema_dialect.h"
#include "analyzer/store/store.h"
#include "tests/support/golden.h"
#include "tests/support/store_engines.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <fstream>

using iolab::InputError;
using iolab::store::Database;
using iolab::store::Engine;
using iolab::store::OpenMode;
using iolab::store::Statement;
using iolab::store::Store;

namespace {

std::string dumpSchema(const std::filesystem::path& path) {
    Database db(path, OpenMode::ReadOnly);
    Statement rows(db, "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name");
    rows.bind();
    std::string schema;
    while (rows.step()) {
        schema += rows.text(0) + ";\n";
    }
    return schema;
}

void setPragma(const std::filesystem::path& path, const std::string& assignment) {
    Database db(path, OpenMode::ReadWrite);
    db.execute("PRAGMA " + assignment);
}

// Each table's columns with their types, in the engine's own words, ordered by table and column
// (PostgreSQL's explicit rowid and its own version table left out).
std::vector<std::string> columns(Database& db) {
    Statement rows(db, db.engine() == Engine::SQLite
                           ? "SELECT m.name, p.name, p.type FROM sqlite_master m "
                             "JOIN pragma_table_info(m.name) p WHERE m.type = 'table' "
                             "ORDER BY 1, 2"
                           : "SELECT table_name, column_name, data_type "
                             "FROM information_schema.columns "
                             "WHERE table_schema = current_schema() AND column_name <> 'rowid' "
                             "AND table_name <> 'iolab_schema' ORDER BY 1, 2");
    rows.bind();
    std::vector<std::string> found;
    while (rows.step()) {
        found.push_back(rows.text(0) + "." + rows.text(1) + " " + rows.text(2));
    }
    return found;
}

std::string postgresType(const std::string& sqliteType) {
    if (sqliteType == "INTEGER") {
        return "bigint";
    }
    return sqliteType == "REAL" ? "double precision" : "text";
}

// Creates the schema of an older version from its golden dump (SQLite's DDL; PostgreSQL's is
// derived from it as the migrations' is), marked with that version.
void createFromDump(Database& db, int version) {
    std::ifstream dump(std::filesystem::path(IOLAB_SOURCE_DIR) /
                       ("tests/data/schema-v" + std::to_string(version) + ".sql"));
    const std::string schema{std::istreambuf_iterator<char>(dump), {}};
    // The golden dump lists tables by name and indexes first; PostgreSQL needs a table before
    // the tables that refer to it: each round creates what it can, until all are there.
    std::vector<std::string> pending;
    for (std::size_t begin = 0, end; (end = schema.find(";\n", begin)) != std::string::npos;
         begin = end + 2) {
        pending.push_back(schema.substr(begin, end - begin));
    }
    for (int round = 0; round < 5 && !pending.empty(); ++round) {
        std::vector<std::string> later;
        for (const std::string& statement : pending) {
            try {
                db.execute(db.engine() == Engine::SQLite ? statement
                                                         : iolab::store::postgresDdl(statement));
            } catch (const iolab::SystemError&) {
                later.push_back(statement);
            }
        }
        pending = std::move(later);
    }
    REQUIRE(pending.empty());
    const std::string id = std::to_string(iolab::store::kApplicationId);
    if (db.engine() == Engine::SQLite) {
        db.execute("PRAGMA application_id = " + id);
        db.execute("PRAGMA user_version = " + std::to_string(version));
    } else {
        db.execute("CREATE TABLE iolab_schema (application_id BIGINT NOT NULL, version BIGINT NOT "
                   "NULL); INSERT INTO iolab_schema VALUES (" +
                   id + ", " + std::to_string(version) + ")");
    }
}

} // namespace

TEST_CASE("Schema: both engines' DDL store the same tables and columns", "[store]") {
    iolab::test::TestDatabase file(Engine::SQLite);
    iolab::test::TestDatabase server(Engine::PostgreSQL);
    { Store store(file.location()); }
    { Store store(server.location()); }
    Database sqlite(file.location(), OpenMode::ReadOnly);
    Database postgres(server.location(), OpenMode::ReadOnly);
    std::vector<std::string> expected;
    for (const std::string& column : columns(sqlite)) {
        const auto type = column.rfind(' ');
        expected.push_back(column.substr(0, type + 1) + postgresType(column.substr(type + 1)));
    }
    CHECK(expected.size() > 80);
    CHECK(columns(postgres) == expected);
    CHECK(iolab::store::schemaVersion(postgres) == iolab::store::kSchemaVersion);
}

TEST_CASE("Schema: a fresh file gets the current schema, equal to the golden dump", "[store]") {
    iolab::test::TempDir dir;
    const auto path = dir.file("iolab.db");
    { Store store(path); }
    Database db(path, OpenMode::ReadOnly);
    CHECK(iolab::store::schemaVersion(db) == iolab::store::kSchemaVersion);

    const std::filesystem::path golden =
        std::filesystem::path(IOLAB_SOURCE_DIR) / "tests/data" /
        ("schema-v" + std::to_string(iolab::store::kSchemaVersion) + ".sql");
    const std::string actual = dumpSchema(path);
    CHECK(iolab::test::checkGolden(golden, actual) == "");
}

TEST_CASE("Schema: opening twice keeps data and version", "[store]") {
    iolab::test::TempDir dir;
    const auto path = dir.file("iolab.db");
    { Store(path).writeRun({}); }
    Store again(path);
    CHECK(again.listRuns().size() == 1);
    CHECK(again.check().schema_version == iolab::store::kSchemaVersion);
}

TEST_CASE("Schema: a newer database is refused, naming both versions", "[store]") {
    IOLAB_FOR_EACH_ENGINE(database);
    const auto path = database.location();
    { Store store(path); }
    if (database_engine == Engine::SQLite) {
        setPragma(path, "user_version = 99");
    } else {
        Database(path, OpenMode::ReadWrite).execute("UPDATE iolab_schema SET version = 99");
    }
    const std::string expected = "schema version 99 is newer than this iolab understands (" +
                                 std::to_string(iolab::store::kSchemaVersion) + ")";
    CHECK_THROWS_WITH(Store(path), Catch::Contains(expected));
    CHECK_THROWS_AS(Store(path, OpenMode::ReadOnly), InputError);
}

TEST_CASE("Schema: a foreign SQLite file is refused", "[store]") {
    iolab::test::TempDir dir;
    const auto path = dir.file("other.db");
    {
        Database db(path, OpenMode::ReadWrite);
        db.execute("CREATE TABLE t (x)");
        db.execute("PRAGMA application_id = 1234");
    }
    CHECK_THROWS_WITH(Store(path), Catch::Contains("not an iolab database (application_id 1234)"));
}

TEST_CASE("Schema: a foreign PostgreSQL database is refused and left alone", "[store]") {
    iolab::test::TestDatabase database(Engine::PostgreSQL);
    Database(database.location(), OpenMode::ReadWrite).execute("CREATE TABLE t (x INTEGER)");
    CHECK_THROWS_WITH(Store(database.location()),
                      Catch::Contains("not an iolab database (application_id 0)"));
    Database db(database.location(), OpenMode::ReadOnly);
    Statement tables(db, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()");
    tables.bind();
    REQUIRE(tables.step());
    CHECK(tables.integer(0) == 1);
}

TEST_CASE("Schema: a file that is not SQLite is refused", "[store]") {
    iolab::test::TempDir dir;
    const auto path = dir.file("notes.txt");
    std::ofstream(path) << "this is not a database, just some text that is long enough\n";
    CHECK_THROWS_WITH(Store(path), Catch::Contains("notes.txt: not an iolab database"));
}

TEST_CASE("Schema: a missing file opened read-only is an input error", "[store]") {
    iolab::test::TempDir dir;
    CHECK_THROWS_AS(Store(dir.file("missing.db"), OpenMode::ReadOnly), InputError);
}

TEST_CASE("Schema: a version 1 database migrates forward, its runs kept without provenance",
          "[store]") {
    IOLAB_FOR_EACH_ENGINE(database);
    const auto path = database.location();
    {
        Database db(path, OpenMode::ReadWrite);
        createFromDump(db, 1);
        db.execute("INSERT INTO runs (name, status, start_ns) VALUES ('old', 'imported', 5)");
    }
    Store store(path);
    CHECK(store.check().schema_version == iolab::store::kSchemaVersion);
    const auto runs = store.listRuns();
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].name == "old");
    CHECK(runs[0].provenance == iolab::Provenance{});

    iolab::RunRecord record;
    record.run.provenance = {"abc123", "main", "9"};
    const auto id = store.writeRun(record);
    CHECK(store.loadRun(id).run.provenance == record.run.provenance);
}

TEST_CASE("Schema: a version 2 database migrates forward, each of its runs given its own "
          "identity",
          "[store]") {
    IOLAB_FOR_EACH_ENGINE(database);
    const auto path = database.location();
    {
        Database db(path, OpenMode::ReadWrite);
        createFromDump(db, 2);
        db.execute("INSERT INTO runs (name, status) VALUES ('a', 'imported')");
        db.execute("INSERT INTO runs (name, status) VALUES ('b', 'imported')");
    }
    Store store(path);
    const auto runs = store.listRuns();
    REQUIRE(runs.size() == 2);
    CHECK(runs[0].uuid.size() == 36);
    CHECK(runs[1].uuid.size() == 36);
    CHECK(runs[0].uuid != runs[1].uuid);
    Store again(path); // a second open keeps them
    CHECK(again.listRuns()[0].uuid == runs[0].uuid);
}

// Every released version's dump (tests/data/schema-vN.sql) migrates to the current schema with
// its runs kept, so each migration step runs from the schema it was written against.
TEST_CASE("Schema: every older version migrates forward with its runs", "[store]") {
    const int version = GENERATE(range(1, iolab::store::kSchemaVersion));
    INFO("from version " << version);
    IOLAB_FOR_EACH_ENGINE(database);
    const auto path = database.location();
    {
        Database db(path, OpenMode::ReadWrite);
        createFromDump(db, version);
        db.execute("INSERT INTO runs (name, status) VALUES ('old', 'imported')");
    }
    Store store(path);
    CHECK(store.check().schema_version == iolab::store::kSchemaVersion);
    const auto runs = store.listRuns();
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].name == "old");
}

#include "analyzer/errors.h"
#include "analyzer/store/schema.h"
#include "analyzer/store/store.h"
#include "tests/support/golden.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <fstream>

using iolab::InputError;
using iolab::store::Database;
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

} // namespace

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

TEST_CASE("Schema: a newer file is refused, naming both versions", "[store]") {
    iolab::test::TempDir dir;
    const auto path = dir.file("iolab.db");
    { Store store(path); }
    setPragma(path, "user_version = 99");
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

TEST_CASE("Schema: a version 1 file migrates forward, its runs kept without provenance",
          "[store]") {
    iolab::test::TempDir dir;
    const auto path = dir.file("v1.db");
    {
        Database db(path, OpenMode::ReadWrite);
        // The golden dump lists indexes before tables: create the tables first.
        std::ifstream dump(std::filesystem::path(IOLAB_SOURCE_DIR) / "tests/data/schema-v1.sql");
        const std::string schema{std::istreambuf_iterator<char>(dump), {}};
        std::vector<std::string> indexes;
        for (std::size_t begin = 0, end; (end = schema.find(";\n", begin)) != std::string::npos;
             begin = end + 2) {
            const std::string statement = schema.substr(begin, end - begin);
            if (statement.starts_with("CREATE INDEX")) {
                indexes.push_back(statement);
            } else {
                db.execute(statement);
            }
        }
        for (const std::string& index : indexes) {
            db.execute(index);
        }
        db.execute("INSERT INTO runs (name, status, start_ns) VALUES ('old', 'imported', 5)");
        db.execute("PRAGMA application_id = " + std::to_string(iolab::store::kApplicationId));
        db.execute("PRAGMA user_version = 1");
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

#include "tests/support/root.h"
#include "tests/support/run_command.h"
#include "tests/support/store_engines.h"

#include <catch2/catch.hpp>
#include <future>
#include <nlohmann/json.hpp>
#include <set>

using namespace iolab;
using namespace iolab::test;

namespace {

constexpr int kWriters = 8;

// Eight iolab processes at once: four recordings of a short real workload (dd writing through
// the block layer) and four imports of fio's JSON, each run named by its writer.
std::vector<CommandResult> writeConcurrently(const std::string& db, const TempDir& dir) {
    std::vector<std::future<CommandResult>> writers;
    for (int i = 0; i < kWriters; ++i) {
        const std::string name = "writer-" + std::to_string(i);
        std::vector<std::string> argv;
        if (i % 2 == 0) {
            const std::string target = (dir.path() / (name + ".dat")).string();
            argv = {iolabBinary(),  "record",       "-o",     db,         "--probe",
                    "block",        "--name",       name,     "--",       "dd",
                    "if=/dev/zero", "of=" + target, "bs=64k", "count=64", "oflag=direct"};
        } else {
            argv = {iolabBinary(),
                    "import",
                    "--db",
                    db,
                    "--name",
                    name,
                    std::string(IOLAB_SOURCE_DIR) + "/tests/data/import/fio_jobs.json"};
        }
        writers.push_back(std::async(std::launch::async, runCommand, argv));
    }
    std::vector<CommandResult> results;
    for (auto& writer : writers) {
        results.push_back(writer.get());
    }
    return results;
}

nlohmann::json iolabJson(const std::vector<std::string>& args) {
    const auto result = runIolab(args);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out);
}

} // namespace

TEST_CASE("record: eight concurrent writers into one database lose no run and duplicate none",
          "[root][record][store]") {
    if (!requireRoot()) {
        return;
    }
    IOLAB_FOR_EACH_ENGINE(database);
    const std::string db = database.location().string();
    const auto results = writeConcurrently(db, database.dir());

    std::set<std::string> written;
    for (int i = 0; i < kWriters; ++i) {
        const CommandResult& result = results[static_cast<std::size_t>(i)];
        INFO("writer " << i << ": exit " << result.exit_code << ": " << result.err);
        if (database_engine == store::Engine::PostgreSQL) {
            // A server takes every writer at once.
            CHECK(result.exit_code == 0);
        } else if (result.exit_code != 0) {
            // A file queues its writers; one that waited too long says so on one line.
            CHECK(result.exit_code == 3);
            CHECK(result.err.find("locked for too long") != std::string::npos);
            CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
        }
        if (result.exit_code == 0) {
            written.insert("writer-" + std::to_string(i));
        }
    }
    CHECK(written.size() >= (database_engine == store::Engine::PostgreSQL ? 8u : 1u));

    const auto runs = iolabJson({"list", "--json", "--db", db});
    std::multiset<std::string> names;
    std::set<std::int64_t> ids;
    std::set<std::string> uuids;
    for (const auto& run : runs) {
        names.insert(run.at("name").get<std::string>());
        ids.insert(run.at("id").get<std::int64_t>());
        uuids.insert(run.at("uuid").get<std::string>());
        CHECK(run.at("status") != "recording");
    }
    CHECK(std::set<std::string>(names.begin(), names.end()) == written); // none lost
    CHECK(names.size() == written.size());                               // none twice
    CHECK(ids.size() == written.size());
    CHECK(uuids.size() == written.size());

    const auto check = iolabJson({"db", "check", "--json", "--db", db});
    CHECK(check.at("ok") == true);
    CHECK(check.at("runs") == static_cast<std::int64_t>(written.size()));
    CHECK(check.at("recording_runs") == 0);
    CHECK(check.at("abandoned_runs") == 0);
}

#include "analyzer/errors.h"
#include "analyzer/store/store.h"
#include "tests/support/sample_record.h"
#include "tests/support/store_engines.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <sys/wait.h>
#include <unistd.h>

using iolab::InputError;
using iolab::RunStatus;
using iolab::store::Store;

namespace {

// Begins a recording in a child process that then exits: a recorder that died.
std::int64_t recordingOfDeadRecorder(const std::filesystem::path& db) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        std::int64_t id = 0;
        try {
            Store store(db);
            id = store.beginRecording(iolab::test::sampleRecord("killed").run);
        } catch (...) {
            _exit(1);
        }
        _exit(write(fds[1], &id, sizeof id) == sizeof id ? 0 : 1);
    }
    close(fds[1]);
    std::int64_t id = 0;
    REQUIRE(read(fds[0], &id, sizeof id) == sizeof id);
    close(fds[0]);
    int status = 0;
    waitpid(child, &status, 0);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    return id;
}

} // namespace

TEST_CASE("Store: a recording whose recorder died reads as abandoned and can be repaired",
          "[store]") {
    IOLAB_FOR_EACH_ENGINE(database);
    const auto db = database.location();
    const std::int64_t dead = recordingOfDeadRecorder(db);
    Store store(db);
    const std::int64_t live = store.beginRecording(iolab::test::sampleRecord("live").run);

    CHECK(store.findRun(std::to_string(dead))->status == RunStatus::Abandoned);
    CHECK(store.findRun(std::to_string(live))->status == RunStatus::Recording);
    const auto report = store.check();
    CHECK(report.abandoned_runs == 1);
    CHECK(report.recording_runs == 1);

    CHECK(store.removeAbandonedRuns() == 1);
    CHECK(!store.findRun(std::to_string(dead)));
    CHECK(store.findRun(std::to_string(live)));
}

TEST_CASE("Store: a run being recorded cannot be removed", "[store]") {
    IOLAB_FOR_EACH_ENGINE(database);
    Store store(database.location());
    const std::int64_t live = store.beginRecording(iolab::test::sampleRecord("live").run);
    CHECK_THROWS_WITH(store.removeRun(live),
                      Catch::Contains("is being recorded") && Catch::Contains("stop"));
    iolab::RunRecord finished = iolab::test::sampleRecord("live");
    finished.run.status = RunStatus::Complete;
    store.finishRecording(live, finished);
    CHECK(store.loadRun(live).run.status == RunStatus::Complete);
    CHECK_NOTHROW(store.removeRun(live));
}

TEST_CASE("Store: two writers creating one new file both succeed", "[store]") {
    const auto engine = GENERATE(iolab::store::Engine::SQLite, iolab::store::Engine::PostgreSQL);
    INFO("engine: " << iolab::test::engineName(engine));
    for (int attempt = 0; attempt < 20; ++attempt) {
        iolab::test::TestDatabase database(engine);
        const auto db = database.location();
        const pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            try {
                Store(db).writeRun(iolab::test::sampleRecord("child"));
            } catch (const std::exception& error) {
                std::fprintf(stderr, "child: %s\n", error.what()); // the cause, in the log
                _exit(1);
            }
            _exit(0);
        }
        Store(db).writeRun(iolab::test::sampleRecord("parent"));
        int status = 0;
        waitpid(child, &status, 0);
        REQUIRE(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
        CHECK(Store(db).listRuns().size() == 2);
    }
}

TEST_CASE("Store: on SQLite a writer waits for another's lock, then says clearly that it gave "
          "up",
          "[store]") {
    iolab::test::TestDatabase database(iolab::store::Engine::SQLite);
    const auto db = database.location();
    Store holder(db);
    iolab::store::Database lock(db, iolab::store::OpenMode::ReadWrite);
    iolab::store::Transaction held(lock);
    Store waiter(db, iolab::store::OpenMode::ReadWrite,
                 iolab::store::DatabaseOptions{std::nullopt, std::chrono::milliseconds(300)});
    const auto start = std::chrono::steady_clock::now();
    CHECK_THROWS_AS(waiter.writeRun(iolab::test::sampleRecord()), iolab::store::BusyError);
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(300));
}

TEST_CASE("Store: on PostgreSQL a writer does not wait for another writer's open transaction",
          "[store]") {
    iolab::test::TestDatabase database(iolab::store::Engine::PostgreSQL);
    const auto db = database.location();
    Store holder(db);
    iolab::store::Database other(db, iolab::store::OpenMode::ReadWrite);
    iolab::store::Transaction held(other);
    other.execute("INSERT INTO runs (name, status) VALUES ('in flight', 'imported')");
    Store writer(db, iolab::store::OpenMode::ReadWrite,
                 iolab::store::DatabaseOptions{std::nullopt, std::chrono::milliseconds(300)});
    const std::int64_t id = writer.writeRun(iolab::test::sampleRecord("written"));
    CHECK(writer.loadRun(id).run.name == "written");
    held.commit();
    CHECK(writer.listRuns().size() == 2);
}

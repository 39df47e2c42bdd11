// Fills a database with a long history for bench/history.sh.
//   history_runs FIO_JSON DB RUNS   imports FIO_JSON (a real fio output) once, then writes RUNS
//                                   runs of it in one transaction, each with its own commit and
//                                   start time, every job's IOPS scaled by a level and ±5% noise:
//                                   -8% from run RUNS*3/10, +6% from run RUNS*7/10
#include "analyzer/importers/detect.h"
#include "analyzer/store/store.h"

#include <chrono>
#include <fmt/core.h>
#include <fstream>
#include <random>
#include <string>

namespace {

iolab::RunRecord importFio(const std::string& path) {
    const auto importers = iolab::importers::allImporters();
    std::ifstream file(path);
    iolab::RunRecord record;
    iolab::importers::findImporter(importers, "fio-json")->import({file, path}, record);
    return record;
}

double level(std::size_t run, std::size_t runs) {
    if (run >= runs * 7 / 10) {
        return 0.92 * 1.06;
    }
    return run >= runs * 3 / 10 ? 0.92 : 1.0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        fmt::print(stderr, "usage: history_runs FIO_JSON DB RUNS\n");
        return 2;
    }
    const iolab::RunRecord fio = importFio(argv[1]);
    const std::size_t runs = std::stoul(argv[3]);
    std::mt19937_64 generator(1);
    std::uniform_real_distribution<double> noise(-0.05, 0.05);
    std::vector<iolab::RunRecord> records;
    records.reserve(runs);
    for (std::size_t i = 0; i < runs; ++i) {
        iolab::RunRecord& record = records.emplace_back(fio);
        record.run.name = "bench";
        record.run.status = iolab::RunStatus::Imported;
        record.run.source = "import:fio-json";
        record.run.start_ns =
            1'700'000'000'000'000'000 + static_cast<std::int64_t>(i) * 60'000'000'000;
        record.run.provenance = {fmt::format("{:07x}", i * 2654435761u % 0xfffffff), "main",
                                 std::to_string(i)};
        for (iolab::FioJob& job : record.fio_jobs) {
            job.iops *= level(i, runs) * (1 + noise(generator));
        }
    }
    const auto start = std::chrono::steady_clock::now();
    iolab::store::Store(argv[2]).writeRuns(records);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    fmt::print("wrote {} runs in one transaction in {:.2f} s\n", runs, took.count());
    return 0;
}

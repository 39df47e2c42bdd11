// Clock reads against programs that make an exactly known number of them (clock_patterns),
// recorded through `iolab record` at the defaults and with --duty 100.
#include "analyzer/analysis/window_estimate.h"
#include "tests/collector/recorder/record_fixture.h"
#include "tests/support/root.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>

namespace {

struct Truth {
    double libc = 0;
    double syscalls = 0;
};

std::string patternsProgram() {
    return std::string(IOLAB_PROBE_PROGRAMS) + "/iolab_probe_clock_patterns";
}

// Records clock_patterns `pattern` (with `recordOptions` before `--`); returns the counts the
// program printed and the run.
std::pair<Truth, iolab::RunRecord> recordPattern(const std::vector<std::string>& pattern,
                                                 const std::vector<std::string>& recordOptions) {
    iolab::test::TempDir dir;
    const auto db = dir.file("runs.db");
    std::vector<std::string> argv{iolab::test::iolabBinary(), "record", "-o", db.string()};
    argv.insert(argv.end(), recordOptions.begin(), recordOptions.end());
    argv.push_back("--");
    argv.push_back(patternsProgram());
    argv.insert(argv.end(), pattern.begin(), pattern.end());
    const auto recorded = iolab::test::runCommand(argv);
    INFO(recorded.err);
    REQUIRE(recorded.exit_code == 0);
    Truth truth;
    const auto line = recorded.out.find("libc ");
    REQUIRE(line != std::string::npos);
    long libc = 0;
    long syscalls = 0;
    REQUIRE(std::sscanf(recorded.out.c_str() + line, "libc %ld syscall %ld", &libc, &syscalls) ==
            2);
    truth.libc = static_cast<double>(libc);
    truth.syscalls = static_cast<double>(syscalls);
    return {truth, iolab::test::onlyRun(db)};
}

// The figure is within `tolerance` (a fraction) of the truth and, when estimated, states an
// interval that holds the truth.
void checkFigure(const iolab::RunRecord& record, const std::string& name, double truth,
                 double tolerance) {
    const auto figure = iolab::analysis::findEstimate(record, name);
    REQUIRE(figure);
    INFO(name << ": true " << truth << ", iolab " << figure->value << " ± "
              << figure->ci95.value_or(-1) << " (" << figure->method << ")");
    CHECK(std::abs(figure->value - truth) <= tolerance * truth);
    if (!figure->exact()) {
        REQUIRE(figure->ci95);
        CHECK(std::abs(figure->value - truth) <= *figure->ci95);
    }
}

void checkPattern(const std::vector<std::string>& pattern) {
    {
        const auto [truth, record] = recordPattern(pattern, {});
        checkFigure(record, "clock.syscall_reads", truth.syscalls, 0.02);
        checkFigure(record, "clock.libc_reads", truth.libc, 0.02);
    }
    const auto [truth, record] = recordPattern(pattern, {"--duty", "100"});
    checkFigure(record, "clock.syscall_reads", truth.syscalls, 0.001);
    checkFigure(record, "clock.libc_reads", truth.libc, 0.001);
}

} // namespace

TEST_CASE("clock ground truth: phased, libc then system calls (123,457 each)",
          "[root][record][clock]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    checkPattern({"phased", "123457"});
}

TEST_CASE("clock ground truth: short (5,000 each, under 0.5 s)", "[root][record][clock]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    checkPattern({"phased", "5000"});
}

TEST_CASE("clock ground truth: steady (3 s at 20,000 a second)", "[root][record][clock]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    checkPattern({"steady", "3", "20000"});
}

TEST_CASE("clock ground truth: bursty (8 bursts of 10,000, 150 ms apart)",
          "[root][record][clock]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    checkPattern({"bursty", "8", "10000", "150"});
}

TEST_CASE("clock ground truth: multi-threaded (4 threads, 25,000 each)", "[root][record][clock]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    checkPattern({"threads", "4", "25000"});
}

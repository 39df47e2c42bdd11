#include "tests/collector/recorder/btt_oracle.h"

#include "tests/support/run_command.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

namespace iolab::test {
namespace {

// btt_oracle.sh's output: "NAME N MEAN_NS" per phase, then "merges N" and "requests N".
BttFigures parseBtt(const std::string& text) {
    BttFigures btt;
    std::istringstream lines(text);
    std::string name;
    double count = 0;
    while (lines >> name >> count) {
        if (name == "merges") {
            btt.merges = count;
        } else if (name == "requests") {
            btt.requests = count;
        } else {
            double mean = 0;
            lines >> mean;
            btt.phases[name] = {count, mean};
        }
    }
    REQUIRE(btt.requests > 0);
    return btt;
}

const std::string kBttOracle = std::string(IOLAB_SOURCE_DIR) + "/tests/support/btt_oracle.sh";

const std::string kBlktraceIos = std::string(IOLAB_SOURCE_DIR) + "/tests/support/blktrace_ios.py";

const std::string& windowSpans(const RunRecord& record) {
    const auto spans = record.run.metadata.find("record.window_spans_ns");
    REQUIRE(spans != record.run.metadata.end());
    return spans->second;
}

} // namespace

QueueSettings::~QueueSettings() {
    for (auto it = m_saved.rbegin(); it != m_saved.rend(); ++it) {
        std::ofstream(path(it->first)) << it->second;
    }
}

void QueueSettings::set(const std::string& name, const std::string& value) {
    std::string old;
    std::getline(std::ifstream(path(name)), old);
    if (name == "scheduler") { // "none [mq-deadline] kyber": the one in brackets
        old = old.substr(old.find('[') + 1);
        old = old.substr(0, old.find(']'));
    }
    m_saved.emplace_back(name, old);
    std::ofstream out(path(name));
    out << value;
    out.flush();
    REQUIRE(out.good());
}

std::string QueueSettings::path(const std::string& name) const {
    return "/sys/block/" + m_device + "/queue/" + name;
}

TagStarvedDevice::TagStarvedDevice() {
    queue.set("scheduler", "mq-deadline");
    queue.set("nr_requests", "4");
}

std::pair<RunRecord, BttFigures> recordUnderBtt(const TempDir& dir, const std::string& device,
                                                const std::filesystem::path& job,
                                                const std::vector<std::string>& extra) {
    const auto db = dir.file("runs.db");
    std::vector<std::string> command{kBttOracle, device,        dir.file("btt").string(),
                                     "--",       iolabBinary(), "record",
                                     "--probe",  "block",       "-o",
                                     db.string()};
    command.insert(command.end(), extra.begin(), extra.end());
    command.insert(command.end(), {"--", "fio", job.string()});
    const auto result = runCommand(command);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return {onlyRun(db), parseBtt(result.out)};
}

BttFigures bttInWindows(const TempDir& dir, const RunRecord& record) {
    const auto result =
        runCommand({kBttOracle, "--windows", dir.file("btt").string(), windowSpans(record)});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return parseBtt(result.out);
}

std::vector<TracedIo> tracedIos(const TempDir& dir, const RunRecord* windowsOf) {
    std::vector<std::string> command{"python3", kBlktraceIos, dir.file("btt/ftrace.bin").string()};
    if (windowsOf != nullptr) {
        command.push_back(windowSpans(*windowsOf));
    }
    const auto result = runCommand(command);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    std::vector<TracedIo> ios;
    std::istringstream lines(result.out);
    std::uint64_t completed = 0;
    TracedIo io;
    while (lines >> io.queued_ns >> completed >> io.sector >> io.bytes >> io.operation) {
        io.q2c_ns = completed - io.queued_ns;
        ios.push_back(io);
    }
    return ios;
}

} // namespace iolab::test

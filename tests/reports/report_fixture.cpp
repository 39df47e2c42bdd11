#include "tests/reports/report_fixture.h"

#include "tests/analyzer/analysis/comparison_records.h"

#include <regex>

namespace iolab::test {
namespace {

void writeSeries(store::Store& store, const std::string& series, const std::string& tag,
                 const std::vector<double>& iops, const FioFigures& figures) {
    for (RunRecord& record : fioSeries(series, iops, figures)) {
        record.run.tags = {tag};
        store.writeRun(record);
    }
}

} // namespace

void writeReportFixtures(store::Store& store) {
    writeSeries(store, "base", "baseline", {100'000, 101'000, 99'000, 100'500, 99'500}, {});
    FioFigures slow;
    slow.allocs_per_io = 3;
    slow.lock_samples = 40;
    auto candidate = fioSeries("slow", {70'000, 70'500, 69'500, 70'200, 69'800}, slow);
    candidate[3].run.metadata["kernel"] = "6.18.1";
    for (RunRecord& record : candidate) {
        record.run.tags = {"candidate"};
        store.writeRun(record);
    }
    writeSeries(store, "same", "same", {99'800, 100'700, 99'300, 100'100, 100'200}, {});
}

std::string normaliseReport(std::string text) {
    static const std::regex time(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ?)");
    static const std::regex host(R"(hostname="[^"]*")");
    static const std::regex version(R"(iolab \d+\.\d+\.\d+)");
    text = std::regex_replace(text, time, "<TIME>");
    text = std::regex_replace(text, host, "hostname=\"<HOST>\"");
    return std::regex_replace(text, version, "iolab <VERSION>");
}

} // namespace iolab::test

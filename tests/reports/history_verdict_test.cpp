#include "reports/history_verdict.h"
#include "reports/terminal/history_view.h"

#include <catch2/catch.hpp>

using iolab::ChangePoint;
using iolab::ComparisonOptions;
using iolab::MetricHistory;
using iolab::reports::judgeHistory;

namespace {

// IOPS of runs 1..`runs` (commits c1..), with one change point at `index`.
MetricHistory iopsHistory(std::size_t runs, std::size_t index, double before, double after) {
    MetricHistory history{"randread/read", "iops", "IOPS", true, {}, {}};
    for (std::size_t i = 0; i < runs; ++i) {
        iolab::Run run;
        run.id = static_cast<std::int64_t>(i + 1);
        run.provenance.commit = "c" + std::to_string(i + 1);
        history.points.push_back({run, i < index ? before : after});
    }
    history.change_points.push_back({index, 0.005, before, after});
    return history;
}

} // namespace

TEST_CASE("History verdict: a worse newest segment beyond the threshold fails, naming the commit",
          "[reports]") {
    const auto verdict = judgeHistory({iopsHistory(40, 36, 100'000, 90'000)}, ComparisonOptions{});
    CHECK(verdict.regression);
    CHECK(verdict.exit_code == 1);
    CHECK(verdict.headline == "REGRESSION: randread/read iops -10.0% from commit c37 (run 37, "
                              "100.0k -> 90.0k, p = 0.005; the newest 4 runs)");
}

TEST_CASE("History verdict: better, smaller than the threshold, or not gated passes", "[reports]") {
    CHECK(judgeHistory({iopsHistory(40, 36, 90'000, 100'000)}, {}).exit_code == 0);
    CHECK(judgeHistory({iopsHistory(40, 36, 100'000, 96'000)}, {}).exit_code == 0);
    ComparisonOptions off;
    off.metric_thresholds["iops"] = std::nullopt;
    const auto verdict = judgeHistory({iopsHistory(40, 36, 100'000, 50'000)}, off);
    CHECK(verdict.exit_code == 0);
    CHECK(verdict.headline == "no regression: the newest segment of 0 histories is not worse "
                              "beyond its threshold (default 5%)");
}

TEST_CASE("History verdict: latency up is worse, a past regression followed by a recovery passes",
          "[reports]") {
    MetricHistory p99{"randread/read", "clat.p99", "ns", false, {}, {}};
    for (int i = 0; i < 20; ++i) {
        p99.points.push_back({iolab::Run{}, i < 10 ? 100.0 : 130.0});
    }
    p99.change_points.push_back({10, 0.005, 100, 130});
    CHECK(judgeHistory({p99}, {}).exit_code == 1);
    p99.change_points.push_back({15, 0.005, 130, 100});
    CHECK(judgeHistory({p99}, {}).exit_code == 0);
}

TEST_CASE("History view: the sparkline scales chunks from lowest to highest", "[reports]") {
    CHECK(iolab::terminal::sparkline({1, 2, 3, 4, 5, 6, 7, 8}, 8) == "▁▂▃▄▅▆▇█");
    CHECK(iolab::terminal::sparkline({1, 1, 9, 9}, 2) == "▁█");
    CHECK(iolab::terminal::sparkline({5, 5, 5}, 10) == "▅▅▅");
    CHECK(iolab::terminal::sparkline({}, 10).empty());
}

#include "analyzer/analysis/sweep_table.h"
#include "reports/format.h"
#include "reports/report.h"
#include "tests/analyzer/analysis/sweep_records.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <regex>

using namespace iolab;

namespace {

struct DrawnCell {
    std::string css;
    double mean = 0;
    double half_width = 0;
    std::size_t runs = 0;
};

// The cells of the first chart after `title`: rect class and data attributes.
std::map<std::size_t, DrawnCell> drawnCells(const std::string& html, const std::string& title) {
    const auto start = html.find("<h2>" + title + "</h2>");
    REQUIRE(start != std::string::npos);
    const auto end = html.find("</svg>", start);
    const std::string svg = html.substr(start, end - start);
    static const std::regex rect(
        R"re(<rect class="([^"]+)" data-cell="(\d+)" data-mean="([^"]+)" )re"
        R"re(data-half-width="([^"]+)" data-runs="(\d+)")re");
    std::map<std::size_t, DrawnCell> cells;
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), rect); it != std::sregex_iterator();
         ++it) {
        cells[std::stoul((*it)[2])] = {(*it)[1], std::stod((*it)[3]), std::stod((*it)[4]),
                                       std::stoul((*it)[5])};
    }
    return cells;
}

// The table rows after `title`: cell index -> the texts of its cells.
std::map<std::size_t, std::vector<std::string>> tableRows(const std::string& html,
                                                          const std::string& title) {
    const auto start = html.find("<h2>" + title + "</h2>");
    const auto end = html.find("</table>", start);
    const std::string table = html.substr(start, end - start);
    static const std::regex row(R"re(<tr class="[^"]*" data-cell="(\d+)">(.*?)</tr>)re");
    static const std::regex cell(R"(<td>(.*?)</td>)");
    std::map<std::size_t, std::vector<std::string>> rows;
    for (auto it = std::sregex_iterator(table.begin(), table.end(), row);
         it != std::sregex_iterator(); ++it) {
        const std::string cells = (*it)[2];
        auto& texts = rows[std::stoul((*it)[1])];
        for (auto c = std::sregex_iterator(cells.begin(), cells.end(), cell);
             c != std::sregex_iterator(); ++c) {
            texts.push_back((*c)[1]);
        }
    }
    return rows;
}

} // namespace

TEST_CASE("sweep HTML: a heat map and a table per metric carry the analysis' figures",
          "[reports][sweep]") {
    const SweepAnalysis sweep = analyzeSweep("s", test::clockSchedulerSweep());
    const std::string html = reports::renderSweepHtml(sweep, reports::currentContext());
    for (const SweepMetric& metric : sweep.metrics) {
        const std::string title = reports::escapeMarkup(
            metric.subject + " " + reports::metricLabel(metric.metric) + " (" +
            (metric.higher_is_better ? "higher" : "lower") + " is better)");
        INFO(title);
        const auto drawn = drawnCells(html, title);
        const auto rows = tableRows(html, title);
        REQUIRE(drawn.size() == 4);
        REQUIRE(rows.size() == 4);
        for (const auto& [c, cell] : drawn) {
            const CellFigure& figure = *metric.cells[c];
            CHECK(cell.mean == Approx(figure.moments.mean).epsilon(1e-15));
            CHECK(cell.half_width == Approx(figure.half_width).epsilon(1e-15));
            CHECK(cell.runs == 3);
            CHECK(cell.css == (c == 0               ? "cell baseline"
                               : figure.significant ? "cell significant"
                                                    : "cell"));
            const std::vector<std::string>& row = rows.at(c);
            REQUIRE(row.size() == 7); // clocksource, scheduler, runs, mean, change, p, verdict
            CHECK(row[0] == sweep.cells[c].settings[0].second);
            CHECK(row[1] == sweep.cells[c].settings[1].second);
            CHECK(row[3] == reports::escapeMarkup(
                                reports::formatValue(metric.unit, figure.moments.mean) + " ± " +
                                reports::formatValue(metric.unit, figure.half_width)));
        }
    }
    // The IOPS map: kvm-clock / mq-deadline significantly higher, the best; the rest not.
    const std::string iops = "randread/read IOPS (higher is better)";
    const auto drawn = drawnCells(html, iops);
    CHECK(drawn.at(3).css == "cell significant");
    CHECK(drawn.at(1).css == "cell");
    CHECK(tableRows(html, iops).at(3)[6] == "higher (better), best");
    CHECK(html.find("clocksource →") != std::string::npos);
    CHECK(html.find("dev.loop0.scheduler ↓") != std::string::npos);
    CHECK(html.find("drift") != std::string::npos);
}

TEST_CASE("sweep HTML: one knob draws bars with whiskers, Chromium parses every cell",
          "[reports][sweep][browser]") {
    std::vector<RunRecord> runs;
    for (int order = 0; order < 6; ++order) {
        runs.push_back(
            test::sweepRun({{"fio.iodepth", order % 2 ? "16" : "1"}}, 100e3 + 1e3 * order, order));
    }
    const SweepAnalysis sweep = analyzeSweep("s", runs);
    const std::string html = reports::renderSweepHtml(sweep, reports::currentContext());
    const auto drawn = drawnCells(html, "randread/read IOPS (higher is better)");
    CHECK(drawn.size() == 2);
    CHECK(html.find("<line class=\"whisker\"") != std::string::npos);
    CHECK(html.find("clocksource →") == std::string::npos); // no heat map

    test::TempDir dir;
    const auto page = dir.file("sweep.html");
    std::ofstream(page) << html;
    const auto dumped = test::runCommand({"chromium", "--headless", "--no-sandbox", "--disable-gpu",
                                          "--user-data-dir=" + dir.file("profile").string(),
                                          "--dump-dom", "file://" + page.string()});
    INFO(dumped.err);
    REQUIRE(dumped.exit_code == 0);
    std::size_t rects = 0;
    for (auto at = dumped.out.find("<rect class=\"cell"); at != std::string::npos;
         at = dumped.out.find("<rect class=\"cell", at + 1)) {
        ++rects;
    }
    CHECK(rects == drawn.size() * sweep.metrics.size());
}

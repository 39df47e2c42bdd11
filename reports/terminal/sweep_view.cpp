#include "reports/terminal/sweep_view.h"

#include "analyzer/analysis/sweep_grid.h"
#include "reports/format.h"
#include "reports/sweep_text.h"
#include "reports/terminal/text_format.h"

namespace iolab::terminal {
namespace {

using Row = std::vector<std::string>;

std::vector<Row> metricRows(const SweepAnalysis& sweep, const SweepMetric& metric,
                            const std::vector<std::size_t>& varying) {
    std::vector<Row> rows{reports::sweepTableHeader(sweep, varying)};
    for (std::size_t c = 0; c < sweep.cells.size(); ++c) {
        if (metric.cells[c]) {
            rows.push_back(reports::sweepTableRow(sweep, metric, c, varying));
        }
    }
    return rows;
}

std::string markdownTable(const std::vector<Row>& rows, std::size_t textColumns) {
    std::string out;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::string line = "|";
        for (const std::string& cell : rows[r]) {
            line += " " + reports::escapeMarkup(cell) + " |";
        }
        out += line + "\n";
        if (r == 0) {
            out += "|";
            for (std::size_t i = 0; i < rows[r].size(); ++i) {
                out += i < textColumns || i + 1 == rows[r].size() ? "---|" : "---:|";
            }
            out += "\n";
        }
    }
    return out;
}

nlohmann::ordered_json optional(const std::optional<double>& value) {
    return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

} // namespace

std::string renderSweep(const SweepAnalysis& sweep, SweepFormat format) {
    const bool markdown = format == SweepFormat::Markdown;
    std::string out = (markdown ? "# " : "") + reports::sweepHeadline(sweep) + "\n";
    const std::vector<std::size_t> varying = varyingKnobs(sweep);
    if (const std::string fixed = reports::fixedSettings(sweep, varying); !fixed.empty()) {
        out += (markdown ? "\n" : "") + std::string("set in every cell: ") + fixed + "\n";
    }
    const std::size_t textColumns = varying.size();
    for (const SweepMetric& metric : sweep.metrics) {
        const auto rows = metricRows(sweep, metric, varying);
        out += "\n" + std::string(markdown ? "## " : "") + reports::sweepMetricTitle(metric) + "\n";
        out += markdown ? "\n" + markdownTable(rows, textColumns)
                        : alignColumns(rows, [&](std::size_t i, std::size_t n) {
                              return i < textColumns || i + 1 == n;
                          });
    }
    if (!sweep.drift.empty()) {
        out += std::string("\n") + (markdown ? "## " : "") + "Baseline cell over the sweep\n" +
               (markdown ? "\n" : "");
        for (const BaselineDrift& drift : sweep.drift) {
            out += (markdown ? "- " : "  ") + reports::driftLine(drift) + "\n";
        }
    }
    if (!sweep.warnings.empty()) {
        out += std::string("\n") + (markdown ? "## " : "") + "Warnings\n" + (markdown ? "\n" : "");
        for (const std::string& warning : sweep.warnings) {
            out += (markdown ? "- " : "  ") + warning + "\n";
        }
    }
    return out;
}

nlohmann::ordered_json sweepJson(const SweepAnalysis& sweep) {
    nlohmann::ordered_json json;
    json["sweep"] = sweep.name;
    json["alpha"] = sweep.alpha;
    json["confidence"] = sweep.confidence;
    json["knobs"] = sweep.knobs;
    json["cells"] = nlohmann::ordered_json::array();
    for (const SweepCell& cell : sweep.cells) {
        nlohmann::ordered_json settings = nlohmann::ordered_json::object();
        for (const auto& [knob, value] : cell.settings) {
            settings[knob] = value;
        }
        json["cells"].push_back(
            {{"series", cell.series}, {"settings", settings}, {"run_ids", cell.run_ids}});
    }
    json["metrics"] = nlohmann::ordered_json::array();
    for (const SweepMetric& metric : sweep.metrics) {
        nlohmann::ordered_json cells = nlohmann::ordered_json::array();
        for (const auto& figure : metric.cells) {
            if (!figure) {
                cells.push_back(nullptr);
                continue;
            }
            cells.push_back({{"runs", figure->moments.n},
                             {"mean", figure->moments.mean},
                             {"stddev", figure->moments.stddev},
                             {"half_width", figure->half_width},
                             {"change_percent", optional(figure->change_percent)},
                             {"p", figure->test ? nlohmann::ordered_json(figure->test->p_value)
                                                : nlohmann::ordered_json(nullptr)},
                             {"p_adjusted", optional(figure->p_adjusted)},
                             {"significant", figure->significant}});
        }
        json["metrics"].push_back({{"kind", toString(metric.kind)},
                                   {"subject", metric.subject},
                                   {"metric", metric.metric},
                                   {"unit", metric.unit},
                                   {"higher_is_better", metric.higher_is_better},
                                   {"best_cell", metric.best ? nlohmann::ordered_json(*metric.best)
                                                             : nlohmann::ordered_json(nullptr)},
                                   {"cells", cells}});
    }
    json["baseline_drift"] = nlohmann::ordered_json::array();
    for (const BaselineDrift& drift : sweep.drift) {
        json["baseline_drift"].push_back(
            {{"subject", drift.subject},
             {"metric", drift.metric},
             {"values", drift.values},
             {"change_percent", drift.change_percent},
             {"trend_percent_per_run", drift.trend ? nlohmann::ordered_json(drift.trend_percent)
                                                   : nlohmann::ordered_json(nullptr)},
             {"trend_half_width_percent",
              drift.trend ? nlohmann::ordered_json(drift.trend_half_width_percent)
                          : nlohmann::ordered_json(nullptr)},
             {"trend_p", drift.trend ? nlohmann::ordered_json(drift.trend->p_value)
                                     : nlohmann::ordered_json(nullptr)},
             {"significant", drift.significant}});
    }
    json["warnings"] = sweep.warnings;
    return json;
}

} // namespace iolab::terminal

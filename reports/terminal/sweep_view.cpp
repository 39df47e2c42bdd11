#include "reports/terminal/sweep_view.h"

#include "reports/format.h"
#include "reports/terminal/text_format.h"

#include <algorithm>
#include <fmt/core.h>

namespace iolab::terminal {
namespace {

using Row = std::vector<std::string>;

// What a cell's row says against the baseline cell.
std::string verdict(const SweepMetric& metric, std::size_t c, bool singleRuns) {
    const auto& cell = metric.cells[c];
    std::string text;
    if (c == 0) {
        text = "baseline";
    } else if (!metric.cells.front()) {
        text = "no baseline figure";
    } else if (!cell->p_adjusted) {
        text = singleRuns ? "not judged (single runs)" : "not judged";
    } else if (cell->significant) {
        const bool higher = cell->moments.mean > metric.cells.front()->moments.mean;
        const bool better = higher == metric.higher_is_better;
        text = fmt::format("{} ({})", higher ? "higher" : "lower", better ? "better" : "worse");
    } else {
        text = "no significant difference";
    }
    return metric.best == c ? text + ", best" : text;
}

std::string meanInterval(const SweepMetric& metric, const CellFigure& figure) {
    std::string text = reports::formatValue(metric.unit, figure.moments.mean);
    if (figure.moments.n >= 2) {
        text += " ± " + reports::formatValue(metric.unit, figure.half_width);
    }
    return text;
}

// The knobs whose value differs between cells: the table's setting columns. A knob with one
// value is the same everywhere and named once above the tables.
std::vector<std::size_t> varyingKnobs(const SweepAnalysis& sweep) {
    std::vector<std::size_t> varying;
    for (std::size_t k = 0; k < sweep.knobs.size(); ++k) {
        for (const SweepCell& cell : sweep.cells) {
            if (k < cell.settings.size() &&
                cell.settings[k].second != sweep.cells.front().settings[k].second) {
                varying.push_back(k);
                break;
            }
        }
    }
    return varying;
}

std::vector<Row> metricRows(const SweepAnalysis& sweep, const SweepMetric& metric,
                            const std::vector<std::size_t>& knobs) {
    std::vector<Row> rows;
    Row header;
    for (const std::size_t k : knobs) {
        header.push_back(sweep.knobs[k]);
    }
    header.insert(header.end(), {"runs", "mean ± 95%", "change", "p (Holm)", ""});
    rows.push_back(header);
    for (std::size_t c = 0; c < sweep.cells.size(); ++c) {
        const auto& figure = metric.cells[c];
        if (!figure) {
            continue;
        }
        Row row;
        for (const std::size_t k : knobs) {
            row.push_back(k < sweep.cells[c].settings.size() ? sweep.cells[c].settings[k].second
                                                             : "");
        }
        row.push_back(std::to_string(figure->moments.n));
        row.push_back(meanInterval(metric, *figure));
        row.push_back(c == 0 ? "" : reports::formatPercent(figure->change_percent));
        row.push_back(c == 0 ? "" : reports::formatP(figure->p_adjusted));
        row.push_back(verdict(metric, c, figure->moments.n < 2));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string fixedSettings(const SweepAnalysis& sweep, const std::vector<std::size_t>& varying) {
    std::string text;
    for (std::size_t k = 0; k < sweep.cells.front().settings.size(); ++k) {
        if (std::ranges::find(varying, k) == varying.end()) {
            const auto& [knob, value] = sweep.cells.front().settings[k];
            text += (text.empty() ? "" : " ") + knob + "=" + value;
        }
    }
    return text;
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

std::string title(const SweepMetric& metric) {
    return fmt::format("{} {} ({} is better)", metric.subject, reports::metricLabel(metric.metric),
                       metric.higher_is_better ? "higher" : "lower");
}

std::string driftLine(const BaselineDrift& drift) {
    return fmt::format("{} {}: {} first, {} last ({} over {} runs)", drift.subject,
                       reports::metricLabel(drift.metric),
                       reports::formatValue("IOPS", drift.values.front()),
                       reports::formatValue("IOPS", drift.values.back()),
                       reports::formatPercent(drift.change_percent), drift.values.size());
}

std::size_t runCount(const SweepAnalysis& sweep) {
    std::size_t runs = 0;
    for (const SweepCell& cell : sweep.cells) {
        runs += cell.run_ids.size();
    }
    return runs;
}

nlohmann::ordered_json optional(const std::optional<double>& value) {
    return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

} // namespace

std::string renderSweep(const SweepAnalysis& sweep, SweepFormat format) {
    const bool markdown = format == SweepFormat::Markdown;
    std::string out = fmt::format(
        "{}sweep {}: {} runs in {} cells; mean ± {:.0f}% interval; each cell against the baseline "
        "(the first) by Welch's t-test, Holm-adjusted across cells, alpha {}\n",
        markdown ? "# " : "", sweep.name, runCount(sweep), sweep.cells.size(),
        100 * sweep.confidence, sweep.alpha);
    const std::vector<std::size_t> varying = varyingKnobs(sweep);
    if (const std::string fixed = fixedSettings(sweep, varying); !fixed.empty()) {
        out += (markdown ? "\n" : "") + std::string("set in every cell: ") + fixed + "\n";
    }
    const std::size_t textColumns = varying.size();
    for (const SweepMetric& metric : sweep.metrics) {
        const auto rows = metricRows(sweep, metric, varying);
        out += "\n" + std::string(markdown ? "## " : "") + title(metric) + "\n";
        out += markdown ? "\n" + markdownTable(rows, textColumns)
                        : alignColumns(rows, [&](std::size_t i, std::size_t n) {
                              return i < textColumns || i + 1 == n;
                          });
    }
    if (!sweep.drift.empty()) {
        out += std::string("\n") + (markdown ? "## " : "") + "Baseline cell over the sweep\n" +
               (markdown ? "\n" : "");
        for (const BaselineDrift& drift : sweep.drift) {
            out += (markdown ? "- " : "  ") + driftLine(drift) + "\n";
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
        json["baseline_drift"].push_back({{"subject", drift.subject},
                                          {"metric", drift.metric},
                                          {"values", drift.values},
                                          {"change_percent", drift.change_percent}});
    }
    json["warnings"] = sweep.warnings;
    return json;
}

} // namespace iolab::terminal

#include "analyzer/analysis/sweep_table.h"

#include "analyzer/analysis/comparison_figures.h"
#include "analyzer/analysis/comparison_parts.h"
#include "analyzer/errors.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace iolab {
namespace {

constexpr std::string_view kSweepPrefix = "sweep:";
constexpr std::string_view kSettingPrefix = "set:";

using FigureKey = std::tuple<SubjectKind, std::string, std::string, int, std::string>;

std::vector<std::pair<std::string, std::string>> settingsOf(const Run& run) {
    std::vector<std::pair<std::string, std::string>> settings;
    for (const std::string& tag : run.tags) {
        if (tag.starts_with(kSettingPrefix)) {
            const std::string setting = tag.substr(kSettingPrefix.size());
            const auto equals = setting.find('=');
            settings.emplace_back(setting.substr(0, equals),
                                  equals == std::string::npos ? "" : setting.substr(equals + 1));
        }
    }
    return settings;
}

// The comparable runs in the order they ran, grouped into cells by series (the cell of the
// first run first: the baseline).
std::vector<SweepCell> cellsOf(const std::vector<const RunRecord*>& ordered) {
    std::vector<SweepCell> cells;
    for (const RunRecord* record : ordered) {
        auto cell = std::ranges::find(cells, record->run.series, &SweepCell::series);
        if (cell == cells.end()) {
            cells.push_back({record->run.series, settingsOf(record->run), {}});
            cell = cells.end() - 1;
        }
        cell->run_ids.push_back(record->run.id);
    }
    return cells;
}

// Cell figures of one metric: moments and interval; the tests against the baseline cell with
// Holm across the cells.
void measure(SweepMetric& metric, const std::vector<std::vector<double>>& values,
             const SweepAnalysis& analysis) {
    metric.cells.resize(values.size());
    for (std::size_t c = 0; c < values.size(); ++c) {
        if (values[c].empty()) {
            continue;
        }
        CellFigure figure;
        figure.moments = describe(values[c]);
        figure.half_width = confidenceHalfWidth(figure.moments, analysis.confidence);
        metric.cells[c] = figure;
    }
    const auto& baseline = metric.cells.front();
    std::vector<double> pValues;
    std::vector<CellFigure*> tested;
    for (std::size_t c = 1; c < metric.cells.size() && baseline; ++c) {
        auto& cell = metric.cells[c];
        if (!cell) {
            continue;
        }
        if (baseline->moments.mean != 0) {
            cell->change_percent =
                100.0 * (cell->moments.mean - baseline->moments.mean) / baseline->moments.mean;
        }
        cell->test = welchTest(baseline->moments, cell->moments, analysis.confidence);
        if (cell->test) {
            pValues.push_back(cell->test->p_value);
            tested.push_back(&*cell);
        }
    }
    const std::vector<double> adjusted = holmAdjust(pValues);
    for (std::size_t i = 0; i < tested.size(); ++i) {
        tested[i]->p_adjusted = adjusted[i];
        tested[i]->significant = adjusted[i] < analysis.alpha;
    }
    for (std::size_t c = 0; c < metric.cells.size(); ++c) {
        if (!metric.cells[c]) {
            continue;
        }
        const double mean = metric.cells[c]->moments.mean;
        if (!metric.best ||
            (metric.higher_is_better ? mean > metric.cells[*metric.best]->moments.mean
                                     : mean < metric.cells[*metric.best]->moments.mean)) {
            metric.best = c;
        }
    }
}

// Whether a metadata key is one the sweep's knobs set: dev.D.K for dev.D.K (and
// dev.D.nr_requests under a scheduler knob: switching the scheduler resets it), clocksource,
// and fio's per-job and global options for fio.K.
bool setBySweep(const std::string& key, const std::vector<std::string>& knobs) {
    return std::ranges::any_of(knobs, [&](const std::string& knob) {
        if (knob == key) {
            return true;
        }
        if (knob.starts_with("fio.")) {
            return key.starts_with("fio.") && key.ends_with("." + knob.substr(4));
        }
        return knob.starts_with("dev.") && knob.ends_with(".scheduler") &&
               key == knob.substr(0, knob.size() - 9) + "nr_requests";
    });
}

void addWarnings(SweepAnalysis& analysis, const std::vector<const RunRecord*>& ordered) {
    if (std::ranges::any_of(analysis.cells,
                            [](const SweepCell& c) { return c.run_ids.size() < 2; })) {
        analysis.warnings.push_back("a cell has a single run: its significance cannot be judged "
                                    "(iolab sweep --repeat N)");
    }
    for (const EnvironmentDrift& drift : environmentDrift(ordered, ordered)) {
        if (setBySweep(drift.key, analysis.knobs)) {
            continue;
        }
        std::string values;
        for (const std::string& value : drift.baseline_values) {
            values += (values.empty() ? "" : ", ") + value;
        }
        analysis.warnings.push_back("environment differs between runs: " + drift.key + " is " +
                                    values);
    }
}

void addDrift(SweepAnalysis& analysis, const std::vector<const RunRecord*>& ordered) {
    std::map<std::pair<std::string, std::string>, std::vector<double>> series;
    for (const RunRecord* record : ordered) {
        if (record->run.series != analysis.cells.front().series) {
            continue;
        }
        for (const ComparableFigure& figure : comparableFigures(*record)) {
            if (figure.metric == "iops") {
                series[{figure.subject, figure.metric}].push_back(figure.value);
            }
        }
    }
    for (auto& [key, values] : series) {
        if (values.size() < 2 || values.front() == 0) {
            continue;
        }
        BaselineDrift drift;
        drift.subject = key.first;
        drift.metric = key.second;
        drift.values = std::move(values);
        drift.change_percent =
            100.0 * (drift.values.back() - drift.values.front()) / drift.values.front();
        drift.trend = fitTrend(drift.values, analysis.confidence);
        if (drift.trend && drift.trend->mean != 0) {
            drift.trend_percent = 100.0 * drift.trend->slope / drift.trend->mean;
            drift.trend_half_width_percent = 100.0 * drift.trend->half_width / drift.trend->mean;
            drift.significant = drift.trend->p_value < analysis.alpha;
        }
        analysis.drift.push_back(std::move(drift));
    }
}

} // namespace

std::string sweepTag(std::string_view name) {
    return std::string(kSweepPrefix) + std::string(name);
}

std::string settingTag(std::string_view knob, std::string_view value) {
    return std::string(kSettingPrefix) + std::string(knob) + "=" + std::string(value);
}

std::string sweepOf(const Run& run) {
    for (const std::string& tag : run.tags) {
        if (tag.starts_with(kSweepPrefix)) {
            return tag.substr(kSweepPrefix.size());
        }
    }
    return "";
}

bool inSweepTable(const ComparableFigure& figure) {
    return figure.metric == "iops" || figure.metric.ends_with(".p99") ||
           figure.kind == SubjectKind::PerIoCost;
}

SweepAnalysis analyzeSweep(std::string name, const std::vector<RunRecord>& runs, double alpha,
                           double confidence) {
    std::vector<const RunRecord*> ordered;
    for (const RunRecord& record : runs) {
        if (comparable(record.run)) {
            ordered.push_back(&record);
        }
    }
    if (ordered.empty()) {
        throw InputError("sweep " + name + " has no complete run");
    }
    std::ranges::stable_sort(ordered, {}, [](const RunRecord* r) { return r->run.start_ns; });
    SweepAnalysis analysis;
    analysis.name = std::move(name);
    analysis.alpha = alpha;
    analysis.confidence = confidence;
    analysis.cells = cellsOf(ordered);
    for (const auto& [knob, value] : analysis.cells.front().settings) {
        analysis.knobs.push_back(knob);
    }

    std::map<FigureKey, ComparableFigure> figures;
    std::map<FigureKey, std::vector<std::vector<double>>> values;
    for (const RunRecord* record : ordered) {
        const auto cell = static_cast<std::size_t>(
            std::ranges::find(analysis.cells, record->run.series, &SweepCell::series) -
            analysis.cells.begin());
        for (ComparableFigure& figure : comparableFigures(*record)) {
            if (!inSweepTable(figure)) {
                continue;
            }
            auto& cells = values[figure.key()];
            cells.resize(analysis.cells.size());
            cells[cell].push_back(figure.value);
            figures.emplace(figure.key(), std::move(figure));
        }
    }
    for (const auto& [key, figure] : figures) {
        SweepMetric metric{figure.kind, figure.subject,          figure.metric,
                           figure.unit, figure.higher_is_better, {},
                           std::nullopt};
        measure(metric, values[key], analysis);
        analysis.metrics.push_back(std::move(metric));
    }
    addDrift(analysis, ordered);
    addWarnings(analysis, ordered);
    return analysis;
}

std::string cellVerdict(const SweepMetric& metric, std::size_t c) {
    const auto& cell = metric.cells[c];
    std::string text;
    if (c == 0) {
        text = "baseline";
    } else if (!metric.cells.front()) {
        text = "no baseline figure";
    } else if (!cell->p_adjusted) {
        text = cell->moments.n < 2 ? "not judged (single runs)" : "not judged";
    } else if (cell->significant) {
        const bool higher = cell->moments.mean > metric.cells.front()->moments.mean;
        const bool better = higher == metric.higher_is_better;
        text = std::string(higher ? "higher" : "lower") + (better ? " (better)" : " (worse)");
    } else {
        text = "no significant difference";
    }
    return metric.best == c ? text + ", best" : text;
}

} // namespace iolab

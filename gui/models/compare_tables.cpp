#include "gui/models/compare_tables.h"

#include "gui/models/format.h"

#include <cmath>

namespace iolab::gui {
namespace {

// Widths come from shares; FlameTree counts in integers, so shares are scaled to fine units.
constexpr double kShareUnits = 1e9;

QString text(const std::string& value) {
    return QString::fromStdString(value);
}

FigureCell sideCell(const SideFigures& side, const std::string& unit) {
    if (side.moments.n == 0) {
        return {QStringLiteral("-"), -1.0};
    }
    QString shown = formatValue(side.moments.mean, unit);
    if (side.moments.n > 1) {
        shown += QStringLiteral(" ± %1 (n=%2)")
                     .arg(formatValue(confidenceHalfWidth(side.moments), unit))
                     .arg(side.moments.n);
    } else if (side.run_ci95 && *side.run_ci95 > 0) {
        shown += QStringLiteral(" ± %1 (95%, estimated)").arg(formatValue(*side.run_ci95, unit));
    }
    return {shown, side.moments.mean};
}

QColor assessmentColor(Assessment assessment) {
    switch (assessment) {
    case Assessment::Regression:
        return QColor(190, 20, 20);
    case Assessment::Improvement:
        return QColor(20, 130, 40);
    default:
        return {};
    }
}

} // namespace

void showComparison(FigureTableModel& model, const Comparison& comparison) {
    QList<FigureRow> rows;
    for (const MetricComparison& metric : comparison.metrics) {
        FigureCell change{QStringLiteral("-"), 0.0};
        if (metric.change_percent) {
            change = {QStringLiteral("%1%2%")
                          .arg(*metric.change_percent >= 0 ? "+" : "")
                          .arg(*metric.change_percent, 0, 'f', 1),
                      *metric.change_percent};
        }
        FigureCell verdict(text(std::string(toString(metric.assessment))));
        verdict.foreground = assessmentColor(metric.assessment);
        change.foreground = verdict.foreground;
        if (metric.p_adjusted) {
            verdict.tooltip =
                QStringLiteral("p = %1 (Holm-adjusted)").arg(*metric.p_adjusted, 0, 'g', 3);
        }
        rows.append({text(metric.subject), text(metric.metric),
                     sideCell(metric.baseline, metric.unit),
                     sideCell(metric.candidate, metric.unit), change, verdict});
    }
    model.setTable(
        {{QStringLiteral("Subject")},
         {QStringLiteral("Metric")},
         {QStringLiteral("Baseline"), true, QStringLiteral("Mean ± 95% interval over the runs")},
         {QStringLiteral("Candidate"), true, QStringLiteral("Mean ± 95% interval over the runs")},
         {QStringLiteral("Change"), true},
         {QStringLiteral("Assessment")}},
        std::move(rows));
}

std::vector<IopsBar> iopsBars(const Comparison& comparison) {
    std::vector<IopsBar> bars;
    for (const MetricComparison& metric : comparison.metrics) {
        if (metric.kind != SubjectKind::FioJob || metric.metric != "iops") {
            continue;
        }
        bars.push_back({text(metric.subject), metric.baseline.moments.mean,
                        confidenceHalfWidth(metric.baseline.moments), metric.candidate.moments.mean,
                        confidenceHalfWidth(metric.candidate.moments)});
    }
    return bars;
}

DiffFlame diffFlame(const DiffFlameNode& root) {
    std::vector<FlameNode> nodes;
    std::vector<Frame> frames;
    std::vector<double> changes;
    // Parents first: each entry is (source node, flame parent, depth).
    std::vector<std::tuple<const DiffFlameNode*, std::int32_t, std::int32_t>> queue{{&root, -1, 0}};
    for (std::size_t i = 0; i < queue.size(); ++i) {
        const auto [source, parent, depth] = queue[i];
        const auto index = static_cast<std::int32_t>(nodes.size());
        FlameNode& node = nodes.emplace_back();
        node.parent = parent;
        node.depth = depth;
        node.total =
            static_cast<std::uint64_t>(std::llround(source->candidate_share * kShareUnits));
        node.self = static_cast<std::uint64_t>(std::llround(source->candidate_self * kShareUnits));
        if (parent >= 0) {
            node.frame = static_cast<std::int32_t>(frames.size());
            frames.push_back({source->symbol, source->module, FrameKind::User});
            nodes[static_cast<std::size_t>(parent)].children.push_back(index);
        }
        changes.push_back(source->candidate_share - source->baseline_share);
        for (const DiffFlameNode& child : source->children) {
            queue.emplace_back(&child, index, depth + 1);
        }
    }
    DiffFlame diff;
    for (const double change : changes) {
        diff.max_change = std::max(diff.max_change, std::abs(change));
    }
    diff.changes = std::move(changes);
    diff.tree = FlameTree::fromNodes(std::move(nodes), std::move(frames), FlameDirection::TopDown);
    return diff;
}

} // namespace iolab::gui

#include "gui/models/block_story.h"

#include "analyzer/analysis/block_phases.h"
#include "analyzer/model/stack_profile_builder.h"
#include "gui/models/format.h"

#include <QRegularExpression>

namespace iolab::gui {
namespace {

constexpr const char* kBarPhases[] = {"Q2G", "G2I", "I2D", "D2C"};

FigureCell nsCell(const std::optional<std::uint64_t>& ns) {
    if (!ns) {
        return {QStringLiteral("-"), -1.0};
    }
    return {formatNs(static_cast<double>(*ns)), static_cast<double>(*ns)};
}

std::vector<Frame> wholeStack(const SlowIo& io) {
    std::vector<Frame> frames = io.user_stack;
    frames.insert(frames.end(), io.kernel_stack.begin(), io.kernel_stack.end());
    return frames;
}

// Appends `extra` to `into`, its frame and node indexes moved past those already there.
void appendProfile(StackProfile& into, StackProfile extra) {
    const auto frameBase = static_cast<std::int64_t>(into.frames.size());
    const auto nodeBase = static_cast<std::int64_t>(into.nodes.size());
    into.frames.insert(into.frames.end(), extra.frames.begin(), extra.frames.end());
    for (StackNode node : extra.nodes) {
        node.frame += frameBase;
        node.parent = node.parent == StackNode::kNoParent ? node.parent : node.parent + nodeBase;
        into.nodes.push_back(node);
    }
    for (Sample sample : extra.samples) {
        sample.node += nodeBase;
        into.samples.push_back(std::move(sample));
    }
}

} // namespace

std::vector<PhaseBar> phaseBars(const RunRecord& record) {
    std::vector<PhaseBar> bars;
    for (const analysis::OperationPhases& operation : analysis::blockPhases(record).operations) {
        PhaseBar bar;
        bar.device = QString::fromStdString(operation.device);
        bar.operation = QString::fromStdString(operation.operation);
        for (const analysis::PhaseFigure& figure : operation.phases) {
            if (figure.phase == "Q2C") {
                bar.q2c_mean_ns = figure.mean_ns;
            }
        }
        for (const char* phase : kBarPhases) {
            for (const analysis::PhaseFigure& figure : operation.phases) {
                if (figure.phase == phase && figure.share_of_q2c) {
                    bar.segments.push_back(
                        {QString::fromLatin1(phase), *figure.share_of_q2c, figure.mean_ns});
                }
            }
        }
        if (!bar.segments.empty()) {
            bars.push_back(std::move(bar));
        }
    }
    return bars;
}

void showSlowIos(FigureTableModel& model, const RunRecord& record) {
    QList<FigureRow> rows;
    for (std::size_t i = 0; i < record.slow_ios.size(); ++i) {
        const SlowIo& io = record.slow_ios[i];
        const std::vector<Frame> stack = wholeStack(io);
        rows.append(
            {FigureCell(QString::number(i + 1), static_cast<double>(i + 1)),
             QString::fromStdString(io.device), QString::fromStdString(io.operation),
             FigureCell(QString::number(io.sector), static_cast<double>(io.sector)),
             FigureCell(formatBytes(static_cast<double>(io.bytes)), static_cast<double>(io.bytes)),
             nsCell(io.q2c_ns), nsCell(io.q2g_ns), nsCell(io.g2i_ns), nsCell(io.i2d_ns),
             nsCell(io.d2c_ns), FigureCell(QString::number(io.pid), static_cast<double>(io.pid)),
             QString::fromStdString(io.process),
             stack.empty() ? QStringLiteral("-") : QString::fromStdString(stack.back().symbol)});
    }
    model.setTable({{QStringLiteral("#"), true},
                    {QStringLiteral("Device")},
                    {QStringLiteral("Operation")},
                    {QStringLiteral("Sector"), true},
                    {QStringLiteral("Size"), true},
                    {QStringLiteral("Q2C"), true},
                    {QStringLiteral("Q2G"), true},
                    {QStringLiteral("G2I"), true},
                    {QStringLiteral("I2D"), true},
                    {QStringLiteral("D2C"), true},
                    {QStringLiteral("PID"), true},
                    {QStringLiteral("Process")},
                    {QStringLiteral("Queued in")}},
                   std::move(rows));
}

RunRecord withSlowIoStacks(const RunRecord& record) {
    RunRecord out = record;
    StackProfileBuilder builder;
    for (const SlowIo& io : record.slow_ios) {
        builder.addSample(wholeStack(io), kSlowIoEvent, io.process, io.pid, 1);
    }
    appendProfile(out.profile, builder.take());
    return out;
}

QString innermostFramePattern(const SlowIo& io) {
    const std::vector<Frame> stack = wholeStack(io);
    if (stack.empty()) {
        return {};
    }
    return QStringLiteral("^%1$").arg(
        QRegularExpression::escape(QString::fromStdString(stack.back().symbol)));
}

} // namespace iolab::gui

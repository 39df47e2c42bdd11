#include "gui/models/call_graph_tables.h"

#include "analyzer/analysis/process_scope.h"
#include "gui/models/format.h"

namespace iolab::gui {
namespace {

QString text(const std::string& value) {
    return QString::fromStdString(value);
}

FigureCell samples(std::uint64_t count) {
    return {QString::number(count), static_cast<double>(count)};
}

FigureCell share(std::uint64_t count, std::uint64_t total) {
    const double value = total > 0 ? static_cast<double>(count) / static_cast<double>(total) : 0.0;
    return {formatPercent(value), value};
}

} // namespace

void showFunctions(FigureTableModel& model, const analysis::FlatProfile& profile) {
    QList<FigureRow> rows;
    rows.reserve(static_cast<qsizetype>(profile.entries.size()));
    for (const analysis::FlatProfileEntry& entry : profile.entries) {
        rows.append({text(analysis::frameLabel(entry.frame)), samples(entry.self),
                     FigureCell(QStringLiteral("%1%").arg(entry.self_percent, 0, 'f', 2),
                                entry.self_percent),
                     samples(entry.inclusive),
                     FigureCell(QStringLiteral("%1%").arg(entry.inclusive_percent, 0, 'f', 2),
                                entry.inclusive_percent),
                     text(entry.frame.module), text(std::string(toString(entry.frame.kind)))});
    }
    model.setTable({{QStringLiteral("Function")},
                    {QStringLiteral("Self"), true},
                    {QStringLiteral("Self %"), true},
                    {QStringLiteral("Inclusive"), true},
                    {QStringLiteral("Inclusive %"), true},
                    {QStringLiteral("Module")},
                    {QStringLiteral("Kind")}},
                   std::move(rows));
}

void showCallLinks(FigureTableModel& model, const analysis::CallGraphEntry& entry, bool callers) {
    QList<FigureRow> rows;
    for (const analysis::CallGraphLink& link : callers ? entry.callers : entry.callees) {
        rows.append({text(analysis::frameLabel(link.frame)), samples(link.count),
                     share(link.count, entry.inclusive), share(link.count, entry.event_total),
                     text(link.frame.module)});
    }
    model.setTable(
        {{callers ? QStringLiteral("Caller") : QStringLiteral("Callee")},
         {QStringLiteral("Samples"), true,
          QStringLiteral("Samples of stacks through this arc (inclusive of what follows)")},
         {QStringLiteral("% of function"), true,
          QStringLiteral("Share of the selected function's inclusive samples")},
         {QStringLiteral("% of all"), true},
         {QStringLiteral("Module")}},
        std::move(rows));
}

} // namespace iolab::gui

#include "gui/models/run_list_model.h"

#include "gui/models/format.h"

#include <QBrush>
#include <QColor>
#include <QStringList>

namespace iolab::gui {
namespace {

QString joinTags(const Run& run) {
    QStringList tags;
    for (const auto& tag : run.tags) {
        tags << QString::fromStdString(tag);
    }
    return tags.join(QStringLiteral(", "));
}

QString statusText(const Run& run) {
    const QString status = QString::fromStdString(std::string(toString(run.status)));
    return holdsNoData(run.status) ? status + QStringLiteral(" (incomplete)") : status;
}

} // namespace

void RunListModel::setRuns(std::vector<Run> runs,
                           std::map<std::int64_t, store::RunHeadline> headlines) {
    beginResetModel();
    m_runs = std::move(runs);
    m_headlines = std::move(headlines);
    endResetModel();
}

int RunListModel::rowOfRun(std::int64_t id) const {
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        if (m_runs[i].id == id) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

int RunListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_runs.size());
}

int RunListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

bool RunListModel::isIncomplete(const Run& run) {
    return holdsNoData(run.status) || run.status == RunStatus::Interrupted ||
           run.status == RunStatus::Failed;
}

QVariant RunListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const Run& run = m_runs[static_cast<std::size_t>(index.row())];
    const auto found = m_headlines.find(run.id);
    const store::RunHeadline headline =
        found != m_headlines.end() ? found->second : store::RunHeadline{};
    if (role == kRunIdRole) {
        return QVariant::fromValue<qlonglong>(run.id);
    }
    if (role == Qt::ForegroundRole && isIncomplete(run)) {
        return QBrush(QColor(170, 40, 20));
    }
    if (role == Qt::ToolTipRole && isIncomplete(run)) {
        return holdsNoData(run.status) ? tr("Still recording, or the recorder died: not good data")
                                       : tr("The run did not finish: its figures are partial");
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Iops || index.column() == P99)) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole && role != kSortRole) {
        return {};
    }
    const bool sort = role == kSortRole;
    switch (index.column()) {
    case Name:
        return QString::fromStdString(run.name);
    case Tags:
        return joinTags(run);
    case Series:
        return QString::fromStdString(run.series);
    case Status:
        return statusText(run);
    case Date:
        return sort ? QVariant::fromValue<qlonglong>(run.start_ns)
                    : QVariant(formatTimestamp(run.start_ns));
    case Source:
        return QString::fromStdString(run.source);
    case Iops:
        if (!headline.iops) {
            return sort ? QVariant(-1.0) : QVariant(QStringLiteral("-"));
        }
        return sort ? QVariant(*headline.iops) : QVariant(formatCount(*headline.iops));
    case P99:
        if (!headline.p99_ns) {
            return sort ? QVariant(-1.0) : QVariant(QStringLiteral("-"));
        }
        return sort ? QVariant(*headline.p99_ns)
                    : QVariant(formatNs(*headline.p99_ns) +
                               (headline.p99_from_block ? QString() : QStringLiteral(" (fio)")));
    default:
        return {};
    }
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Name:
        return tr("Name");
    case Tags:
        return tr("Tags");
    case Series:
        return tr("Series");
    case Status:
        return tr("Status");
    case Date:
        return tr("Date (UTC)");
    case Source:
        return tr("Source");
    case Iops:
        return tr("IOPS");
    case P99:
        return tr("p99 latency");
    default:
        return {};
    }
}

RunFilterModel::RunFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent) {
    setSortRole(RunListModel::kSortRole);
}

void RunFilterModel::setFilterText(const QString& text) {
    m_text = text.trimmed();
    invalidateFilter();
}

bool RunFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QString& needle = m_text;
    if (needle.isEmpty()) {
        return true;
    }
    for (const int column : {RunListModel::Name, RunListModel::Tags, RunListModel::Series,
                             RunListModel::Status, RunListModel::Source}) {
        const QModelIndex cell = sourceModel()->index(sourceRow, column, sourceParent);
        if (cell.data().toString().contains(needle, Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

} // namespace iolab::gui

#include "gui/models/process_scope_model.h"

#include <algorithm>

namespace iolab::gui {

void ProcessScopeModel::setRecord(const RunRecord& record) {
    beginResetModel();
    m_entries.clear();
    using Kind = analysis::ProcessScope::Kind;
    const auto workload = analysis::workloadProcesses({&record});
    QStringList names;
    for (const std::string& name : workload) {
        names << QString::fromStdString(name);
    }
    m_entries.push_back({{Kind::Workload, ""},
                         workload.empty()
                             ? tr("Workload (no samples: all processes)")
                             : tr("Workload: %1").arg(names.join(QStringLiteral(", ")))});
    m_entries.push_back({{Kind::All, ""}, tr("All processes")});
    std::vector<std::string> named;
    for (const analysis::ProfileProcess& process : analysis::profileProcesses(record.profile)) {
        // A name with several pids gets one entry for all of them before its first pid.
        const auto pids = std::count_if(
            record.profile.samples.begin(), record.profile.samples.end(),
            [&](const Sample& s) { return s.process == process.name && s.pid != process.pid; });
        if (pids > 0 && std::find(named.begin(), named.end(), process.name) == named.end()) {
            named.push_back(process.name);
            m_entries.push_back({{Kind::Process, process.name},
                                 tr("%1 (every pid)").arg(QString::fromStdString(process.name))});
        }
        m_entries.push_back({{Kind::Process, std::to_string(process.pid)},
                             tr("%1 (pid %2): %3 samples")
                                 .arg(QString::fromStdString(process.name))
                                 .arg(process.pid)
                                 .arg(process.samples)});
    }
    endResetModel();
}

analysis::ProcessScope ProcessScopeModel::scopeAt(int row) const {
    return row >= 0 && row < rowCount() ? m_entries[static_cast<std::size_t>(row)].scope
                                        : analysis::ProcessScope{};
}

int ProcessScopeModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant ProcessScopeModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        role != Qt::DisplayRole) {
        return {};
    }
    return m_entries[static_cast<std::size_t>(index.row())].label;
}

} // namespace iolab::gui

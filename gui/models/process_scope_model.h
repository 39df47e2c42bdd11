#pragma once

#include "analyzer/analysis/process_scope.h"

#include <QAbstractListModel>
#include <vector>

// The process picker of the flame and call graphs: the workload's processes first (the default,
// what `iolab show` counts), then every process, then each process by name and pid with its
// samples.
namespace iolab::gui {

class ProcessScopeModel : public QAbstractListModel {
    Q_OBJECT
public:
    using QAbstractListModel::QAbstractListModel;

    void setRecord(const RunRecord& record);
    analysis::ProcessScope scopeAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    struct Entry {
        analysis::ProcessScope scope;
        QString label;
    };
    std::vector<Entry> m_entries;
};

} // namespace iolab::gui

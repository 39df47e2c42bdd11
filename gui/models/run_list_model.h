#pragma once

#include "analyzer/model/run.h"
#include "analyzer/store/run_headlines.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <map>
#include <vector>

namespace iolab::gui {

// The runs of a database, one row each. Sorting uses Qt::UserRole (numbers, times).
class RunListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Tags, Series, Status, Date, Source, Iops, P99, ColumnCount };
    static constexpr int kSortRole = Qt::UserRole;
    static constexpr int kRunIdRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;

    void setRuns(std::vector<Run> runs, std::map<std::int64_t, store::RunHeadline> headlines);
    const Run& run(int row) const { return m_runs.at(static_cast<std::size_t>(row)); }
    // -1 when no run has that id.
    int rowOfRun(std::int64_t id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Runs that are not good data: still recording (or killed while recording), interrupted,
    // failed.
    static bool isIncomplete(const Run& run);

private:
    std::vector<Run> m_runs;
    std::map<std::int64_t, store::RunHeadline> m_headlines;
};

// Keeps runs whose name, tags, series, status or source contain the filter text (any case).
class RunFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit RunFilterModel(QObject* parent = nullptr);
    void setFilterText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
};

} // namespace iolab::gui

#pragma once

#include "analyzer/analysis/call_tree.h"

#include <QAbstractItemModel>
#include <vector>

namespace iolab::gui {

// A top-down or bottom-up call tree as a Qt tree: function, self, inclusive and their shares of
// all samples. sort() reorders every node's children in place.
class CallTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Function, Self, SelfShare, Inclusive, InclusiveShare, Module, ColumnCount };

    using QAbstractItemModel::QAbstractItemModel;

    void setTree(analysis::CallTree tree);
    const analysis::CallTree& tree() const { return m_tree; }
    // The call tree node an index stands for; kRoot for an invalid index.
    std::size_t nodeOf(const QModelIndex& index) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    QModelIndex indexOfNode(std::size_t node, int column) const;
    void sortChildren(int column, Qt::SortOrder order);

    analysis::CallTree m_tree;
    std::vector<int> m_row; // per node: its row under its parent
};

} // namespace iolab::gui

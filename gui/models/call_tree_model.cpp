#include "gui/models/call_tree_model.h"

#include "analyzer/analysis/process_scope.h"
#include "gui/models/format.h"

#include <algorithm>

namespace iolab::gui {
namespace {

double share(std::uint64_t count, std::uint64_t total) {
    return total > 0 ? static_cast<double>(count) / static_cast<double>(total) : 0.0;
}

} // namespace

void CallTreeModel::setTree(analysis::CallTree tree) {
    beginResetModel();
    m_tree = std::move(tree);
    m_row.assign(m_tree.nodes.size(), 0);
    for (const analysis::CallTreeNode& node : m_tree.nodes) {
        for (std::size_t i = 0; i < node.children.size(); ++i) {
            m_row[node.children[i]] = static_cast<int>(i);
        }
    }
    endResetModel();
}

std::size_t CallTreeModel::nodeOf(const QModelIndex& index) const {
    return index.isValid() ? static_cast<std::size_t>(index.internalId())
                           : analysis::CallTree::kRoot;
}

QModelIndex CallTreeModel::indexOfNode(std::size_t node, int column) const {
    if (node == analysis::CallTree::kRoot || node >= m_tree.nodes.size()) {
        return {};
    }
    return createIndex(m_row[node], column, static_cast<quintptr>(node));
}

QModelIndex CallTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (m_tree.nodes.empty() || row < 0 || column < 0 || column >= ColumnCount) {
        return {};
    }
    const auto& children = m_tree.nodes[nodeOf(parent)].children;
    if (static_cast<std::size_t>(row) >= children.size()) {
        return {};
    }
    return createIndex(row, column, static_cast<quintptr>(children[static_cast<std::size_t>(row)]));
}

QModelIndex CallTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid()) {
        return {};
    }
    return indexOfNode(m_tree.nodes[nodeOf(child)].parent, 0);
}

int CallTreeModel::rowCount(const QModelIndex& parent) const {
    if (m_tree.nodes.empty() || (parent.isValid() && parent.column() != 0)) {
        return 0;
    }
    return static_cast<int>(m_tree.nodes[nodeOf(parent)].children.size());
}

int CallTreeModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QVariant CallTreeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) {
        return {};
    }
    const analysis::CallTreeNode& node = m_tree.nodes[nodeOf(index)];
    if (role == Qt::TextAlignmentRole) {
        return index.column() == Function || index.column() == Module
                   ? QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter)
                   : QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) {
        return {};
    }
    const Frame& frame = m_tree.frameOf(node);
    switch (index.column()) {
    case Function:
        return QString::fromStdString(analysis::frameLabel(frame));
    case Self:
        return QString::number(node.self);
    case SelfShare:
        return formatPercent(share(node.self, m_tree.total()));
    case Inclusive:
        return QString::number(node.total);
    case InclusiveShare:
        return formatPercent(share(node.total, m_tree.total()));
    case Module:
        return QString::fromStdString(frame.module);
    default:
        return {};
    }
}

QVariant CallTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractItemModel::headerData(section, orientation, role);
    }
    static const char* const titles[] = {"Function",  "Self",        "Self %",
                                         "Inclusive", "Inclusive %", "Module"};
    return section >= 0 && section < ColumnCount ? QString::fromLatin1(titles[section])
                                                 : QVariant();
}

void CallTreeModel::sortChildren(int column, Qt::SortOrder order) {
    const auto key = [&](std::size_t n) -> const analysis::CallTreeNode& {
        return m_tree.nodes[n];
    };
    for (analysis::CallTreeNode& node : m_tree.nodes) {
        std::stable_sort(node.children.begin(), node.children.end(),
                         [&](std::size_t a, std::size_t b) {
                             const analysis::CallTreeNode& na = key(a);
                             const analysis::CallTreeNode& nb = key(b);
                             bool less = false;
                             switch (column) {
                             case Function:
                                 less = analysis::frameLabel(m_tree.frameOf(na)) <
                                        analysis::frameLabel(m_tree.frameOf(nb));
                                 break;
                             case Module:
                                 less = m_tree.frameOf(na).module < m_tree.frameOf(nb).module;
                                 break;
                             case Self:
                             case SelfShare:
                                 less = na.self < nb.self;
                                 break;
                             default:
                                 less = na.total < nb.total;
                                 break;
                             }
                             return less;
                         });
        if (order == Qt::DescendingOrder) {
            std::reverse(node.children.begin(), node.children.end());
        }
        for (std::size_t i = 0; i < node.children.size(); ++i) {
            m_row[node.children[i]] = static_cast<int>(i);
        }
    }
}

void CallTreeModel::sort(int column, Qt::SortOrder order) {
    if (m_tree.nodes.empty()) {
        return;
    }
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<std::size_t> nodes;
    nodes.reserve(static_cast<std::size_t>(before.size()));
    for (const QModelIndex& index : before) {
        nodes.push_back(nodeOf(index));
    }
    sortChildren(column, order);
    QModelIndexList after;
    for (qsizetype i = 0; i < before.size(); ++i) {
        after.append(indexOfNode(nodes[static_cast<std::size_t>(i)], before[i].column()));
    }
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

} // namespace iolab::gui

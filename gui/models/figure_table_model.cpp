#include "gui/models/figure_table_model.h"

#include <QBrush>

namespace iolab::gui {

void FigureTableModel::setTable(QList<FigureColumn> columns, QList<FigureRow> rows) {
    beginResetModel();
    m_columns = std::move(columns);
    m_rows = std::move(rows);
    for (FigureRow& row : m_rows) {
        row.resize(m_columns.size());
    }
    endResetModel();
}

int FigureTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int FigureTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

QVariant FigureTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) {
        return {};
    }
    const FigureCell& cell = m_rows.at(index.row()).at(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return cell.text;
    case kSortRole:
        return cell.sort;
    case Qt::ToolTipRole:
        return cell.tooltip.isEmpty() ? QVariant() : QVariant(cell.tooltip);
    case Qt::ForegroundRole:
        return cell.foreground.isValid() ? QVariant(QBrush(cell.foreground)) : QVariant();
    case Qt::TextAlignmentRole:
        return m_columns.at(index.column()).numeric
                   ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant FigureTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && section >= 0 && section < columnCount()) {
        if (role == Qt::DisplayRole) {
            return m_columns.at(section).title;
        }
        if (role == Qt::ToolTipRole && !m_columns.at(section).tooltip.isEmpty()) {
            return m_columns.at(section).tooltip;
        }
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace iolab::gui

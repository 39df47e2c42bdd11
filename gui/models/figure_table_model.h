#pragma once

#include <QAbstractTableModel>
#include <QColor>
#include <QList>
#include <QString>
#include <QVariant>

namespace iolab::gui {

struct FigureColumn {
    QString title;
    bool numeric = false; // right-aligned
    QString tooltip;

    FigureColumn(QString name, bool isNumeric = false, QString tip = {})
        : title(std::move(name))
        , numeric(isNumeric)
        , tooltip(std::move(tip)) {}
};

// One cell: the text shown, the value sorted by (a number for figures) and an optional tooltip
// and colour.
struct FigureCell {
    QString text;
    QVariant sort;
    QString tooltip;
    QColor foreground;

    FigureCell() = default;
    FigureCell(QString shown)
        : text(shown)
        , sort(std::move(shown)) {} // NOLINT: implicit on purpose
    FigureCell(QString shown, QVariant value)
        : text(std::move(shown))
        , sort(std::move(value)) {}
};

using FigureRow = QList<FigureCell>;

// A read-only table of figures; the run views fill one per part of a run. Sort through a proxy
// with sortRole kSortRole so numbers sort as numbers.
class FigureTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int kSortRole = Qt::UserRole;

    using QAbstractTableModel::QAbstractTableModel;

    void setTable(QList<FigureColumn> columns, QList<FigureRow> rows);
    const FigureRow& row(int index) const { return m_rows.at(index); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<FigureColumn> m_columns;
    QList<FigureRow> m_rows;
};

} // namespace iolab::gui

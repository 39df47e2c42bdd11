#pragma once

#include <QWidget>
#include <functional>

class QLabel;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;

namespace iolab::gui {

class FigureTableModel;

// A sortable table of figures with, when `detail` is given, a pane showing the detail of the
// selected row (a lock's caller stack, an allocation site's callers).
class FigureTableView : public QWidget {
    Q_OBJECT
public:
    using Detail = std::function<QString(int sourceRow)>;

    explicit FigureTableView(FigureTableModel* model, const QString& emptyText, Detail detail = {},
                             QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    // Call after the model changed: shows the empty text or the table, sizes columns.
    void refresh();

private:
    void showDetail();

    FigureTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_table;
    QLabel* m_empty;
    QPlainTextEdit* m_detail = nullptr;
    Detail m_detailOf;
};

} // namespace iolab::gui

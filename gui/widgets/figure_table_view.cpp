#include "gui/widgets/figure_table_view.h"

#include "gui/models/figure_table_model.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace iolab::gui {

FigureTableView::FigureTableView(FigureTableModel* model, const QString& emptyText, Detail detail,
                                 QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView)
    , m_empty(new QLabel(emptyText))
    , m_detailOf(std::move(detail)) {
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(FigureTableModel::kSortRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicator(-1,
                                                  Qt::AscendingOrder); // the model's order first
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_empty);
    if (m_detailOf) {
        m_detail = new QPlainTextEdit;
        m_detail->setReadOnly(true);
        m_detail->setPlaceholderText(tr("Select a row to see its caller stack"));
        auto* splitter = new QSplitter(Qt::Vertical);
        splitter->addWidget(m_table);
        splitter->addWidget(m_detail);
        splitter->setStretchFactor(0, 3);
        splitter->setStretchFactor(1, 2);
        layout->addWidget(splitter);
        connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
                &FigureTableView::showDetail);
    } else {
        layout->addWidget(m_table);
    }
    refresh();
}

void FigureTableView::refresh() {
    const bool empty = m_model->rowCount() == 0;
    m_empty->setVisible(empty);
    m_table->setVisible(!empty);
    if (m_detail) {
        m_detail->setVisible(!empty);
        m_detail->clear();
    }
    m_table->resizeColumnsToContents();
    if (!empty && m_detail) {
        m_table->selectRow(0);
    }
}

void FigureTableView::showDetail() {
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty() || !m_detailOf) {
        return;
    }
    m_detail->setPlainText(m_detailOf(m_proxy->mapToSource(rows.first()).row()));
}

} // namespace iolab::gui

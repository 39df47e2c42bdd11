#include "gui/widgets/flame_graph_widget.h"

#include "analyzer/analysis/process_scope.h"
#include "gui/models/format.h"
#include "gui/models/frame_colors.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QSvgGenerator>
#include <QToolTip>
#include <cmath>
#include <utility>

namespace iolab::gui {
namespace {

const QColor kUnmatched(222, 222, 222);
const QColor kMatched(220, 60, 220);

double shareOf(std::uint64_t count, std::uint64_t total) {
    return total > 0 ? static_cast<double>(count) / static_cast<double>(total) : 0.0;
}

} // namespace

FlameGraphWidget::FlameGraphWidget(QWidget* parent)
    : QWidget(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

void FlameGraphWidget::setTree(std::shared_ptr<const FlameTree> tree) {
    m_tree = std::move(tree);
    m_zoom = 0;
    // Per frame (slot 0 for the root): colours and label widths cost more than the painting.
    m_colors.assign(1, QColor(200, 200, 200));
    m_labels.assign(m_tree ? m_tree->frames().size() + 1 : 0, Label{});
    if (m_tree) {
        for (const Frame& frame : m_tree->frames()) {
            m_colors.push_back(frameColor(frame));
        }
    }
    m_changes.clear();
    m_search = {};
    m_layoutWidth = -1;
    setMinimumHeight(graphHeight());
    updateGeometry();
    update();
    emit zoomChanged(m_zoom);
}

void FlameGraphWidget::setChanges(std::vector<double> changes, double scale) {
    m_changes = std::move(changes);
    m_changeScale = scale;
    update();
}

void FlameGraphWidget::setOrder(FlameOrder order) {
    m_order = order;
    m_layoutWidth = -1;
    update();
}

const FlameSearch& FlameGraphWidget::setSearch(const QRegularExpression& pattern) {
    m_search = m_tree ? searchFlame(*m_tree, pattern) : FlameSearch{};
    update();
    return m_search;
}

void FlameGraphWidget::zoomTo(std::int32_t node) {
    if (!m_tree || node < 0 || static_cast<std::size_t>(node) >= m_tree->nodes().size()) {
        return;
    }
    m_zoom = node;
    relayout(width());
    update();
    emit zoomChanged(m_zoom);
}

void FlameGraphWidget::zoomOut() {
    if (m_tree && m_zoom > 0) {
        zoomTo(std::max(0, m_tree->node(m_zoom).parent));
    }
}

int FlameGraphWidget::graphHeight() const {
    return m_tree ? (m_tree->maxDepth() + 1) * kRowHeight + 4 : kRowHeight;
}

QSize FlameGraphWidget::sizeHint() const {
    return {800, graphHeight()};
}

void FlameGraphWidget::relayout(int width) {
    m_layoutWidth = width;
    if (!m_tree || width <= 0) {
        m_rects.clear();
        return;
    }
    m_rects = layoutFlame(*m_tree, {m_zoom, m_order, 1.0 / width});
}

// Whole pixels: the raster engine fills integer rectangles fastest, and neighbours neither
// overlap nor leave hairline gaps; frames three pixels or wider keep a one-pixel separator.
QRect FlameGraphWidget::frameRect(const FlameRect& rect, QSize size) const {
    const bool icicle = m_tree->direction() == FlameDirection::BottomUp;
    const int y = icicle ? rect.depth * kRowHeight : size.height() - (rect.depth + 1) * kRowHeight;
    const auto left = static_cast<int>(std::lround(rect.x * size.width()));
    const auto right = static_cast<int>(std::lround((rect.x + rect.width) * size.width()));
    const int width = right - left >= 3 ? right - left - 1 : std::max(1, right - left);
    return {left, y, width, kRowHeight - 1};
}

QColor FlameGraphWidget::colorOf(std::int32_t node) const {
    if (!m_search.matched.empty() && m_search.matches > 0) {
        return m_search.matched[static_cast<std::size_t>(node)] ? kMatched : kUnmatched;
    }
    if (!m_changes.empty()) {
        return changeColor(m_changes[static_cast<std::size_t>(node)], m_changeScale);
    }
    return m_colors[static_cast<std::size_t>(m_tree->node(node).frame + 1)];
}

void FlameGraphWidget::paintGraph(QPainter& painter, QSize size, const QRect& area) {
    if (!m_tree) {
        return;
    }
    if (m_layoutWidth != size.width()) {
        relayout(size.width());
    }
    const QFontMetrics metrics(painter.font());
    const int minTextWidth = metrics.horizontalAdvance(QStringLiteral("mm..."));
    const double baseline = (kRowHeight - 1 + metrics.ascent() - metrics.descent()) / 2.0;
    const std::int32_t zoomDepth = m_tree->node(m_zoom).depth;
    painter.setPen(Qt::black);
    for (const FlameRect& rect : m_rects) {
        const QRect box = frameRect(rect, size);
        if (area.isValid() && !box.intersects(area)) {
            continue;
        }
        QColor color = colorOf(rect.node);
        if (rect.depth < zoomDepth) {
            color = color.lighter(115); // ancestors of the zoomed frame: context, not data
        }
        painter.fillRect(box, color);
        if (box.width() < minTextWidth) {
            continue;
        }
        const int room = box.width() - 6;
        const Label& label = labelOf(rect.node, metrics);
        painter.drawText(QPointF(box.left() + 3, box.top() + baseline),
                         label.width <= room
                             ? label.text
                             : metrics.elidedText(label.text, Qt::ElideRight, room));
    }
}

const FlameGraphWidget::Label& FlameGraphWidget::labelOf(std::int32_t node,
                                                         const QFontMetrics& metrics) {
    const auto frame = static_cast<std::size_t>(m_tree->node(node).frame + 1); // the root is -1
    Label& label = m_labels[frame];
    if (label.width < 0) {
        label.text = QString::fromStdString(analysis::frameLabel(m_tree->frameOf(node)));
        label.width = metrics.horizontalAdvance(label.text);
    }
    return label;
}

void FlameGraphWidget::paintEvent(QPaintEvent* event) {
    QPainter painter(this);
    paintGraph(painter, size(), event->rect());
}

void FlameGraphWidget::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    m_layoutWidth = -1;
}

std::int32_t FlameGraphWidget::nodeAt(QPoint point) const {
    if (!m_tree) {
        return -1;
    }
    for (const FlameRect& rect : m_rects) {
        if (frameRect(rect, size()).contains(point)) {
            return rect.node;
        }
    }
    return -1;
}

void FlameGraphWidget::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        const std::int32_t node = nodeAt(event->position().toPoint());
        if (node >= 0) {
            zoomTo(node);
        }
    }
    QWidget::mousePressEvent(event);
}

void FlameGraphWidget::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape && m_zoom > 0) {
        zoomOut();
        return;
    }
    QWidget::keyPressEvent(event);
}

QString FlameGraphWidget::tooltipFor(std::int32_t node) const {
    const FlameNode& n = m_tree->node(node);
    const Frame& frame = m_tree->frameOf(node);
    const std::uint64_t all = m_tree->totalSamples();
    QString text = QStringLiteral("<b>%1</b><br>%2<br>")
                       .arg(QString::fromStdString(analysis::frameLabel(frame)).toHtmlEscaped(),
                            QString::fromStdString(frame.module).toHtmlEscaped());
    if (!m_changes.empty()) {
        const double change = m_changes[static_cast<std::size_t>(node)];
        return text + QStringLiteral("candidate: %1 of samples<br>change vs baseline: %2%3 points")
                          .arg(formatPercent(shareOf(n.total, all)))
                          .arg(change >= 0 ? "+" : "")
                          .arg(change * 100.0, 0, 'f', 2);
    }
    text += QStringLiteral("samples on this path: %1 (%2)<br>")
                .arg(n.total)
                .arg(formatPercent(shareOf(n.total, all)));
    if (n.frame >= 0) {
        const FunctionCost& cost = m_tree->functionCosts()[static_cast<std::size_t>(n.frame)];
        text += QStringLiteral("function self: %1 (%2)<br>function inclusive: %3 (%4)")
                    .arg(cost.self)
                    .arg(formatPercent(shareOf(cost.self, all)))
                    .arg(cost.inclusive)
                    .arg(formatPercent(shareOf(cost.inclusive, all)));
    }
    return text;
}

bool FlameGraphWidget::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const std::int32_t node = nodeAt(help->pos());
        if (node >= 0) {
            QToolTip::showText(help->globalPos(), tooltipFor(node), this);
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

bool FlameGraphWidget::exportSvg(const QString& path) {
    if (!m_tree) {
        return false;
    }
    QSvgGenerator generator;
    generator.setFileName(path);
    const QSize area(std::max(width(), 1200), graphHeight());
    generator.setSize(area);
    generator.setViewBox(QRect(QPoint(0, 0), area));
    generator.setTitle(QStringLiteral("iolab flame graph"));
    QPainter painter;
    if (!painter.begin(&generator)) {
        return false;
    }
    painter.fillRect(QRect(QPoint(0, 0), area), Qt::white);
    // Label widths depend on the paint device's resolution: measure them again for the SVG.
    std::vector<Label> screenLabels = std::exchange(m_labels, std::vector<Label>(m_labels.size()));
    paintGraph(painter, area);
    m_labels = std::move(screenLabels);
    painter.end();
    m_layoutWidth = -1;
    return true;
}

} // namespace iolab::gui

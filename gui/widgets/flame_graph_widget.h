#pragma once

#include "gui/models/flame_layout.h"
#include "gui/models/flame_tree.h"

#include <QRegularExpression>
#include <QWidget>
#include <memory>
#include <vector>

namespace iolab::gui {

// Paints a flame graph (top-down trees, root at the bottom) or an icicle graph (bottom-up trees,
// root at the top) with QPainter. Only frames at least a pixel wide are laid out and drawn, so
// a repaint stays cheap however big the profile. Click zooms, Escape zooms out.
class FlameGraphWidget : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRowHeight = 18;

    explicit FlameGraphWidget(QWidget* parent = nullptr);

    void setTree(std::shared_ptr<const FlameTree> tree);
    const FlameTree* tree() const { return m_tree.get(); }
    // Differential colouring: per node change of share; empty for colours by frame kind.
    void setChanges(std::vector<double> changes, double scale);
    void setOrder(FlameOrder order);
    // Highlights the frames whose symbol matches; returns what matched.
    const FlameSearch& setSearch(const QRegularExpression& pattern);
    const FlameSearch& search() const { return m_search; }

    void zoomTo(std::int32_t node);
    void zoomOut();
    std::int32_t zoom() const { return m_zoom; }
    // The frames laid out for the current width and zoom.
    const std::vector<FlameRect>& rects() const { return m_rects; }

    // Draws the graph at `size` (the widget's own paint, an image or an SVG); only frames that
    // meet `area` when it is given.
    void paintGraph(QPainter& painter, QSize size, const QRect& area = {});
    bool exportSvg(const QString& path);

    QSize sizeHint() const override;

signals:
    void zoomChanged(std::int32_t node);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Label {
        QString text;
        int width = -1; // not measured yet
    };

    const Label& labelOf(std::int32_t node, const QFontMetrics& metrics);
    void relayout(int width);
    QRect frameRect(const FlameRect& rect, QSize size) const;
    QColor colorOf(std::int32_t node) const;
    std::int32_t nodeAt(QPoint point) const;
    QString tooltipFor(std::int32_t node) const;
    int graphHeight() const;

    std::shared_ptr<const FlameTree> m_tree;
    std::vector<FlameRect> m_rects;
    int m_layoutWidth = -1;
    std::int32_t m_zoom = 0;
    FlameOrder m_order = FlameOrder::ByName;
    FlameSearch m_search;
    std::vector<QColor> m_colors; // per frame, the root first
    std::vector<Label> m_labels;  // per frame, the root first, measured with the widget's font
    std::vector<double> m_changes;
    double m_changeScale = 0;
};

} // namespace iolab::gui

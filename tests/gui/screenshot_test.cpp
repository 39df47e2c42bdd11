#include "analyzer/store/store.h"
#include "gui/widgets/compare_view.h"
#include "gui/widgets/flame_graph_view.h"
#include "gui/widgets/flame_graph_widget.h"
#include "gui/widgets/main_window.h"
#include "gui/widgets/run_view.h"
#include "gui/widgets/screenshot_tour.h"
#include "tests/gui/fixture_db.h"
#include "tests/support/temp_dir.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QSet>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <catch2/catch.hpp>

using namespace iolab;

namespace {

// Offscreen and Xvfb runs write side by side, so both can be looked at.
QString screenshotDir() {
    const QString platform = qEnvironmentVariable("QT_QPA_PLATFORM", QStringLiteral("xcb"));
    return QStringLiteral(IOLAB_BINARY_DIR "/gui-screenshots/") + platform;
}

// A real image, not a blank one: many distinct colours.
int distinctColors(const QImage& image) {
    QSet<QRgb> colors;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3) {
            colors.insert(image.pixel(x, y));
        }
    }
    return static_cast<int>(colors.size());
}

} // namespace

TEST_CASE("GUI: every view of a fixture database, saved as PNG", "[gui][screenshots]") {
    test::TempDir dir;
    test::writeFixtureDatabase(dir.file("iolab.db"));
    gui::MainWindow window;
    window.setInteractive(false);
    REQUIRE(window.openDatabase(QString::fromStdString(dir.file("iolab.db").string())));
    QDir(screenshotDir()).removeRecursively();
    const QStringList files = gui::saveScreenshots(window, screenshotDir());
    INFO(files.join('\n').toStdString());
    // runs, 7 tabs, 4 extra flame views, 1 call graph, 1 locks, 2 comparison views
    CHECK(files.size() == 16);
    for (const QString& file : files) {
        const QImage image(file);
        INFO(file.toStdString());
        CHECK(image.width() >= 1000);
        CHECK(distinctColors(image) > 20);
    }
    // The run shown is the newest finished one (the interrupted run), with data in every tab.
    REQUIRE(window.runView()->record() != nullptr);
    CHECK(window.runView()->record()->run.name == "randread-ctrl-c");
    const gui::FlameGraphWidget* graph = window.runView()->flameGraph()->graph();
    REQUIRE(graph->tree() != nullptr);
    CHECK(graph->tree()->totalSamples() > 1500);
    CHECK(graph->rects().size() > 40);
    // The comparison put the baseline series against the patch series and the odd run.
    REQUIRE(window.compareView()->comparison() != nullptr);
    CHECK(window.compareView()->comparison()->baseline.run_ids.size() == 3);
    CHECK(window.compareView()->comparison()->candidate.run_ids.size() == 4);
}

TEST_CASE("GUI: a file that is not an iolab database is refused with its reason", "[gui]") {
    test::TempDir dir;
    {
        std::FILE* file = std::fopen(dir.file("notes.db").c_str(), "w");
        std::fputs("not a database\n", file);
        std::fclose(file);
    }
    gui::MainWindow window;
    window.setInteractive(false);
    CHECK_FALSE(window.openDatabase(QString::fromStdString(dir.file("notes.db").string())));
    CHECK(window.statusText().contains("not an iolab database"));
    CHECK_FALSE(window.openDatabase(QString::fromStdString(dir.file("missing.db").string())));
    CHECK(window.statusText().contains("no such database"));
}

TEST_CASE("GUI: flame graph clicks zoom, Escape zooms out, SVG export", "[gui]") {
    test::TempDir dir;
    test::writeFixtureDatabase(dir.file("iolab.db"));
    gui::MainWindow window;
    window.setInteractive(false);
    REQUIRE(window.openDatabase(QString::fromStdString(dir.file("iolab.db").string())));
    window.show();
    window.showRun(1);
    gui::RunView& view = *window.runView();
    view.setCurrentIndex(gui::RunView::FlameGraph);
    QDeadlineTimer deadline(60'000);
    while ((window.isBusy() || !view.flameGraph()->graph()->tree()) && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    gui::FlameGraphWidget* graph = view.flameGraph()->graph();
    REQUIRE(graph->tree() != nullptr);
    QCoreApplication::processEvents();
    // The frame above the root ("fio", widest) sits one row above the bottom.
    const gui::FlameRect* target = nullptr;
    for (const gui::FlameRect& rect : graph->rects()) {
        if (rect.depth == 2) {
            target = &rect;
            break;
        }
    }
    REQUIRE(target != nullptr);
    const std::int32_t node = target->node;
    const QPoint point(static_cast<int>((target->x + target->width / 2) * graph->width()),
                       graph->height() - 2 * gui::FlameGraphWidget::kRowHeight -
                           gui::FlameGraphWidget::kRowHeight / 2);
    QTest::mouseClick(graph, Qt::LeftButton, {}, point);
    CHECK(graph->zoom() == node);
    QTest::keyClick(graph, Qt::Key_Escape);
    CHECK(graph->zoom() == graph->tree()->node(node).parent);
    const QString svg = QString::fromStdString(dir.file("flame.svg").string());
    REQUIRE(graph->exportSvg(svg));
    QFile file(svg);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    CHECK(content.contains("<svg"));
    CHECK(content.contains("thread_main"));
}

TEST_CASE("GUI: runs a recorder adds while the window is open appear", "[gui]") {
    test::TempDir dir;
    test::writeFixtureDatabase(dir.file("iolab.db"));
    gui::MainWindow window;
    window.setInteractive(false);
    REQUIRE(window.openDatabase(QString::fromStdString(dir.file("iolab.db").string())));
    const int before = window.runTable()->model()->rowCount();
    {
        store::Store writer(dir.file("iolab.db"));
        Run run;
        run.name = "added-later";
        writer.beginRecording(run);
    }
    // The file watcher sees the write and the window refreshes on its own, without F5.
    QDeadlineTimer deadline(20'000);
    while (window.runTable()->model()->rowCount() == before && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    CHECK(window.runTable()->model()->rowCount() == before + 1);
}

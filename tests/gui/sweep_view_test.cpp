#include "gui/models/sweep_chart.h"
#include "gui/widgets/main_window.h"
#include "gui/widgets/run_view.h"
#include "gui/widgets/screenshot_tour.h"
#include "gui/widgets/sweep_chart_widget.h"
#include "gui/widgets/sweep_view.h"
#include "tests/gui/fixture_db.h"
#include "tests/support/temp_dir.h"

#include <QComboBox>
#include <QDeadlineTimer>
#include <QDir>
#include <QImage>
#include <QItemSelectionModel>
#include <QTableView>
#include <QTest>
#include <catch2/catch.hpp>

using namespace iolab;

namespace {

void waitFor(const std::function<bool()>& done) {
    QDeadlineTimer deadline(60'000);
    while (!done() && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    QCoreApplication::processEvents();
}

struct SweepWindow {
    test::TempDir dir;
    gui::MainWindow window;

    SweepWindow() {
        test::writeSweepFixtureDatabase(dir.file("iolab.db"));
        window.setInteractive(false);
        REQUIRE(window.openDatabase(QString::fromStdString(dir.file("iolab.db").string())));
        window.show();
    }
};

} // namespace

TEST_CASE("GUI: a sweep as a heat map, a click on a cell shows its runs and flame graph",
          "[gui][sweep]") {
    SweepWindow fixture;
    gui::MainWindow& window = fixture.window;
    CHECK(window.sweepNames() == QStringList{"clock-sched"});
    window.showSweep(QStringLiteral("clock-sched"));
    gui::SweepView& view = *window.sweepView();
    waitFor([&] { return !window.isBusy() && view.sweep(); });
    REQUIRE(view.sweep() != nullptr);
    gui::SweepChartWidget& chart = *view.chart();
    CHECK(chart.chart().shape == SweepShape::HeatMap);
    CHECK(chart.chart().column_values == QStringList{"tsc", "kvm-clock"});
    REQUIRE(chart.chart().cells.size() == 4);
    CHECK(view.findChild<QComboBox*>(QStringLiteral("metric"))->count() ==
          static_cast<int>(view.sweep()->metrics.size()));

    // Each cell is painted in its colour where the widget says it is.
    const QImage image = chart.grab().toImage();
    for (std::size_t i = 0; i < chart.chart().cells.size(); ++i) {
        const QRectF rect = chart.cellRect(i);
        const QPoint inside(static_cast<int>(rect.left() + 8), static_cast<int>(rect.center().y()));
        INFO(i);
        CHECK(image.pixelColor(inside * image.devicePixelRatio()) == chart.chart().cells[i].fill);
    }

    // A click on kvm-clock / mq-deadline: its three runs selected, the first at its flame graph.
    const auto target =
        std::ranges::find_if(chart.chart().cells, [&](const gui::SweepChartCell& c) {
            return chart.chart().column_values[c.column] == "kvm-clock" &&
                   chart.chart().row_values[c.row] == "mq-deadline";
        });
    REQUIRE(target != chart.chart().cells.end());
    const std::vector<std::int64_t> runs = target->run_ids;
    const auto index = static_cast<std::size_t>(target - chart.chart().cells.begin());
    QTest::mouseClick(&chart, Qt::LeftButton, {}, chart.cellRect(index).center().toPoint());
    waitFor([&] {
        return !window.isBusy() && window.runView()->record() &&
               window.runView()->record()->run.id == runs.front();
    });
    REQUIRE(window.runView()->record() != nullptr);
    CHECK(window.runView()->record()->run.id == runs.front());
    CHECK(window.runView()->currentIndex() == gui::RunView::FlameGraph);
    CHECK(window.runTable()->selectionModel()->selectedRows().size() == 3);
    CHECK(window.statusText().contains("clocksource=kvm-clock dev.loop0.scheduler=mq-deadline"));

    // Picking another metric redraws the chart with it.
    auto* picker = view.findChild<QComboBox*>(QStringLiteral("metric"));
    const int p99 = picker->findText(QStringLiteral("randread/read clat.p99"));
    REQUIRE(p99 >= 0);
    picker->setCurrentIndex(p99);
    CHECK(view.metric() == static_cast<std::size_t>(p99));
    CHECK(chart.chart().title.contains("clat.p99"));
}

TEST_CASE("GUI: the screenshot tour shows the sweep", "[gui][sweep][screenshots]") {
    SweepWindow fixture;
    const QString directory = QStringLiteral(IOLAB_BINARY_DIR "/gui-screenshots/sweep-") +
                              qEnvironmentVariable("QT_QPA_PLATFORM", QStringLiteral("xcb"));
    QDir(directory).removeRecursively();
    const QStringList files = gui::saveScreenshots(fixture.window, directory);
    INFO(files.join('\n').toStdString());
    for (const char* name : {"sweep", "sweep-p99", "sweep-cell-flame"}) {
        const QString file = QDir(directory).filePath(QLatin1String(name) + QStringLiteral(".png"));
        CHECK(files.contains(file));
        CHECK(QImage(file).width() >= 1000);
    }
}

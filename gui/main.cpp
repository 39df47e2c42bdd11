#include "analyzer/version.h"
#include "gui/widgets/main_window.h"
#include "gui/widgets/screenshot_tour.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("iolab"));
    QApplication::setApplicationName(QStringLiteral("iolab-gui"));
    QApplication::setApplicationVersion(QStringLiteral(IOLAB_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("iolab workbench: runs, flame graphs, latency, comparisons"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("iolab database: a file (default ./iolab.db) or a "
                                                "postgresql:// URI"));
    const QCommandLineOption screenshots(
        QStringLiteral("screenshots"), QStringLiteral("Save a PNG of every view into DIR and exit"),
        QStringLiteral("DIR"));
    parser.addOption(screenshots);
    parser.process(app);

    QString file = parser.positionalArguments().value(0);
    if (file.isEmpty() && QFileInfo::exists(QStringLiteral("iolab.db"))) {
        file = QStringLiteral("iolab.db");
    }
    iolab::gui::MainWindow window;
    if (parser.isSet(screenshots)) {
        window.setInteractive(false);
        if (file.isEmpty() || !window.openDatabase(file)) {
            std::fprintf(stderr, "iolab-gui: %s\n",
                         qPrintable(window.statusText().isEmpty() ? QStringLiteral("no database")
                                                                  : window.statusText()));
            return 2;
        }
        try {
            for (const QString& saved :
                 iolab::gui::saveScreenshots(window, parser.value(screenshots))) {
                std::printf("%s\n", qPrintable(saved));
            }
        } catch (const std::exception& error) {
            std::fprintf(stderr, "iolab-gui: %s\n", error.what());
            return 3;
        }
        return 0;
    }
    window.show();
    if (!file.isEmpty()) {
        window.openDatabase(file);
    }
    return QApplication::exec();
}

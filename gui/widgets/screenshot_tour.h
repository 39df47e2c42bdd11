#pragma once

#include <QString>
#include <QStringList>

namespace iolab::gui {

class MainWindow;

// Walks a window that has a database open through every view and saves a PNG of each into
// `directory`: the run list, each tab of the newest finished run (plus the flame graph searched,
// zoomed, as an icicle and of every process, the call graph of every process, the locks by
// class), a comparison of the finished runs, and the database's first sweep (its IOPS heat map,
// a p99, the run of its best cell at the flame graph). Returns the files written;
// throws std::runtime_error when a view does not finish loading.
QStringList saveScreenshots(MainWindow& window, const QString& directory);

} // namespace iolab::gui

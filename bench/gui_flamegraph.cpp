// Benchmark of the flame graph path of iolab-gui on a big profile: 1,000,000 samples over
// 100,000 distinct stack nodes, written to a temporary database. Measures the load from the
// database, building the flame tree and its layout, and the repaint after a zoom (rendered
// offscreen into an image), plus peak memory. Targets: load < 1 s, repaint < 16 ms, < 500 MB.
#include "analyzer/store/store.h"
#include "gui/models/flame_layout.h"
#include "gui/models/flame_tree.h"
#include "gui/widgets/flame_graph_widget.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <sys/resource.h>
#include <unistd.h>

namespace {

constexpr std::size_t kNodes = 100'000;
constexpr std::size_t kSamples = 1'000'000;
constexpr std::size_t kSymbols = 20'000;
constexpr int kRounds = 5;
constexpr int kRepaints = 60;

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double percentile95(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, values.size() * 95 / 100)];
}

// A prefix tree shaped like real profiles: a few roots, deep call chains (each node's parent is
// usually a recent node), kernel frames under user frames, one event, two processes.
iolab::RunRecord bigProfile() {
    std::mt19937_64 random(42);
    iolab::RunRecord record;
    record.run.name = "bench-flamegraph";
    record.run.status = iolab::RunStatus::Imported;
    record.run.source = "bench";
    iolab::StackProfile& profile = record.profile;
    for (std::size_t i = 0; i < kSymbols; ++i) {
        const bool kernel = i % 3 != 0;
        profile.frames.push_back({(kernel ? "k_func_" : "u_func_") + std::to_string(i),
                                  kernel ? "[kernel.kallsyms]" : "/usr/bin/app",
                                  kernel ? iolab::FrameKind::Kernel : iolab::FrameKind::User});
    }
    std::set<std::pair<std::int64_t, std::int64_t>> children;
    while (profile.nodes.size() < kNodes) {
        const std::size_t count = profile.nodes.size();
        std::int64_t parent = iolab::StackNode::kNoParent;
        if (count >= 40) {
            const std::size_t back = random() % 8 == 0 ? random() % count : random() % 64;
            parent = static_cast<std::int64_t>(count - 1 - std::min(back, count - 1));
        }
        const auto frame = static_cast<std::int64_t>(random() % kSymbols);
        if (children.insert({parent, frame}).second) {
            profile.nodes.push_back({parent, frame});
        }
    }
    std::map<std::pair<std::size_t, int>, std::uint64_t> counts;
    for (std::size_t i = 0; i < kSamples; ++i) {
        counts[{random() % kNodes, static_cast<int>(random() % 2)}] += 1;
    }
    for (const auto& [key, count] : counts) {
        profile.samples.push_back({static_cast<std::int64_t>(key.first), "cpu-clock",
                                   key.second == 0 ? "app" : "kworker/0:1", 100 + key.second,
                                   count});
    }
    return record;
}

long peakRssMb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("iolab-bench-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const std::filesystem::path path = dir / "bench.db";

    std::int64_t id = 0;
    {
        const iolab::RunRecord record = bigProfile();
        std::size_t total = 0;
        for (const auto& sample : record.profile.samples) {
            total += sample.count;
        }
        std::printf("profile: %zu nodes, %zu sample rows, %zu samples, %zu frames\n",
                    record.profile.nodes.size(), record.profile.samples.size(), total,
                    record.profile.frames.size());
        const auto start = Clock::now();
        iolab::store::Store store(path);
        id = store.writeRun(record);
        std::printf("write to the database:   %8.1f ms (one transaction)\n", msSince(start));
    }

    std::vector<double> loads;
    std::shared_ptr<const iolab::RunRecord> record;
    for (int round = 0; round < kRounds; ++round) {
        const auto start = Clock::now();
        iolab::store::Store store(path, iolab::store::OpenMode::ReadOnly);
        record = std::make_shared<const iolab::RunRecord>(store.loadRun(id));
        loads.push_back(msSince(start));
    }
    std::vector<double> builds;
    std::shared_ptr<const iolab::gui::FlameTree> tree;
    for (int round = 0; round < kRounds; ++round) {
        const auto start = Clock::now();
        tree = std::make_shared<const iolab::gui::FlameTree>(iolab::gui::FlameTree::build(
            record->profile, "cpu-clock", iolab::gui::FlameDirection::TopDown));
        builds.push_back(msSince(start));
    }
    std::vector<double> layouts;
    std::size_t visible = 0;
    for (int round = 0; round < kRounds; ++round) {
        const auto start = Clock::now();
        visible =
            iolab::gui::layoutFlame(*tree, {0, iolab::gui::FlameOrder::ByName, 1.0 / 1600}).size();
        layouts.push_back(msSince(start));
    }

    iolab::gui::FlameGraphWidget widget;
    widget.setTree(tree);
    widget.resize(1600, std::max(900, widget.minimumHeight()));
    QImage image(widget.size(), QImage::Format_ARGB32_Premultiplied);
    widget.render(&image);
    // Zoom targets: the widest child at each level, walking down and back up, as a user does.
    std::vector<std::int32_t> targets;
    for (std::int32_t node = 0; targets.size() < kRepaints;) {
        const auto& children = tree->node(node).children;
        if (children.empty() || targets.size() % 12 == 11) {
            node = 0;
        } else {
            node = *std::max_element(children.begin(), children.end(), [&](auto a, auto b) {
                return tree->node(a).total < tree->node(b).total;
            });
        }
        targets.push_back(node);
    }
    std::vector<double> repaints;
    for (const std::int32_t node : targets) {
        const auto start = Clock::now();
        widget.zoomTo(node);
        widget.render(&image);
        repaints.push_back(msSince(start));
    }
    // What a user sees: the window's viewport of the graph (the bottom, where a flame starts).
    std::vector<double> viewportRepaints;
    QImage viewport(1600, 900, QImage::Format_ARGB32_Premultiplied);
    const QRegion shown(QRect(0, widget.height() - 900, 1600, 900));
    for (const std::int32_t node : targets) {
        const auto start = Clock::now();
        widget.zoomTo(node);
        widget.render(&viewport, {}, shown);
        viewportRepaints.push_back(msSince(start));
    }
    widget.zoomTo(0);
    std::vector<double> fullRepaints;
    for (int round = 0; round < kRounds; ++round) {
        const auto start = Clock::now();
        widget.render(&image);
        fullRepaints.push_back(msSince(start));
    }

    std::printf("load run (Store::loadRun): median %7.1f ms  (target < 1000 ms)\n", median(loads));
    std::printf("build flame tree:          median %7.1f ms  (%zu tree nodes)\n", median(builds),
                tree->nodes().size());
    std::printf("layout at 1600 px:         median %7.2f ms  (%zu frames wide enough to draw)\n",
                median(layouts), visible);
    std::printf(
        "zoom + repaint 1600x%d:   median %7.2f ms, p95 %.2f ms over %d zooms  (target < 16 ms)\n",
        widget.height(), median(repaints), percentile95(repaints), kRepaints);
    std::printf("zoom + repaint of a 1600x900 viewport: median %.2f ms, p95 %.2f ms\n",
                median(viewportRepaints), percentile95(viewportRepaints));
    std::printf("repaint, no zoom:          median %7.2f ms\n", median(fullRepaints));
    std::printf("peak RSS:                  %ld MB  (target < 500 MB)\n", peakRssMb());
    std::filesystem::remove_all(dir);
    const bool met = median(loads) < 1000 && median(repaints) < 16 &&
                     median(viewportRepaints) < 16 && peakRssMb() < 500;
    std::printf("%s\n", met ? "all targets met" : "TARGETS MISSED");
    return met ? 0 : 1;
}

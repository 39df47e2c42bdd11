// Times the profile analyses (flat profile, call trees, call graph) on a large synthetic profile
// and the opreport text importer on a large generated `opreport -c` file; prints the figures.
// Usage: profile_analysis [STACKS]   (default 200000 unique stacks)
#include "analyzer/analysis/call_graph.h"
#include "analyzer/analysis/call_tree.h"
#include "analyzer/analysis/flat_profile.h"
#include "analyzer/importers/opreport_text.h"
#include "analyzer/model/stack_profile_builder.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fmt/core.h>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Stacks share prefixes the way real ones do: a few roots, a fan-out that narrows with depth.
iolab::StackProfile syntheticProfile(std::size_t stacks) {
    std::mt19937_64 random(42);
    std::vector<iolab::Frame> functions;
    for (int i = 0; i < 5000; ++i) {
        functions.push_back({fmt::format("function_{}", i), i % 3 == 0 ? "vmlinux" : "app",
                             i % 3 == 0 ? iolab::FrameKind::Kernel : iolab::FrameKind::User});
    }
    iolab::StackProfileBuilder builder;
    std::vector<iolab::Frame> stack;
    for (std::size_t s = 0; s < stacks; ++s) {
        stack.clear();
        const std::size_t depth = 10 + random() % 30;
        for (std::size_t d = 0; d < depth; ++d) {
            const std::size_t spread = std::min<std::size_t>(functions.size(), 4 + d * d * 8);
            stack.push_back(functions[random() % spread]);
        }
        builder.addSample(stack, "cpu-clock", s % 7 == 0 ? "kworker" : "fio", 1, 1 + random() % 50);
        if (s % 2 == 0) {
            builder.addSample(stack, "cycles", "fio", 1, 1 + random() % 10);
        }
    }
    return builder.take();
}

std::string opreportCallGraph(std::size_t blocks) {
    std::string text = "CPU: bench\nCounted CPU_CLK_UNHALTED events (cycles) with a unit mask of "
                       "0x00 (No unit mask) count 100000\n"
                       "samples  %        image name               app name                 "
                       "symbol name\n";
    const std::string dashes(79, '-');
    text += dashes + "\n";
    for (std::size_t b = 0; b < blocks; ++b) {
        text += fmt::format("  {:<9}{:<9}{:<25}{:<25}caller_{}\n", 100 + b % 50, "100.000",
                            "vmlinux", "fio", b % 1000);
        text += fmt::format("{:<9}{:<9}{:<25}{:<25}function_{}\n", 50 + b % 40, "0.0100", "foo.ko",
                            "fio", b);
        text += fmt::format("  {:<9}{:<9}{:<25}{:<25}function_{} [self]\n", 50 + b % 40, "50.0000",
                            "foo.ko", "fio", b);
        text += fmt::format("  {:<9}{:<9}{:<25}{:<25}callee_{}\n", 50 + b % 30, "50.0000",
                            "anon (tgid:1 range:0x1-0x2)", "fio", b % 500);
        text += dashes + "\n";
    }
    return text;
}

} // namespace

int main(int argc, char** argv) {
    const std::size_t stacks = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 200000;
    auto start = Clock::now();
    const iolab::StackProfile profile = syntheticProfile(stacks);
    fmt::print("profile: {} stacks, {} nodes, {} frames, {} samples (built in {:.2f} s)\n", stacks,
               profile.nodes.size(), profile.frames.size(), profile.samples.size(),
               secondsSince(start));

    start = Clock::now();
    const auto flat = iolab::analysis::buildFlatProfile(profile, {"cpu-clock", {}});
    fmt::print("flat profile:        {:7.3f} s ({} functions)\n", secondsSince(start),
               flat.entries.size());
    start = Clock::now();
    const auto topDown = iolab::analysis::buildCallTree(
        profile, {"cpu-clock", iolab::analysis::CallTreeDirection::TopDown, ""});
    fmt::print("call tree top-down:  {:7.3f} s ({} nodes)\n", secondsSince(start),
               topDown.nodes.size());
    start = Clock::now();
    const auto bottomUp = iolab::analysis::buildCallTree(
        profile, {"cpu-clock", iolab::analysis::CallTreeDirection::BottomUp, ""});
    fmt::print("call tree bottom-up: {:7.3f} s ({} nodes)\n", secondsSince(start),
               bottomUp.nodes.size());
    start = Clock::now();
    const auto graph =
        iolab::analysis::buildCallGraph(profile, flat.entries.front().frame, "cpu-clock");
    fmt::print("call graph of {}: {:7.3f} s ({} callers, {} callees)\n", graph.function.symbol,
               secondsSince(start), graph.callers.size(), graph.callees.size());

    const std::string text = opreportCallGraph(stacks / 2);
    start = Clock::now();
    std::istringstream in(text);
    iolab::RunRecord record;
    iolab::importers::OpreportTextImporter{}.import({in, "bench"}, record);
    const double seconds = secondsSince(start);
    fmt::print("opreport -c import:  {:7.3f} s for {:.1f} MB ({:.1f} MB/s, {} edges)\n", seconds,
               static_cast<double>(text.size()) / 1e6,
               static_cast<double>(text.size()) / 1e6 / seconds, record.profile.edges.size());
    return 0;
}

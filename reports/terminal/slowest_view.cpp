#include "reports/terminal/slowest_view.h"

#include "analyzer/model/duration_text.h"
#include "reports/terminal/show_profile.h"
#include "reports/terminal/text_format.h"

#include <fmt/core.h>

namespace iolab::terminal {
namespace {

std::string phaseText(const std::optional<std::uint64_t>& phase) {
    return phase ? formatDuration(static_cast<double>(*phase)) : "-";
}

nlohmann::ordered_json phaseJson(const std::optional<std::uint64_t>& phase) {
    return phase ? nlohmann::ordered_json(*phase) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json stackJson(const std::vector<Frame>& stack) {
    auto frames = nlohmann::ordered_json::array();
    for (const Frame& frame : stack) {
        frames.push_back(frameJson(frame));
    }
    return frames;
}

void appendStack(std::string& out, const char* name, const std::vector<Frame>& stack) {
    if (stack.empty()) {
        return;
    }
    out += fmt::format("    {} stack:\n", name);
    for (const Frame& frame : stack) {
        out += fmt::format("      {}  {}\n", frame.symbol, frame.module);
    }
}

} // namespace

std::string renderSlowest(const RunRecord& record) {
    if (record.slow_ios.empty()) {
        return "no slowest IOs in this run (recorded without the block probe, or with "
               "--slowest 0)\n";
    }
    std::vector<std::vector<std::string>> rows{{"#", "DEVICE", "OP", "SECTOR", "SIZE", "Q2C", "Q2G",
                                                "G2I", "I2D", "D2C", "PID", "PROCESS"}};
    for (std::size_t i = 0; i < record.slow_ios.size(); ++i) {
        const SlowIo& io = record.slow_ios[i];
        rows.push_back({std::to_string(i + 1), io.device, io.operation, std::to_string(io.sector),
                        formatBytes(static_cast<double>(io.bytes)),
                        formatDuration(static_cast<double>(io.q2c_ns)), phaseText(io.q2g_ns),
                        phaseText(io.g2i_ns), phaseText(io.i2d_ns), phaseText(io.d2c_ns),
                        std::to_string(io.pid), io.process});
    }
    std::string out = fmt::format(
        "the {} slowest IOs seen in the windows (Q2C: queued to completed; phases as btt's)\n",
        record.slow_ios.size());
    out += alignColumns(rows, [](std::size_t column, std::size_t) {
        return column == 1 || column == 2 || column == 11;
    });
    out += "\nsubmitters (where each IO's first bio was queued, outermost frame first)\n";
    for (std::size_t i = 0; i < record.slow_ios.size(); ++i) {
        const SlowIo& io = record.slow_ios[i];
        out += fmt::format("  #{} {} pid {}\n", i + 1, io.process, io.pid);
        appendStack(out, "user", io.user_stack);
        appendStack(out, "kernel", io.kernel_stack);
    }
    return out;
}

nlohmann::ordered_json slowestJson(const RunRecord& record) {
    auto ios = nlohmann::ordered_json::array();
    for (const SlowIo& io : record.slow_ios) {
        nlohmann::ordered_json row;
        row["device"] = io.device;
        row["operation"] = io.operation;
        row["sector"] = io.sector;
        row["bytes"] = io.bytes;
        row["queued_ns"] = io.queued_ns;
        row["q2c_ns"] = io.q2c_ns;
        row["q2g_ns"] = phaseJson(io.q2g_ns);
        row["g2i_ns"] = phaseJson(io.g2i_ns);
        row["i2d_ns"] = phaseJson(io.i2d_ns);
        row["d2c_ns"] = phaseJson(io.d2c_ns);
        row["pid"] = io.pid;
        row["process"] = io.process;
        row["user_stack"] = stackJson(io.user_stack);
        row["kernel_stack"] = stackJson(io.kernel_stack);
        ios.push_back(std::move(row));
    }
    nlohmann::ordered_json out;
    out["slowest_ios"] = std::move(ios);
    return out;
}

} // namespace iolab::terminal

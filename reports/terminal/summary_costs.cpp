#include "reports/terminal/summary_costs.h"

#include "analyzer/analysis/comparison_parts.h"
#include "analyzer/analysis/flat_profile.h"
#include "analyzer/analysis/per_io_costs.h"
#include "reports/terminal/text_format.h"

#include <algorithm>
#include <fmt/core.h>
#include <fmt/ranges.h>

namespace iolab::terminal {
namespace {

constexpr std::size_t kTop = 10;

std::string stackTop(const std::vector<Frame>& stack, std::size_t frames) {
    std::string out;
    // The innermost frames tell where the wait happened: show them innermost first.
    for (std::size_t i = 0; i < std::min(frames, stack.size()); ++i) {
        out += (i == 0 ? "" : " <- ") + stack[stack.size() - 1 - i].symbol;
    }
    return out.empty() ? "[no stack]" : out;
}

// How the windowed counts were scaled up to the whole run.
void appendSampling(std::string& out, const RunRecord& record) {
    const auto& metadata = record.run.metadata;
    const auto duty = metadata.find("record.duty_cycle");
    if (duty == metadata.end()) {
        return;
    }
    const auto io = metadata.find("record.io_coverage");
    out += fmt::format(
        "  locks, allocations and clock system calls: counted in sampling windows ({:.1f}% of "
        "the time{}) and scaled up; --duty 100 counts every event\n",
        100 * std::stod(duty->second),
        io == metadata.end() ? ""
                             : fmt::format(", {:.1f}% of the IOs", 100 * std::stod(io->second)));
}

void appendPerIo(std::string& out, const RunRecord& record) {
    const analysis::PerIoCosts costs = analysis::perIoCosts(record);
    if (costs.clock_reads == 0 && costs.workload_allocations == 0 &&
        costs.system_allocations == 0 && costs.lock_contentions == 0) {
        return;
    }
    out += fmt::format("\nper-IO costs ({} {})\n", costs.ios,
                       costs.io_source.empty() ? "IOs: none" : costs.io_source);
    out += fmt::format("  {:<34} {:>12} {:>12} {:>12}\n", "COST", "TOTAL", "PER IO", "PER SECOND");
    const auto row = [&](const std::string& name, double total) {
        out += fmt::format("  {:<34} {:>12.0f} {:>12.3f} {:>12.0f}\n", name, total,
                           costs.perIo(total), costs.perSecond(total));
    };
    row(costs.clock_estimated ? "clock reads (estimated)" : "clock reads",
        static_cast<double>(costs.clock_reads));
    row("clock read time (ns)", costs.clock_ns);
    row("allocations (workload)", static_cast<double>(costs.workload_allocations));
    row("allocation bytes (workload)", static_cast<double>(costs.workload_allocation_bytes));
    row("allocations (system)", static_cast<double>(costs.system_allocations));
    row("lock contentions (system)", static_cast<double>(costs.lock_contentions));
    row("lock wait (ns, system)", static_cast<double>(costs.lock_wait_ns));
    out += fmt::format("  clock reads took {:.3f}% of one CPU\n", 100 * costs.clock_cpu_share);
    appendSampling(out, record);
}

void appendClocks(std::string& out, const RunRecord& record) {
    if (!record.clock_sources.empty()) {
        out += "\nclock sources (cost of one read)\n";
        out += fmt::format("  {:<14} {:>10} {:>10}\n", "SOURCE", "VDSO", "SYSCALL");
        for (const ClockSourceCost& source : record.clock_sources) {
            out += fmt::format(
                "  {:<14} {:>10} {:>10}{}\n", source.clocksource, formatNanoseconds(source.vdso_ns),
                formatNanoseconds(source.syscall_ns), source.current ? "  (current)" : "");
        }
    }
    if (record.clocks.empty()) {
        return;
    }
    std::vector<ClockStat> clocks = record.clocks;
    std::ranges::stable_sort(
        clocks, [](const ClockStat& a, const ClockStat& b) { return a.reads > b.reads; });
    out += "\nclock reads\n";
    out += fmt::format("  {:<16} {:>8} {:<26} {:<8} {:>12}\n", "PROCESS", "PID", "CLOCK", "PATH",
                       "READS");
    for (std::size_t i = 0; i < std::min(kTop, clocks.size()); ++i) {
        const ClockStat& c = clocks[i];
        out += fmt::format("  {:<16} {:>8} {:<26} {:<8} {:>12}{}\n", c.process, c.pid, c.clock_id,
                           c.path, c.reads, c.estimated ? " (estimated)" : "");
    }
}

void appendLocks(std::string& out, const RunRecord& record) {
    if (record.locks.empty()) {
        return;
    }
    std::vector<LockStat> locks = record.locks;
    std::ranges::stable_sort(locks, [](const LockStat& a, const LockStat& b) {
        return a.total_wait_ns > b.total_wait_ns;
    });
    out += "\ntop contended locks (by total wait)\n";
    out += fmt::format("  {:<24} {:<14} {:>9} {:>10} {:>10}  {}\n", "LOCK", "KIND", "WAITS",
                       "TOTAL", "MAX", "WAITED IN");
    for (std::size_t i = 0; i < std::min(kTop, locks.size()); ++i) {
        const LockStat& l = locks[i];
        out += fmt::format("  {:<24} {:<14} {:>9} {:>10} {:>10}  {}\n",
                           l.symbol.empty() ? fmt::format("{:#x}", l.address) : l.symbol, l.kind,
                           l.contentions, formatNanoseconds(static_cast<double>(l.total_wait_ns)),
                           formatNanoseconds(static_cast<double>(l.max_wait_ns)),
                           stackTop(l.stack, 4));
    }
}

void appendAllocations(std::string& out, const RunRecord& record) {
    if (record.allocations.empty()) {
        return;
    }
    out += "\ntop kernel allocation sites\n";
    out += fmt::format("  {:<9} {:<11} {:<34} {:<22} {:>10} {:>10}\n", "SCOPE", "KIND", "SITE",
                       "CACHE", "COUNT", "BYTES");
    for (const std::string scope : {"workload", "system"}) {
        std::vector<AllocStat> rows;
        std::ranges::copy_if(record.allocations, std::back_inserter(rows),
                             [&](const AllocStat& a) { return a.scope == scope; });
        std::ranges::stable_sort(
            rows, [](const AllocStat& a, const AllocStat& b) { return a.count > b.count; });
        for (std::size_t i = 0; i < std::min(kTop, rows.size()); ++i) {
            const AllocStat& a = rows[i];
            out += fmt::format("  {:<9} {:<11} {:<34} {:<22} {:>10} {:>10}\n", a.scope, a.kind,
                               a.site.empty() ? "-" : a.site, a.cache.empty() ? "-" : a.cache,
                               a.count, formatBytes(static_cast<double>(a.bytes)));
        }
    }
}

// The workload's own processes (the programs its command names) when the profile has samples
// of them: the rest of the machine's work is not the workload's cost. Empty: every process.
std::vector<std::string> workloadProcesses(const RunRecord& record) {
    return cpuProcesses({&record}, {}, {});
}

analysis::FlatProfile cpuProfile(const RunRecord& record) {
    return analysis::buildFlatProfile(
        record.profile, {.event = "cpu-clock", .processes = workloadProcesses(record)});
}

void appendCpu(std::string& out, const RunRecord& record) {
    const analysis::FlatProfile flat = cpuProfile(record);
    if (flat.total == 0) {
        return;
    }
    const auto processes = workloadProcesses(record);
    out += fmt::format(
        "\ntop CPU functions of {} (cpu-clock, {} samples{})\n",
        processes.empty() ? "all processes" : fmt::format("{}", fmt::join(processes, ", ")),
        flat.total, processes.empty() ? "" : "; every process: iolab show RUN --symbols");
    out += fmt::format("  {:>7} {:>7}  {:<40} {}\n", "SELF%", "TOTAL%", "FUNCTION", "MODULE");
    for (std::size_t i = 0; i < std::min(kTop, flat.entries.size()); ++i) {
        const auto& e = flat.entries[i];
        out += fmt::format("  {:>6.2f}% {:>6.2f}%  {:<40} {}\n", e.self_percent,
                           e.inclusive_percent, e.frame.symbol, e.frame.module);
    }
}

} // namespace

void appendCosts(std::string& out, const RunRecord& record) {
    appendPerIo(out, record);
    appendClocks(out, record);
    appendLocks(out, record);
    appendAllocations(out, record);
    appendCpu(out, record);
}

void addCostsJson(nlohmann::ordered_json& json, const RunRecord& record) {
    const analysis::PerIoCosts costs = analysis::perIoCosts(record);
    json["per_io_costs"] = {
        {"ios", costs.ios},
        {"io_source", costs.io_source},
        {"clock_reads", costs.clock_reads},
        {"clock_reads_estimated", costs.clock_estimated},
        {"clock_reads_per_io", costs.perIo(static_cast<double>(costs.clock_reads))},
        {"clock_ns_per_io", costs.perIo(costs.clock_ns)},
        {"clock_cpu_share", costs.clock_cpu_share},
        {"workload_allocations_per_io",
         costs.perIo(static_cast<double>(costs.workload_allocations))},
        {"system_allocations_per_io", costs.perIo(static_cast<double>(costs.system_allocations))},
        {"lock_contentions_per_io", costs.perIo(static_cast<double>(costs.lock_contentions))},
        {"lock_contentions_per_second",
         costs.perSecond(static_cast<double>(costs.lock_contentions))},
        {"lock_wait_ns_per_io", costs.perIo(static_cast<double>(costs.lock_wait_ns))},
    };
    json["clock_sources"] = nlohmann::ordered_json::array();
    for (const ClockSourceCost& s : record.clock_sources) {
        json["clock_sources"].push_back({{"clocksource", s.clocksource},
                                         {"vdso_ns", s.vdso_ns},
                                         {"syscall_ns", s.syscall_ns},
                                         {"current", s.current}});
    }
    json["clock_reads"] = nlohmann::ordered_json::array();
    for (const ClockStat& c : record.clocks) {
        json["clock_reads"].push_back({{"process", c.process},
                                       {"pid", c.pid},
                                       {"clock", c.clock_id},
                                       {"path", c.path},
                                       {"reads", c.reads},
                                       {"estimated", c.estimated}});
    }
    json["locks"] = nlohmann::ordered_json::array();
    for (const LockStat& l : record.locks) {
        json["locks"].push_back({{"address", l.address},
                                 {"symbol", l.symbol},
                                 {"kind", l.kind},
                                 {"contentions", l.contentions},
                                 {"total_wait_ns", l.total_wait_ns},
                                 {"max_wait_ns", l.max_wait_ns},
                                 {"waited_in", stackTop(l.stack, 4)}});
    }
    json["allocations"] = nlohmann::ordered_json::array();
    for (const AllocStat& a : record.allocations) {
        json["allocations"].push_back({{"scope", a.scope},
                                       {"kind", a.kind},
                                       {"site", a.site},
                                       {"cache", a.cache},
                                       {"count", a.count},
                                       {"bytes", a.bytes}});
    }
    const analysis::FlatProfile flat = cpuProfile(record);
    json["cpu_processes"] = workloadProcesses(record);
    json["cpu_functions"] = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < std::min(kTop, flat.entries.size()); ++i) {
        const auto& e = flat.entries[i];
        json["cpu_functions"].push_back({{"function", e.frame.symbol},
                                         {"module", e.frame.module},
                                         {"self", e.self},
                                         {"self_percent", e.self_percent},
                                         {"inclusive_percent", e.inclusive_percent}});
    }
}

} // namespace iolab::terminal

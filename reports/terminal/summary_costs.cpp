#include "reports/terminal/summary_costs.h"

#include "analyzer/analysis/flat_profile.h"
#include "analyzer/analysis/per_io_costs.h"
#include "reports/terminal/text_format.h"

#include <algorithm>
#include <fmt/core.h>

namespace iolab::terminal {
namespace {

constexpr std::size_t kTop = 10;

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

void appendLocks(std::string& out, const RunRecord& record, analysis::LockGrouping grouping) {
    if (record.locks.empty()) {
        return;
    }
    const auto groups = analysis::groupLocks(record.locks, grouping);
    const bool byCaller = grouping == analysis::LockGrouping::Caller;
    out +=
        fmt::format("\ntop contended locks by {} (by total wait; --locks-by caller|lock|class)\n",
                    analysis::toString(grouping));
    out += fmt::format("  {:<32} {:<14} {:>6} {:>9} {:>10} {:>10}  {}\n",
                       byCaller                                   ? "CALLER"
                       : grouping == analysis::LockGrouping::Lock ? "LOCK"
                                                                  : "CLASS",
                       "KIND", "LOCKS", "WAITS", "TOTAL", "MAX",
                       byCaller ? "LOCK (MOST WAIT)" : "CALLER (MOST WAIT)");
    for (std::size_t i = 0; i < std::min(kTop, groups.size()); ++i) {
        const analysis::LockGroup& g = groups[i];
        out +=
            fmt::format("  {:<32} {:<14} {:>6} {:>9} {:>10} {:>10}  {}\n", g.key, g.kind, g.locks,
                        g.contentions, formatNanoseconds(static_cast<double>(g.total_wait_ns)),
                        formatNanoseconds(static_cast<double>(g.max_wait_ns)), g.detail);
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

// The CPU functions of the chosen processes (the workload's by default: the rest of the
// machine's work is not the workload's cost).
analysis::FlatProfile cpuProfile(const analysis::ScopedProfile& scoped) {
    return analysis::buildFlatProfile(scoped.profile, {.event = "cpu-clock", .processes = {}});
}

void appendCpu(std::string& out, const analysis::ScopedProfile& scoped) {
    const analysis::FlatProfile flat = cpuProfile(scoped);
    if (flat.total == 0) {
        return;
    }
    out +=
        fmt::format("\ntop CPU functions of {} (cpu-clock, {} samples{})\n", scoped.label,
                    flat.total, scoped.processes.empty() ? "" : "; every process: --all-processes");
    out += fmt::format("  {:>7} {:>7}  {:<40} {}\n", "SELF%", "TOTAL%", "FUNCTION", "MODULE");
    for (std::size_t i = 0; i < std::min(kTop, flat.entries.size()); ++i) {
        const auto& e = flat.entries[i];
        out += fmt::format("  {:>6.2f}% {:>6.2f}%  {:<40} {}\n", e.self_percent,
                           e.inclusive_percent, analysis::frameLabel(e.frame), e.frame.module);
    }
}

} // namespace

void appendCosts(std::string& out, const RunRecord& record, const CostViewOptions& options) {
    appendPerIo(out, record);
    appendClocks(out, record);
    appendLocks(out, record, options.locks);
    appendAllocations(out, record);
    appendCpu(out, analysis::scopeProfile(record, options.processes));
}

void addCostsJson(nlohmann::ordered_json& json, const RunRecord& record,
                  const CostViewOptions& options) {
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
    const analysis::LockNames names(record.locks);
    for (const LockStat& l : record.locks) {
        json["locks"].push_back({{"address", l.address},
                                 {"symbol", l.symbol},
                                 {"name", names.name(l)},
                                 {"class", names.lockClass(l)},
                                 {"caller", analysis::lockCaller(l)},
                                 {"kind", l.kind},
                                 {"contentions", l.contentions},
                                 {"total_wait_ns", l.total_wait_ns},
                                 {"max_wait_ns", l.max_wait_ns}});
    }
    json["lock_groups"] = {{"by", analysis::toString(options.locks)},
                           {"groups", nlohmann::ordered_json::array()}};
    for (const analysis::LockGroup& g : analysis::groupLocks(record.locks, options.locks)) {
        json["lock_groups"]["groups"].push_back({{"key", g.key},
                                                 {"kind", g.kind},
                                                 {"detail", g.detail},
                                                 {"locks", g.locks},
                                                 {"contentions", g.contentions},
                                                 {"total_wait_ns", g.total_wait_ns},
                                                 {"max_wait_ns", g.max_wait_ns}});
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
    const analysis::ScopedProfile scoped = analysis::scopeProfile(record, options.processes);
    const analysis::FlatProfile flat = cpuProfile(scoped);
    json["cpu_scope"] = scoped.label;
    json["cpu_processes"] = scoped.processes;
    json["cpu_samples"] = flat.total;
    json["cpu_functions"] = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < std::min(kTop, flat.entries.size()); ++i) {
        const auto& e = flat.entries[i];
        json["cpu_functions"].push_back({{"function", e.frame.symbol},
                                         {"label", analysis::frameLabel(e.frame)},
                                         {"module", e.frame.module},
                                         {"self", e.self},
                                         {"inclusive", e.inclusive},
                                         {"self_percent", e.self_percent},
                                         {"inclusive_percent", e.inclusive_percent}});
    }
}

} // namespace iolab::terminal

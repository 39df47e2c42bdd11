#include "reports/terminal/summary_costs.h"

#include "analyzer/analysis/flat_profile.h"
#include "analyzer/analysis/per_io_costs.h"
#include "analyzer/analysis/recording_cost.h"
#include "analyzer/analysis/run_figures.h"
#include "analyzer/model/duration_text.h"
#include "reports/terminal/text_format.h"

#include <algorithm>
#include <fmt/core.h>

namespace iolab::terminal {
namespace {

constexpr std::size_t kTop = 10;

// How each probe counted: every event while that was cheap, then in sampling windows.
void appendSampling(std::string& out, const RunRecord& record) {
    const auto& metadata = record.run.metadata;
    const auto duty = metadata.find("record.duty_cycle");
    if (duty == metadata.end()) {
        return;
    }
    std::string counting;
    for (const auto& [key, value] : metadata) {
        if (key.starts_with("probe.") && key.ends_with(".counting")) {
            counting += fmt::format("{}{}: {}", counting.empty() ? "" : ", ",
                                    key.substr(6, key.size() - 6 - 9), value);
        }
    }
    const auto io = metadata.find("record.io_coverage");
    out += fmt::format(
        "  each probe counts every event while that costs less than its budget, then only in "
        "sampling windows ({:.1f}% of the time{}), scaled by the workload's progress; --duty 100 "
        "counts every event{}\n",
        100 * std::stod(duty->second),
        io == metadata.end() ? ""
                             : fmt::format(", {:.1f}% of the IOs", 100 * std::stod(io->second)),
        counting.empty() ? "" : fmt::format("\n  counting: {}", counting));
}

void appendPerIo(std::string& out, const RunRecord& record) {
    const analysis::PerIoCosts costs = analysis::perIoCosts(record);
    if (costs.clock_reads.value == 0 && costs.workload_allocations.value == 0 &&
        costs.system_allocations.value == 0 && costs.lock_contentions.value == 0) {
        return;
    }
    out += fmt::format("\nper-IO costs ({} {}; ± the 95% interval of an estimate)\n", costs.ios,
                       costs.io_source.empty() ? "IOs: none" : costs.io_source);
    out += fmt::format("  {:<28} {:>24} {:>20} {:>12}  {}\n", "COST", "TOTAL", "PER IO",
                       "PER SECOND", "HOW");
    for (const analysis::PerIoCostRow& row : costs.rows()) {
        out += fmt::format("  {:<28} {:>24} {:>20} {:>12.0f}  {}\n", row.name,
                           estimateText(row.total, 0), estimateText(costs.perIo(row.total), 3),
                           costs.perSecond(row.total.value), row.total.method);
    }
    out += fmt::format("  clock reads took {:.3f}% of one CPU\n", 100 * costs.clock_cpu_share);
    appendSampling(out, record);
}

void appendClocks(std::string& out, const RunRecord& record) {
    if (!record.clock_sources.empty()) {
        out += "\nclock sources (cost of one read)\n";
        out += fmt::format("  {:<14} {:>10} {:>10}\n", "SOURCE", "VDSO", "SYSCALL");
        for (const ClockSourceCost& source : record.clock_sources) {
            out += fmt::format("  {:<14} {:>10} {:>10}{}\n", source.clocksource,
                               formatDuration(source.vdso_ns), formatDuration(source.syscall_ns),
                               source.current ? "  (current)" : "");
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
                        g.contentions, formatDuration(static_cast<double>(g.total_wait_ns)),
                        formatDuration(static_cast<double>(g.max_wait_ns)), g.detail);
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

void appendRecordingCost(std::string& out, const RunRecord& record) {
    const analysis::RecordingCost cost = analysis::recordingCost(record);
    if (cost.probes.empty()) {
        return;
    }
    out += fmt::format(
        "\nrecording cost ≈ {:.2f}% of IOPS (the probes took {:.2f}% of one CPU from "
        "what they observed; a workload bound by one CPU loses that share); the "
        "recorder itself {:.2f}% of one CPU\n",
        100 * cost.workloadShare(), 100 * cost.workloadShare(), 100 * cost.recorderShare());
    out += fmt::format("  {:<16} {:>14} {:>12}\n", "PROBE", "EVENTS", "COST");
    for (const analysis::ProbeCost& probe : cost.probes) {
        out += fmt::format("  {:<16} {:>14.0f} {:>12}\n", probe.probe, probe.events,
                           formatDuration(probe.cost_ns));
    }
}

} // namespace

void appendCosts(std::string& out, const RunRecord& record, const CostViewOptions& options) {
    appendRecordingCost(out, record);
    appendPerIo(out, record);
    appendClocks(out, record);
    appendLocks(out, record, options.locks);
    appendAllocations(out, record);
    appendCpu(out, analysis::scopeProfile(record, options.processes));
}

void addCostsJson(nlohmann::ordered_json& json, const RunRecord& record,
                  const CostViewOptions& options) {
    const analysis::PerIoCosts costs = analysis::perIoCosts(record);
    const auto estimate = [&](const analysis::Estimate& total) {
        const analysis::Estimate perIo = costs.perIo(total);
        nlohmann::ordered_json figure = {
            {"total", total.value}, {"per_io", perIo.value}, {"method", total.method}};
        figure["ci95"] = total.ci95 ? nlohmann::ordered_json(*total.ci95) : nullptr;
        figure["per_io_ci95"] = perIo.ci95 ? nlohmann::ordered_json(*perIo.ci95) : nullptr;
        return figure;
    };
    json["per_io_costs"] = {
        {"ios", costs.ios},
        {"io_source", costs.io_source},
        {"clock_reads", estimate(costs.clock_reads)},
        {"clock_reads_per_io", costs.perIo(costs.clock_reads.value)},
        {"clock_ns_per_io", costs.perIo(costs.clock_ns)},
        {"clock_cpu_share", costs.clock_cpu_share},
        {"workload_allocations", estimate(costs.workload_allocations)},
        {"workload_allocations_per_io", costs.perIo(costs.workload_allocations.value)},
        {"system_allocations", estimate(costs.system_allocations)},
        {"system_allocations_per_io", costs.perIo(costs.system_allocations.value)},
        {"lock_contentions", estimate(costs.lock_contentions)},
        {"lock_contentions_per_io", costs.perIo(costs.lock_contentions.value)},
        {"lock_contentions_per_second", costs.perSecond(costs.lock_contentions.value)},
        {"lock_wait_ns_per_io", costs.perIo(static_cast<double>(costs.lock_wait_ns))},
        {"rows", nlohmann::ordered_json::array()},
    };
    for (const analysis::PerIoCostRow& row : costs.rows()) {
        nlohmann::ordered_json figure = {{"name", row.name}};
        figure.update(estimate(row.total));
        json["per_io_costs"]["rows"].push_back(std::move(figure));
    }
    const analysis::RecordingCost recording = analysis::recordingCost(record);
    json["recording_cost"] = {{"iops_share", recording.workloadShare()},
                              {"probes_ns", recording.probes_ns},
                              {"recorder_ns", recording.recorder_ns},
                              {"recorder_cpu_share", recording.recorderShare()},
                              {"probes", nlohmann::ordered_json::array()}};
    for (const analysis::ProbeCost& probe : recording.probes) {
        json["recording_cost"]["probes"].push_back(
            {{"probe", probe.probe}, {"events", probe.events}, {"cost_ns", probe.cost_ns}});
    }
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
                                 {"cache", l.cache},
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

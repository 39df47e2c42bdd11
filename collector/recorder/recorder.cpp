#include "collector/recorder/recorder.h"

#include "analyzer/errors.h"
#include "analyzer/importers/fio_json.h"
#include "analyzer/store/store.h"
#include "collector/probes/block_devices.h"
#include "collector/probes/process_tracker.h"
#include "collector/probes/registry.h"
#include "collector/recorder/fio_workload.h"
#include "collector/recorder/privileges.h"
#include "collector/recorder/probe_set.h"
#include "collector/recorder/scratch_dir.h"
#include "collector/recorder/system_snapshot.h"
#include "collector/recorder/wait_loop.h"
#include "collector/recorder/workload.h"

#include <algorithm>
#include <bpf/libbpf.h>
#include <cerrno>
#include <chrono>
#include <cstdarg>
#include <cstdlib>
#include <cstring>
#include <fmt/core.h>
#include <fmt/ranges.h>
#include <fstream>
#include <set>
#include <sstream>
#include <sys/resource.h>
#include <unistd.h>

namespace iolab::recorder {
namespace {

namespace fs = std::filesystem;

bool g_libbpfVerbose = false;

// libbpf's own messages only at -v: a mechanism that fails is reported once, by its probe,
// with the cause, and the fallback that follows may well work.
int printLibbpf(libbpf_print_level, const char* format, va_list args) {
    return g_libbpfVerbose ? std::vfprintf(stderr, format, args) : 0;
}

// CPU seconds this process has used (user and system): the recorder's own cost.
double ownCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

std::int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The disks the workload touches, when they can be known before it runs: fio's target files
// (with fio's ${VAR} references expanded), each resolved to its disk, with the disks below
// stacked devices.
std::vector<std::string> knownDevices(const RecordOptions& options) {
    std::vector<std::string> paths;
    if (isFio(options.command)) {
        paths = fioTargets(options.command);
    }
    std::vector<std::string> disks;
    for (const auto& path : paths) {
        if (auto disk = probes::diskOfPath(path)) {
            if (std::ranges::find(disks, *disk) == disks.end()) {
                disks.push_back(*disk);
            }
        }
    }
    return disks;
}

// Whether the workload keeps root: fio on a device node the invoking user cannot open.
bool needsRoot(const RecordOptions& options, const InvokingUser& user) {
    if (!isFio(options.command)) {
        return false;
    }
    for (const auto& target : fioTargets(options.command)) {
        if (fs::is_block_file(target) && !userCanOpen(target, user)) {
            fmt::print(stderr,
                       "iolab: running fio as root: {} cannot open {} (add them to its group to "
                       "run fio as themselves)\n",
                       user.name, target);
            return true;
        }
    }
    return false;
}

std::string defaultName(const RecordOptions& options) {
    if (!options.command.empty()) {
        return fs::path(options.command[0]).filename().string();
    }
    return options.pid ? fmt::format("pid-{}", *options.pid) : "system";
}

// Devices the probes saw completing IO, for the snapshot when none were known beforehand.
std::vector<std::string> devicesSeen(const RunRecord& record) {
    std::set<std::string> seen;
    for (const auto& histogram : record.histograms) {
        if (auto it = histogram.dimensions.find("device"); it != histogram.dimensions.end()) {
            seen.insert(it->second);
        }
    }
    return {seen.begin(), seen.end()};
}

void importFioOutput(const fs::path& output, RunRecord& record) {
    if (fs::is_symlink(output)) {
        fmt::print(stderr, "iolab: fio's results are not read: {} is a symbolic link\n",
                   output.string());
        return;
    }
    std::ifstream in(output);
    if (!in) {
        fmt::print(stderr, "iolab: fio wrote no results ({} is missing)\n", output.string());
        return;
    }
    std::stringstream text;
    text << in.rdbuf();
    try {
        auto results = importers::parseFioJson(text.str(), output.string());
        record.fio_jobs = std::move(results.jobs);
        record.run.metadata.merge(results.metadata);
    } catch (const InputError& error) {
        fmt::print(stderr, "iolab: fio's results are unreadable, kept the rest: {}\n",
                   error.what());
        record.run.metadata["fio.error"] = error.what();
    }
}

RunStatus finalStatus(bool interrupted, int exitCode) {
    if (interrupted) {
        return RunStatus::Interrupted;
    }
    return exitCode == 0 ? RunStatus::Complete : RunStatus::Failed;
}

// Before anything is opened: the kernel can record, tracefs is there, no scratch directory of
// a killed recorder is left, and libbpf speaks only at -v.
void prepareRecording(const RecordOptions& options) {
    checkRecordingSupport();
    removeAbandonedScratch();
    g_libbpfVerbose = options.verbose;
    libbpf_set_print(printLibbpf);
    if (auto warning = ensureTracefs()) {
        fmt::print(stderr, "iolab: {}\n", *warning);
    }
}

std::optional<files::Owner> ownerOf(const std::optional<InvokingUser>& user) {
    if (!user) {
        return std::nullopt;
    }
    return files::Owner{user->uid, user->gid};
}

// Where fio's JSON results will be: in `scratch`, with `argv` now asking fio for them, when the
// command chose no output; the command's own JSON file; or nowhere (said on stderr).
std::optional<fs::path> fioResultsFile(const RecordOptions& options,
                                       const std::optional<files::Owner>& owner,
                                       std::optional<ScratchDir>& scratch,
                                       std::vector<std::string>& argv) {
    if (!isFio(options.command)) {
        return std::nullopt;
    }
    if (!choosesOutput(options.command)) {
        scratch.emplace(owner);
        fs::path results = scratch->path() / "fio.json";
        argv = withJsonOutput(argv, results);
        return results;
    }
    auto results = chosenJsonOutput(options.command);
    if (!results) {
        fmt::print(stderr, "iolab: fio's results will not be in the run: the command chose an "
                           "output that is not a JSON file (use --output-format=json "
                           "--output=FILE, or neither)\n");
    }
    return results;
}

// Follows the process tree from `root` (0: none yet) so the probes count only the workload; a
// tracker that cannot start is a failed probe (fatal with --strict).
void trackProcesses(pid_t root, bool strict, ProbeSet& probeSet, probes::ProbeScope& scope,
                    std::optional<probes::ProcessTracker>& tracker) {
    try {
        tracker.emplace(root);
        scope.tracked_tgids_fd = tracker->mapFd();
    } catch (const SystemError& error) {
        if (strict) {
            throw;
        }
        probeSet.addFailure("process-tracker", error.what());
    }
}

RunRecord startedRun(const RecordOptions& options) {
    RunRecord record;
    record.run.name = options.name.empty() ? defaultName(options) : options.name;
    record.run.tags = options.tags;
    record.run.series = options.series;
    record.run.source = "record";
    record.run.command = fmt::format("{}", fmt::join(options.command, " "));
    record.run.start_ns = nowNs();
    applyRunLabels(options.labels, record.run);
    return record;
}

// Starts the workload (unless Ctrl-C came while the probes loaded) and waits for the end of the
// recording, opening and closing the sampling windows meanwhile, then detaches the probes.
// Returns whether a signal interrupted it.
bool runWithProbes(const RecordOptions& options, const SignalGuard& signals, Workload* workload,
                   ProbeSet& probeSet, probes::SamplingWindows& windows, RunRecord& record) {
    std::optional<DutyCycle> duty;
    if (!options.duty.alwaysOn()) {
        duty.emplace(probeSet, options.duty, windows);
        record.run.metadata["record.window_ms"] = std::to_string(options.duty.window.count());
        record.run.metadata["record.period_ms"] = std::to_string(options.duty.period.count());
    }
    const double cpuBefore = ownCpuSeconds();
    bool interrupted = signals.takeStopRequest();
    if (!interrupted) {
        if (workload != nullptr) {
            workload->release();
        }
        interrupted = waitForEnd(
            signals, {workload, options.pid, options.duration_s, duty ? &*duty : nullptr});
    }
    if (duty) {
        duty->finish();
        windows.describe(record);
    }
    // What the recorder itself took while the workload ran (the windows' attaching and
    // detaching, mostly); its programs run in the workload's context and are not in it.
    record.counters.push_back({"record.cpu_seconds", {}, ownCpuSeconds() - cpuBefore, false});
    probeSet.detach();
    record.run.end_ns = nowNs();
    return interrupted;
}

void addTrackerFigures(const probes::ProcessTracker& tracker, RunRecord& record) {
    record.run.metadata["probe.process-tracker.mechanism"] =
        std::string(probes::toString(tracker.outcome().mechanism));
    record.counters.push_back({"process.forks", {}, static_cast<double>(tracker.forks()), false});
    record.counters.push_back(
        {"probe.process-tracker.dropped", {}, static_cast<double>(tracker.dropped()), false});
}

void addFioFigures(const RecordOptions& options, const std::optional<fs::path>& results,
                   RunRecord& record) {
    if (results) {
        importFioOutput(*results, record);
    }
    if (isFio(options.command)) {
        if (auto version = fioVersion()) {
            record.run.metadata["fio.version"] = *version;
        }
    }
}

// The run's status and exit code from how it ended, written in one transaction.
RecordResult finishRun(store::Store& store, std::int64_t runId, const RecordOptions& options,
                       const Workload* workload, bool interrupted, RunRecord& record) {
    const int exitCode = workload != nullptr ? workload->exitCode() : 0;
    record.run.status =
        finalStatus(interrupted && (workload != nullptr || options.duration_s), exitCode);
    if (workload != nullptr) {
        record.run.metadata["workload.exit_code"] = std::to_string(exitCode);
    }
    applyRunLabels(options.labels, record.run); // the user's keys win over what was found
    store.finishRecording(runId, record);
    fmt::print(stderr, "iolab: run {} '{}' {} ({:.1f} s)\n", runId, record.run.name,
               toString(record.run.status),
               static_cast<double>(record.run.end_ns - record.run.start_ns) / 1e9);
    const int code = record.run.status == RunStatus::Interrupted && exitCode == 0 ? 130 : exitCode;
    return {runId, record.run.status, code};
}

} // namespace

RecordResult record(const RecordOptions& options) {
    prepareRecording(options);
    ProbeSet probeSet(options.probes.empty() ? probes::defaultProbes() : options.probes,
                      options.probe_settings);
    const auto user = invokingUser();
    const std::optional<files::Owner> owner = ownerOf(user);
    store::Store store(options.db, store::OpenMode::ReadWrite, store::DatabaseOptions{owner});

    std::optional<ScratchDir> scratch;
    std::vector<std::string> argv = options.command;
    const std::optional<fs::path> fioResults = fioResultsFile(options, owner, scratch, argv);
    const SignalGuard signals;
    std::optional<Workload> workload;
    if (!argv.empty()) {
        const bool keepRoot = user && needsRoot(options, *user);
        workload.emplace(argv, keepRoot ? std::nullopt : user);
    }

    probes::ProbeScope scope;
    scope.devices = knownDevices(options);
    probes::SamplingWindows windows(scope.devices);
    if (!options.duty.alwaysOn()) {
        scope.windows = &windows;
    }
    std::optional<probes::ProcessTracker> tracker;
    if (!options.system_wide) {
        trackProcesses(workload ? workload->pid() : options.pid.value_or(0), options.strict,
                       probeSet, scope, tracker);
    }
    probeSet.attach(scope, options.strict);

    RunRecord record = startedRun(options);
    const std::int64_t runId = store.beginRecording(record.run);
    fmt::print(
        stderr, "iolab: recording run {} '{}' with probes: {}{}\n", runId, record.run.name,
        fmt::join(probeSet.attachedNames(), ", "),
        scope.devices.empty() ? "" : fmt::format(" (devices: {})", fmt::join(scope.devices, ", ")));
    const bool interrupted =
        runWithProbes(options, signals, workload ? &*workload : nullptr, probeSet, windows, record);

    probeSet.collect(record);
    if (tracker) {
        addTrackerFigures(*tracker, record);
    }
    addFioFigures(options, fioResults, record);
    record.run.metadata.merge(
        systemSnapshot(scope.devices.empty() ? devicesSeen(record) : scope.devices));
    return finishRun(store, runId, options, workload ? &*workload : nullptr, interrupted, record);
}

} // namespace iolab::recorder

#include "collector/sweep/sweep.h"

#include "analyzer/analysis/sweep_table.h"
#include "analyzer/errors.h"
#include "analyzer/store/store.h"
#include "collector/probes/clocksource.h"
#include "collector/recorder/fio_workload.h"
#include "collector/recorder/scratch_dir.h"
#include "collector/recorder/wait_loop.h"
#include "collector/sweep/device_state.h"
#include "collector/sweep/fio_options.h"
#include "collector/sweep/plan.h"

#include <algorithm>
#include <ctime>
#include <fmt/core.h>
#include <optional>
#include <unistd.h>

namespace iolab::sweep {
namespace {

using Settings = std::vector<std::pair<std::string, std::string>>;

void validate(const SweepOptions& options) {
    if (options.knobs.empty()) {
        throw InputError("sweep needs at least one --set KNOB=V1,V2,...");
    }
    if (options.repeat < 1) {
        throw InputError("--repeat must be at least 1");
    }
    if (options.record.command.empty()) {
        throw InputError("sweep needs the workload: -- CMD...");
    }
    const bool fioKnobs = std::ranges::any_of(
        options.knobs, [](const Knob& knob) { return knob.kind == KnobKind::Fio; });
    if (fioKnobs && !recorder::isFio(options.record.command)) {
        throw InputError("fio.KEY knobs need a fio workload (-- fio JOB...)");
    }
    const bool systemKnobs = std::ranges::any_of(
        options.knobs, [](const Knob& knob) { return knob.kind != KnobKind::Fio; });
    if (systemKnobs && geteuid() != 0) {
        throw SystemError("changing dev.* and clocksource knobs needs root");
    }
    checkKnobs(options.knobs);
}

std::string defaultName() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &utc);
    return std::string("sweep-") + stamp;
}

void checkNameIsNew(const SweepOptions& options, const std::string& name) {
    if (std::error_code ignored; !store::isServerLocation(options.record.db.native()) &&
                                 !std::filesystem::exists(options.record.db, ignored)) {
        return;
    }
    store::Store store(options.record.db, store::OpenMode::ReadOnly);
    const std::string tag = sweepTag(name);
    for (const Run& run : store.listRuns()) {
        if (std::ranges::find(run.tags, tag) != run.tags.end()) {
            throw InputError("sweep " + name + " is already in " + options.record.db.string() +
                             " (choose another --name)");
        }
    }
}

// Changes the settings of one cell: the system's knobs in the order given, a device's
// scheduler before its other settings (switching it resets them). Returns each knob's value as
// it reads back (fio's options as asked: fio's own results hold what it used).
class CellApplier {
public:
    CellApplier(const std::vector<Knob>& knobs, SettingsJournal& journal)
        : m_knobs(knobs)
        , m_journal(journal) {}

    Settings apply(const Cell& cell, bool switchClocksource) {
        Settings applied(m_knobs.size());
        for (const bool schedulers : {true, false}) {
            for (std::size_t k = 0; k < m_knobs.size(); ++k) {
                const Knob& knob = m_knobs[k];
                const std::string& value = knob.values[cell[k]];
                applied[k] = {knob.name, value};
                if (knob.kind != KnobKind::Device || (knob.key == "scheduler") != schedulers) {
                    continue;
                }
                m_journal.remember(knob.device);
                applied[k].second =
                    applyQueueSetting(knob.name, knob.device, queueFile(knob.key), value);
            }
        }
        for (std::size_t k = 0; k < m_knobs.size(); ++k) {
            if (m_knobs[k].kind == KnobKind::Clocksource && switchClocksource) {
                clocksource().switchTo(m_knobs[k].values[cell[k]]);
                applied[k].second = probes::currentClocksource();
            }
        }
        return applied;
    }

    void restore() {
        for (const std::string& problem : m_journal.restore()) {
            fmt::print(stderr, "iolab: {}\n", problem);
        }
        if (m_clocksource) {
            m_clocksource->restore();
        }
    }

private:
    probes::ClocksourceSwitcher& clocksource() {
        if (!m_clocksource) {
            m_clocksource.emplace();
        }
        return *m_clocksource;
    }

    const std::vector<Knob>& m_knobs;
    SettingsJournal& m_journal;
    std::optional<probes::ClocksourceSwitcher> m_clocksource;
};

FioOptions fioOptionsOf(const std::vector<Knob>& knobs, const Cell& cell) {
    FioOptions options;
    for (std::size_t k = 0; k < knobs.size(); ++k) {
        if (knobs[k].kind == KnobKind::Fio) {
            options.emplace_back(knobs[k].key, knobs[k].values[cell[k]]);
        }
    }
    return options;
}

// Each cell's workload command, each checked by fio when the cell sets fio options.
std::vector<std::vector<std::string>> cellCommands(const SweepOptions& options,
                                                   const std::vector<Cell>& cells,
                                                   const std::filesystem::path& scratch) {
    std::vector<std::vector<std::string>> commands;
    for (std::size_t c = 0; c < cells.size(); ++c) {
        const FioOptions fio = fioOptionsOf(options.knobs, cells[c]);
        commands.push_back(
            withFioOptions(options.record.command, fio, scratch, "cell" + std::to_string(c + 1)));
        if (!fio.empty()) {
            checkFioCommand(commands.back(), scratch, cellLabel(options.knobs, cells[c]));
        }
    }
    return commands;
}

recorder::RecordOptions runOptions(const SweepOptions& options, const std::string& name,
                                   const std::string& label, const Settings& applied,
                                   std::vector<std::string> command) {
    recorder::RecordOptions run = options.record;
    run.command = std::move(command);
    run.repeat = 1;
    run.tags.push_back(sweepTag(name));
    for (const auto& [knob, value] : applied) {
        run.tags.push_back(settingTag(knob, value));
    }
    std::string series = label;
    std::ranges::replace(series, ' ', ',');
    run.series = name + "/" + series;
    return run;
}

void warnIfNotAsAsked(const std::vector<Knob>& knobs, const Cell& cell, const Settings& applied) {
    for (std::size_t k = 0; k < knobs.size(); ++k) {
        if (applied[k].second != knobs[k].values[cell[k]]) {
            fmt::print(stderr, "iolab: {}={} reads back as {}: the runs carry {}\n", knobs[k].name,
                       knobs[k].values[cell[k]], applied[k].second, applied[k].second);
        }
    }
}

} // namespace

SweepResult runSweep(const SweepOptions& options) {
    validate(options);
    // First: settings a killed sweep left changed are no baseline for this one.
    SettingsJournal journal(options.state_file);
    SweepResult result;
    result.name = options.name.empty() ? defaultName() : options.name;
    checkNameIsNew(options, result.name);
    const std::vector<Cell> cells =
        options.pairwise ? pairwiseCells(options.knobs) : fullMatrix(options.knobs);

    const recorder::SignalGuard signals;
    const recorder::ScratchDir scratch(std::nullopt, "sweep");
    CellApplier applier(options.knobs, journal);
    const auto commands = cellCommands(options, cells, scratch.path());
    // Every cell once, before any run: a value the kernel refuses stops the sweep here.
    for (const Cell& cell : cells) {
        applier.apply(cell, false);
    }
    applier.restore();

    const auto order = runOrder(cells.size(), options.repeat, options.interleave);
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (signals.takeStopRequest()) {
            result.exit_code = 130;
            break;
        }
        const Cell& cell = cells[order[i].cell];
        const std::string label = cellLabel(options.knobs, cell);
        fmt::print(stderr, "iolab: sweep {}: run {}/{}: cell {}/{} ({}), repetition {}/{}\n",
                   result.name, i + 1, order.size(), order[i].cell + 1, cells.size(), label,
                   order[i].repetition, options.repeat);
        const Settings applied = applier.apply(cell, true);
        warnIfNotAsAsked(options.knobs, cell, applied);
        const auto recorded = recorder::recordSeries(
            runOptions(options, result.name, label, applied, commands[order[i].cell]));
        result.run_ids.push_back(recorded.run_id);
        if (recorded.status != RunStatus::Complete || recorded.exit_code != 0) {
            result.exit_code = recorded.exit_code != 0 ? recorded.exit_code : 130;
            break;
        }
    }
    applier.restore();
    fmt::print(stderr, "iolab: sweep {}: {} run(s) in {} cell(s){}; settings restored\n",
               result.name, result.run_ids.size(), cells.size(),
               result.exit_code == 0 ? "" : " (ended early)");
    return result;
}

RestoreReport restoreKilledSweep(const std::filesystem::path& stateFile) {
    RestoreReport report = restoreFromStateFile(stateFile);
    std::error_code ignored;
    if (std::filesystem::exists(probes::ClocksourceSwitcher::defaultStateFile(), ignored)) {
        const probes::ClocksourceSwitcher restoresOnConstruction;
        report.found = true;
        report.restored.push_back("clocksource " + probes::currentClocksource());
    }
    return report;
}

} // namespace iolab::sweep

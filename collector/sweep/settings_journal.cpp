#include "collector/sweep/settings_journal.h"

#include "analyzer/errors.h"
#include "analyzer/files/safe_output.h"
#include "analyzer/model/recorder_identity.h"

#include <algorithm>
#include <charconv>
#include <fmt/core.h>
#include <fstream>
#include <sstream>

namespace iolab::sweep {
namespace {

constexpr const char* kHeader = "iolab-sweep-state 1";

// The state file: a header, the owner (pid, start ticks, boot id), then one line per setting:
// DEVICE <tab> FILE <tab> VALUE.
struct StateFile {
    RecorderIdentity owner;
    std::vector<DeviceState> devices;
};

std::string render(const RecorderIdentity& owner, const std::vector<DeviceState>& devices) {
    std::string text = fmt::format("{}\nowner\t{}\t{}\t{}\n", kHeader, owner.pid, owner.start_ticks,
                                   owner.boot_id);
    for (const DeviceState& state : devices) {
        for (const auto& [file, value] : state.settings) {
            text += fmt::format("{}\t{}\t{}\n", state.device, file, value);
        }
    }
    return text;
}

std::vector<std::string> fields(const std::string& line) {
    std::vector<std::string> parts;
    std::istringstream in(line);
    for (std::string part; std::getline(in, part, '\t');) {
        parts.push_back(part);
    }
    return parts;
}

StateFile parse(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::string line;
    if (!in || !std::getline(in, line) || line != kHeader) {
        throw SystemError(path.string() + ":1: not an iolab sweep state file");
    }
    StateFile state;
    for (int number = 2; std::getline(in, line); ++number) {
        const auto parts = fields(line);
        if (parts.size() == 4 && parts[0] == "owner") {
            const auto pid = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(),
                                             state.owner.pid);
            const auto ticks = std::from_chars(parts[2].data(), parts[2].data() + parts[2].size(),
                                               state.owner.start_ticks);
            if (pid.ec != std::errc() || ticks.ec != std::errc()) {
                throw SystemError(path.string() + ":" + std::to_string(number) +
                                  ": not owner<tab>PID<tab>TICKS<tab>BOOT");
            }
            state.owner.boot_id = parts[3];
        } else if (parts.size() == 3) {
            if (state.devices.empty() || state.devices.back().device != parts[0]) {
                state.devices.push_back({parts[0], {}});
            }
            state.devices.back().settings.emplace_back(parts[1], parts[2]);
        } else {
            throw SystemError(path.string() + ":" + std::to_string(number) +
                              ": not DEVICE<tab>FILE<tab>VALUE");
        }
    }
    return state;
}

bool stillRunning(const RecorderIdentity& owner) {
    const RecorderIdentity now = processIdentity(owner.pid);
    return now.pid != 0 && now.start_ticks == owner.start_ticks && now.boot_id == owner.boot_id;
}

} // namespace

std::filesystem::path defaultStateFile() {
    return "/run/iolab-sweep.state";
}

SettingsJournal::SettingsJournal(std::filesystem::path stateFile)
    : m_stateFile(std::move(stateFile)) {
    if (std::error_code ignored; !std::filesystem::exists(m_stateFile, ignored)) {
        return;
    }
    const StateFile state = parse(m_stateFile);
    if (stillRunning(state.owner)) {
        throw InputError(fmt::format("a sweep (pid {}) is changing settings now: see {}",
                                     state.owner.pid, m_stateFile.string()));
    }
    throw InputError("a killed sweep left settings changed (" + m_stateFile.string() +
                     "): `iolab sweep --restore` puts them back first");
}

SettingsJournal::~SettingsJournal() {
    for (const std::string& problem : restore()) {
        fmt::print(stderr, "iolab: {}\n", problem);
    }
}

void SettingsJournal::remember(const std::string& device) {
    if (std::ranges::any_of(m_saved, [&](const DeviceState& s) { return s.device == device; })) {
        return;
    }
    m_saved.push_back(readDeviceState(device));
    save();
}

void SettingsJournal::save() const {
    files::OutputLocation(m_stateFile)
        .replaceWith(render(currentRecorder(), m_saved), files::kPrivateFileMode);
}

std::vector<std::string> SettingsJournal::restore() {
    std::vector<std::string> problems;
    for (const DeviceState& state : m_saved) {
        auto failed = restoreDeviceState(state);
        problems.insert(problems.end(), failed.begin(), failed.end());
    }
    if (!m_saved.empty()) {
        std::error_code ignored;
        std::filesystem::remove(m_stateFile, ignored);
    }
    m_saved.clear();
    return problems;
}

RestoreReport restoreFromStateFile(const std::filesystem::path& stateFile) {
    RestoreReport report;
    if (std::error_code ignored; !std::filesystem::exists(stateFile, ignored)) {
        return report;
    }
    report.found = true;
    const StateFile state = parse(stateFile);
    if (stillRunning(state.owner)) {
        throw InputError(fmt::format("the sweep that changed the settings (pid {}) still runs: "
                                     "it restores them itself when it ends",
                                     state.owner.pid));
    }
    for (const DeviceState& device : state.devices) {
        auto failed = restoreDeviceState(device);
        if (failed.empty()) {
            report.restored.push_back(device.device);
        }
        report.problems.insert(report.problems.end(), failed.begin(), failed.end());
    }
    std::filesystem::remove(stateFile);
    return report;
}

} // namespace iolab::sweep

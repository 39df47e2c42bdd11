#pragma once

#include "collector/sweep/device_state.h"

#include <filesystem>
#include <string>
#include <vector>

namespace iolab::sweep {

// Where a sweep keeps the original settings of the devices it changes while it runs:
// /run/iolab-sweep.state. /run is cleared at boot, as the kernel's settings are, so a state file
// found there always describes the running kernel.
std::filesystem::path defaultStateFile();

// The original queue settings of every device a sweep changes, kept in memory and in a state
// file written (atomically, before the first change of each device) so that `iolab sweep
// --restore` can put back what a sweep killed with SIGKILL left. restore() and the destructor
// write the originals back and remove the file.
class SettingsJournal {
public:
    // Throws InputError when the state file exists: a sweep is running (its pid named), or a
    // killed sweep left settings changed (then `iolab sweep --restore` comes first).
    explicit SettingsJournal(std::filesystem::path stateFile);
    ~SettingsJournal();
    SettingsJournal(const SettingsJournal&) = delete;
    SettingsJournal& operator=(const SettingsJournal&) = delete;
    SettingsJournal(SettingsJournal&&) = delete;
    SettingsJournal& operator=(SettingsJournal&&) = delete;

    // Keeps the device's settings, unless kept already; call before changing any of them.
    void remember(const std::string& device);
    // Writes every kept setting back and removes the state file; returns the problems (one
    // line each). Nothing is kept afterwards.
    std::vector<std::string> restore();

private:
    void save() const;

    std::filesystem::path m_stateFile;
    std::vector<DeviceState> m_saved;
};

// What `iolab sweep --restore` did.
struct RestoreReport {
    bool found = false;                // there was a state file
    std::vector<std::string> restored; // the devices whose settings were written back
    std::vector<std::string> problems; // one line each
};

// Restores the settings a killed sweep left (the state file), then removes the file. Throws
// InputError when the sweep that wrote it still runs, and SystemError when it is unreadable.
RestoreReport restoreFromStateFile(const std::filesystem::path& stateFile);

} // namespace iolab::sweep

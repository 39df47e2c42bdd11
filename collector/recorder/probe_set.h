#pragma once

#include "analyzer/model/run_record.h"
#include "collector/probes/probe.h"
#include "collector/probes/registry.h"

#include <memory>
#include <string>
#include <vector>

namespace iolab::recorder {

// The probes of one recording. A probe that cannot attach is reported on stderr and in the run
// (counter probe.NAME.attach_failed, metadata probe.NAME.error) while the others go on.
class ProbeSet {
public:
    // Throws InputError for an unknown name, before anything attaches.
    ProbeSet(const std::vector<std::string>& names, const probes::ProbeSettings& settings);

    // With `strict`, the first failure throws SystemError instead.
    void attach(const probes::ProbeScope& scope, bool strict);
    void detach();
    // The steps of the duty cycle's sampling windows (see Probe::pause). A probe that cannot
    // attach again is reported once and stays paused.
    void pause();
    void resume();
    void openWindows();
    void closeWindows();
    // Collects every attached probe; a probe whose collection fails is reported, not fatal.
    void collect(RunRecord& record);

    std::vector<std::string> attachedNames() const;
    // A failure noticed outside the probes themselves (the process tracker).
    void addFailure(std::string name, std::string reason);

private:
    // Runs one lifecycle step on every probe that attached.
    void callAttached(void (probes::Probe::*step)());

    struct Failure {
        std::string probe;
        std::string reason;
    };
    std::vector<std::unique_ptr<probes::Probe>> m_probes;
    std::vector<bool> m_attached;
    std::vector<Failure> m_failures;
    std::vector<Failure> m_window_failures;
};

} // namespace iolab::recorder

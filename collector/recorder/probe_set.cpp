#include "collector/recorder/probe_set.h"

#include "analyzer/errors.h"
#include "collector/probes/registry.h"

#include <algorithm>
#include <fmt/core.h>

namespace iolab::recorder {

ProbeSet::ProbeSet(const std::vector<std::string>& names, const probes::ProbeSettings& settings) {
    for (const auto& name : names) {
        m_probes.push_back(probes::makeProbe(name, settings));
        m_attached.push_back(false);
    }
}

void ProbeSet::attach(const probes::ProbeScope& scope, bool strict) {
    for (std::size_t i = 0; i < m_probes.size(); ++i) {
        try {
            m_probes[i]->attach(scope);
            m_attached[i] = true;
        } catch (const SystemError& error) {
            if (strict) {
                throw SystemError(fmt::format("probe {} cannot attach (--strict): {}",
                                              m_probes[i]->name(), error.what()));
            }
            addFailure(std::string(m_probes[i]->name()), error.what());
        }
    }
}

void ProbeSet::addFailure(std::string name, std::string reason) {
    fmt::print(stderr, "iolab: probe {} not attached: {}\n", name, reason);
    m_failures.push_back({std::move(name), std::move(reason)});
}

void ProbeSet::callAttached(void (probes::Probe::*step)()) {
    for (std::size_t i = 0; i < m_probes.size(); ++i) {
        if (m_attached[i]) {
            (m_probes[i].get()->*step)();
        }
    }
}

void ProbeSet::detach() {
    callAttached(&probes::Probe::detach);
}

void ProbeSet::pause() {
    callAttached(&probes::Probe::pause);
}

void ProbeSet::resume() {
    for (std::size_t i = 0; i < m_probes.size(); ++i) {
        const std::string name(m_probes[i]->name());
        const bool failedBefore = std::ranges::any_of(
            m_window_failures, [&](const Failure& failure) { return failure.probe == name; });
        if (!m_attached[i] || failedBefore) {
            continue;
        }
        try {
            m_probes[i]->resume();
        } catch (const SystemError& error) {
            fmt::print(stderr, "iolab: probe {} paused for the rest of the recording: {}\n", name,
                       error.what());
            m_window_failures.push_back({name, error.what()});
        }
    }
}

void ProbeSet::openWindows() {
    callAttached(&probes::Probe::openWindow);
}

void ProbeSet::closeWindows() {
    callAttached(&probes::Probe::closeWindow);
}

void ProbeSet::collect(RunRecord& record) {
    for (std::size_t i = 0; i < m_probes.size(); ++i) {
        if (!m_attached[i]) {
            continue;
        }
        try {
            m_probes[i]->collect(record);
        } catch (const std::exception& error) {
            const std::string name(m_probes[i]->name());
            fmt::print(stderr, "iolab: probe {}: reading its results failed: {}\n", name,
                       error.what());
            record.run.metadata["probe." + name + ".collect_error"] = error.what();
        }
    }
    for (const Failure& failure : m_failures) {
        record.counters.push_back({"probe." + failure.probe + ".attach_failed", {}, 1, false});
        record.run.metadata["probe." + failure.probe + ".error"] = failure.reason;
    }
    for (const Failure& failure : m_window_failures) {
        record.run.metadata["probe." + failure.probe + ".window_error"] = failure.reason;
    }
}

std::vector<std::string> ProbeSet::attachedNames() const {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < m_probes.size(); ++i) {
        if (m_attached[i]) {
            names.emplace_back(m_probes[i]->name());
        }
    }
    return names;
}

} // namespace iolab::recorder

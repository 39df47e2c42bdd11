#include "analyzer/analysis/process_scope.h"

#include "analyzer/errors.h"
#include "analyzer/model/stack_profile_builder.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <sstream>

namespace iolab::analysis {
namespace {

constexpr std::string_view kUnknown = "[unknown]";

bool isUnknown(std::string_view name) {
    return name.empty() || name == kUnknown;
}

std::optional<std::int64_t> parsePid(const std::string& text) {
    std::int64_t pid = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), pid);
    if (error != std::errc() || end != text.data() + text.size() || pid <= 0) {
        return std::nullopt;
    }
    return pid;
}

std::string knownProcesses(const StackProfile& profile) {
    std::string known;
    for (const ProfileProcess& process : profileProcesses(profile)) {
        known +=
            (known.empty() ? "" : ", ") + process.name + " (" + std::to_string(process.pid) + ")";
    }
    return known.empty() ? "none" : known;
}

// Which samples the scope counts: by name, by pid, or all.
struct SampleFilter {
    std::vector<std::string> names; // empty: any name
    std::int64_t pid = 0;           // 0: any pid

    bool counts(const Sample& sample) const {
        return (pid == 0 || sample.pid == pid) &&
               (names.empty() ||
                std::find(names.begin(), names.end(), sample.process) != names.end());
    }
};

ScopedProfile describe(const RunRecord& record, const ProcessScope& scope, SampleFilter& filter) {
    ScopedProfile scoped;
    switch (scope.kind) {
    case ProcessScope::Kind::All:
        scoped.label = "all processes";
        break;
    case ProcessScope::Kind::Workload:
        filter.names = workloadProcesses({&record});
        if (filter.names.empty()) {
            scoped.label = record.run.command.empty()
                               ? "all processes"
                               : "all processes (none of the command's programs has samples)";
        }
        for (const std::string& name : filter.names) {
            scoped.label += (scoped.label.empty() ? "" : ", ") + name;
        }
        break;
    case ProcessScope::Kind::Process: {
        const auto pid = parsePid(scope.process);
        const auto processes = profileProcesses(record.profile);
        const auto match = std::find_if(processes.begin(), processes.end(), [&](const auto& p) {
            return pid ? p.pid == *pid : p.name == scope.process;
        });
        if (match == processes.end()) {
            throw InputError("no samples of process '" + scope.process +
                             "' in this run (processes: " + knownProcesses(record.profile) + ")");
        }
        if (pid) {
            filter.pid = *pid;
            scoped.label = match->name + " (pid " + scope.process + ")";
        } else {
            filter.names = {scope.process};
            scoped.label = scope.process;
        }
        break;
    }
    }
    scoped.processes = filter.names;
    return scoped;
}

} // namespace

std::vector<ProfileProcess> profileProcesses(const StackProfile& profile) {
    std::map<std::pair<std::string, std::int64_t>, std::uint64_t> counts;
    for (const Sample& sample : profile.samples) {
        counts[{sample.process, sample.pid}] += sample.count;
    }
    std::vector<ProfileProcess> processes;
    for (const auto& [key, samples] : counts) {
        processes.push_back({key.first, key.second, samples});
    }
    std::stable_sort(processes.begin(), processes.end(),
                     [](const auto& a, const auto& b) { return a.samples > b.samples; });
    return processes;
}

std::vector<std::string> workloadProcesses(const std::vector<const RunRecord*>& runs) {
    // Every word of the command is a candidate program name, so that wrappers such as
    // `chrt -f 20 fio job.fio` or `taskset -c 1 fio ...` still find fio.
    std::set<std::string> words;
    for (const RunRecord* record : runs) {
        std::istringstream command(record->run.command);
        for (std::string word; command >> word;) {
            words.insert(word.substr(word.rfind('/') + 1));
        }
    }
    std::set<std::string> programs;
    for (const RunRecord* record : runs) {
        for (const Sample& sample : record->profile.samples) {
            if (words.contains(sample.process)) {
                programs.insert(sample.process);
            }
        }
    }
    return {programs.begin(), programs.end()};
}

ScopedProfile scopeProfile(const RunRecord& record, const ProcessScope& scope) {
    SampleFilter filter;
    ScopedProfile scoped = describe(record, scope, filter);
    const StackProfile& profile = record.profile;
    // Each node's stack, outermost first, rebuilt per sample so an unknown frame can take the
    // sample's process as its module.
    StackProfileBuilder builder;
    std::vector<Frame> stack;
    for (const Sample& sample : profile.samples) {
        if (!filter.counts(sample)) {
            continue;
        }
        stack.clear();
        for (std::int64_t at = sample.node; at != StackNode::kNoParent;
             at = profile.nodes[static_cast<std::size_t>(at)].parent) {
            Frame frame = profile.frames[static_cast<std::size_t>(
                profile.nodes[static_cast<std::size_t>(at)].frame)];
            if (isUnknown(frame.symbol) && isUnknown(frame.module) &&
                frame.kind == FrameKind::User && !sample.process.empty()) {
                frame.module = sample.process + " (process)";
            }
            stack.push_back(std::move(frame));
        }
        std::reverse(stack.begin(), stack.end());
        builder.addSample(stack, sample.event, sample.process, sample.pid, sample.count);
    }
    if (filter.names.empty() && filter.pid == 0) {
        for (const CallEdge& edge : profile.edges) {
            builder.addEdge(profile.frames[static_cast<std::size_t>(edge.caller)],
                            profile.frames[static_cast<std::size_t>(edge.callee)], edge.event,
                            edge.count);
        }
    }
    scoped.profile = builder.take();
    return scoped;
}

std::string frameLabel(const Frame& frame) {
    if (!isUnknown(frame.symbol)) {
        return frame.symbol;
    }
    if (isUnknown(frame.module)) {
        return std::string(kUnknown);
    }
    return std::string(kUnknown) + " " + frame.module.substr(frame.module.rfind('/') + 1);
}

} // namespace iolab::analysis

#include "analyzer/importers/stack_aggregator.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace iolab::importers {
std::string_view StackAggregator::boundedName(std::string_view text) {
    if (text.size() <= kMaxFrameName) {
        return text;
    }
    ++m_truncatedNames;
    return text.substr(0, kMaxFrameName);
}

std::uint32_t StackAggregator::internFrame(const Frame& frame) {
    if (frame.symbol.size() > kMaxFrameName || frame.module.size() > kMaxFrameName) {
        return internFrame({std::string(boundedName(frame.symbol)),
                            std::string(boundedName(frame.module)), frame.kind});
    }
    const auto [it, added] =
        m_frameIds.try_emplace(frame, static_cast<std::uint32_t>(m_frames.size()));
    if (added) {
        m_frames.push_back(frame);
    }
    return it->second;
}

std::uint32_t StackAggregator::internProcess(std::string_view process) {
    // Consecutive samples come from one process about half the time (perf script of a busy
    // system): one comparison then saves the hash and lookup.
    if (m_lastProcess == HashIndex::kNone || m_processes.text(m_lastProcess) != process) {
        m_lastProcess = m_processes.intern(process);
    }
    return m_lastProcess;
}

std::uint32_t StackAggregator::childNode(std::uint32_t parent, std::uint32_t frame) {
    const std::uint64_t hash = mixBits((std::uint64_t{parent} << 32) | frame);
    const std::uint32_t known = m_children.find(hash, [&](std::uint32_t id) {
        return m_nodes[id].parent == parent && m_nodes[id].frame == frame;
    });
    if (known != HashIndex::kNone) {
        return known;
    }
    const auto node = static_cast<std::uint32_t>(m_nodes.size());
    m_nodes.push_back({parent, frame});
    m_children.insert(hash, node);
    return node;
}

void StackAggregator::addToSample(const SampleKey& key, std::uint64_t count) {
    const std::uint64_t ids =
        (std::uint64_t{key.node} << 32) ^ (std::uint64_t{key.event} << 20) ^ key.process;
    const std::uint64_t hash = mixBits(ids ^ mixBits(static_cast<std::uint64_t>(key.pid)));
    const std::uint32_t known =
        m_sampleIds.find(hash, [&](std::uint32_t id) { return m_samples[id].first == key; });
    if (known != HashIndex::kNone) {
        m_samples[known].second += count;
        return;
    }
    m_sampleIds.insert(hash, static_cast<std::uint32_t>(m_samples.size()));
    m_samples.emplace_back(key, count);
}

void StackAggregator::addSample(std::span<const std::uint32_t> innermostFirst, std::uint32_t event,
                                std::uint32_t process, std::int64_t pid, std::uint64_t count) {
    if (innermostFirst.empty()) {
        return;
    }
    if (innermostFirst.size() == 1) { // a sample without a call chain: one integer lookup
        addToSample({childNode(kRoot, innermostFirst.front()), event, process, pid}, count);
        return;
    }
    const std::string_view stack(reinterpret_cast<const char*>(innermostFirst.data()),
                                 innermostFirst.size_bytes());
    const std::uint64_t hash = hashBytes(stack);
    if (const std::uint32_t known = m_stacks.find(stack, hash); known != HashIndex::kNone) {
        addToSample({m_stackLeaves[known], event, process, pid}, count);
        return;
    }
    std::uint32_t node = kRoot;
    for (auto frame = innermostFirst.rbegin(); frame != innermostFirst.rend(); ++frame) {
        node = childNode(node, *frame);
    }
    m_stacks.add(stack, hash);
    m_stackLeaves.push_back(node);
    addToSample({node, event, process, pid}, count);
}

void StackAggregator::moveInto(RunRecord& record) {
    std::vector<std::pair<SampleKey, std::uint64_t>> samples = std::move(m_samples);
    std::sort(samples.begin(), samples.end(), [](const auto& a, const auto& b) {
        return std::tie(a.first.node, a.first.event, a.first.process, a.first.pid) <
               std::tie(b.first.node, b.first.event, b.first.process, b.first.pid);
    });
    constexpr std::int64_t kUnnumbered = -1;
    std::vector<std::int64_t> frameIndex(m_frames.size(), kUnnumbered);
    std::vector<std::int64_t> nodeIndex(m_nodes.size(), kUnnumbered);
    StackProfile& profile = record.profile;
    std::vector<std::uint32_t> path; // aggregator nodes, innermost first
    for (const auto& [key, count] : samples) {
        path.clear();
        for (std::uint32_t node = key.node; node != kRoot && nodeIndex[node] == kUnnumbered;
             node = m_nodes[node].parent) {
            path.push_back(node);
        }
        for (auto node = path.rbegin(); node != path.rend(); ++node) {
            const Node& aggregated = m_nodes[*node];
            std::int64_t& frame = frameIndex[aggregated.frame];
            if (frame == kUnnumbered) {
                frame = static_cast<std::int64_t>(profile.frames.size());
                profile.frames.push_back(std::move(m_frames[aggregated.frame]));
            }
            nodeIndex[*node] = static_cast<std::int64_t>(profile.nodes.size());
            profile.nodes.push_back(
                {aggregated.parent == kRoot ? StackNode::kNoParent : nodeIndex[aggregated.parent],
                 frame});
        }
        profile.samples.push_back({nodeIndex[key.node], std::string(m_events.text(key.event)),
                                   std::string(m_processes.text(key.process)), key.pid, count});
    }
    if (m_truncatedNames > 0) {
        record.counters.push_back({"import.truncated_frame_names",
                                   {{"limit_bytes", std::to_string(kMaxFrameName)}},
                                   static_cast<double>(m_truncatedNames),
                                   false});
    }
    *this = StackAggregator();
}

} // namespace iolab::importers

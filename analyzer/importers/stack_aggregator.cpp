#include "analyzer/importers/stack_aggregator.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace iolab::importers {
namespace {

std::uint64_t mix(std::uint64_t value) {
    // splitmix64's finalizer: spreads integer keys over the hash table's buckets.
    value ^= value >> 30;
    value *= 0xbf58476d1ce4e5b9ULL;
    value ^= value >> 27;
    value *= 0x94d049bb133111ebULL;
    return value ^ (value >> 31);
}

} // namespace

std::size_t ViewHash::operator()(std::string_view text) const {
    // FNV-1a over 8-byte words: short keys (symbols, comms) hash in a few steps.
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word = 0;
        std::copy_n(text.data() + i, 8, reinterpret_cast<char*>(&word));
        hash = (hash ^ word) * 0x100000001b3ULL;
    }
    std::uint64_t tail = 0;
    std::copy_n(text.data() + i, text.size() - i, reinterpret_cast<char*>(&tail));
    hash = (hash ^ tail ^ text.size()) * 0x100000001b3ULL;
    return static_cast<std::size_t>(mix(hash));
}

std::uint32_t StringInterner::intern(std::string_view text) {
    const auto found = m_ids.find(text);
    if (found != m_ids.end()) {
        return found->second;
    }
    const auto id = static_cast<std::uint32_t>(m_texts.size());
    const auto [it, added] = m_ids.emplace(std::string(text), id);
    m_texts.push_back(&it->first); // node-based map: the key's address is stable
    return id;
}

std::size_t StackAggregator::SampleKeyHash::operator()(const SampleKey& key) const {
    const std::uint64_t ids =
        (std::uint64_t{key.node} << 32) ^ (std::uint64_t{key.event} << 20) ^ key.process;
    return static_cast<std::size_t>(mix(ids ^ mix(static_cast<std::uint64_t>(key.pid))));
}

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

void StackAggregator::addSample(std::span<const std::uint32_t> innermostFirst, std::uint32_t event,
                                std::uint32_t process, std::int64_t pid, std::uint64_t count) {
    if (innermostFirst.empty()) {
        return;
    }
    const std::string_view key(reinterpret_cast<const char*>(innermostFirst.data()),
                               innermostFirst.size_bytes());
    if (const auto known = m_stackNodes.find(key); known != m_stackNodes.end()) {
        m_samples[{known->second, event, process, pid}] += count;
        return;
    }
    std::uint32_t node = kRoot;
    for (auto frame = innermostFirst.rbegin(); frame != innermostFirst.rend(); ++frame) {
        const std::uint64_t key = (std::uint64_t{node} << 32) | *frame;
        const auto [it, added] =
            m_children.try_emplace(key, static_cast<std::uint32_t>(m_nodes.size()));
        if (added) {
            m_nodes.push_back({node, *frame});
        }
        node = it->second;
    }
    m_stackNodes.emplace(std::string(key), node);
    m_samples[{node, event, process, pid}] += count;
}

void StackAggregator::moveInto(RunRecord& record) {
    std::vector<std::pair<SampleKey, std::uint64_t>> samples(m_samples.begin(), m_samples.end());
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
        profile.samples.push_back({nodeIndex[key.node], m_events.text(key.event),
                                   m_processes.text(key.process), key.pid, count});
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

#include "analyzer/model/stack_profile_builder.h"

#include <utility>

namespace iolab {

std::size_t StackProfileBuilder::ChildKeyHash::operator()(const ChildKey& key) const {
    // splitmix64's finalizer over both ids: node ids are dense, so their low bits alone would
    // crowd the buckets.
    auto value = static_cast<std::uint64_t>(key.parent) * 0x9e3779b97f4a7c15ULL ^
                 static_cast<std::uint64_t>(key.frame);
    value ^= value >> 30;
    value *= 0xbf58476d1ce4e5b9ULL;
    value ^= value >> 27;
    value *= 0x94d049bb133111ebULL;
    return static_cast<std::size_t>(value ^ (value >> 31));
}

std::int64_t StackProfileBuilder::internFrame(const Frame& frame) {
    const auto [it, added] =
        m_frames.try_emplace(frame, static_cast<std::int64_t>(m_profile.frames.size()));
    if (added) {
        m_profile.frames.push_back(frame);
    }
    return it->second;
}

std::int64_t StackProfileBuilder::internStack(std::span<const Frame> frames) {
    std::int64_t node = StackNode::kNoParent;
    for (const Frame& frame : frames) {
        const std::int64_t frameIndex = internFrame(frame);
        const auto [it, added] = m_children.try_emplace(
            {node, frameIndex}, static_cast<std::int64_t>(m_profile.nodes.size()));
        if (added) {
            m_profile.nodes.push_back({node, frameIndex});
        }
        node = it->second;
    }
    return node;
}

void StackProfileBuilder::addSample(std::span<const Frame> frames, const std::string& event,
                                    const std::string& process, std::int64_t pid,
                                    std::uint64_t count) {
    const std::int64_t node = internStack(frames);
    if (node == StackNode::kNoParent) {
        return;
    }
    const auto [it, added] =
        m_samples.try_emplace({node, event, process, pid}, m_profile.samples.size());
    if (added) {
        m_profile.samples.push_back({node, event, process, pid, count});
    } else {
        m_profile.samples[it->second].count += count;
    }
}

void StackProfileBuilder::addEdge(const Frame& caller, const Frame& callee,
                                  const std::string& event, std::uint64_t count) {
    const std::int64_t from = internFrame(caller);
    const std::int64_t to = internFrame(callee);
    const auto [it, added] = m_edges.try_emplace({from, to, event}, m_profile.edges.size());
    if (added) {
        m_profile.edges.push_back({from, to, event, count});
    } else {
        m_profile.edges[it->second].count += count;
    }
}

StackProfile StackProfileBuilder::take() {
    StackProfile profile = std::exchange(m_profile, {});
    m_frames = {};
    m_children = {};
    m_samples = {};
    m_edges = {};
    return profile;
}

} // namespace iolab

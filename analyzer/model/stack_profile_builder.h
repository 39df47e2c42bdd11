#pragma once

#include "analyzer/model/stack_profile.h"

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <tuple>
#include <unordered_map>

namespace iolab {

// Builds a StackProfile by interning frames and stack prefixes, so that importers and live
// sampling produce the same prefix tree. Samples with the same node, event and process are summed.
class StackProfileBuilder {
public:
    // Returns the frame's index, adding it when new.
    std::int64_t internFrame(const Frame& frame);
    // Returns the node of the stack `frames` (outermost first), adding missing prefixes.
    // An empty stack has no node: returns StackNode::kNoParent.
    std::int64_t internStack(std::span<const Frame> frames);
    // Adds `count` samples on `frames` (outermost first). Empty stacks are ignored.
    void addSample(std::span<const Frame> frames, const std::string& event,
                   const std::string& process, std::int64_t pid, std::uint64_t count);
    void addEdge(const Frame& caller, const Frame& callee, const std::string& event,
                 std::uint64_t count);

    // The profile built so far; the builder is left empty.
    StackProfile take();

private:
    StackProfile m_profile;
    std::map<Frame, std::int64_t> m_frames;
    struct ChildKey {
        std::int64_t parent;
        std::int64_t frame;
        bool operator==(const ChildKey&) const = default;
    };
    struct ChildKeyHash {
        std::size_t operator()(const ChildKey& key) const;
    };
    // A hash map: a profile can hold millions of nodes, and this is the one lookup per frame.
    std::unordered_map<ChildKey, std::int64_t, ChildKeyHash> m_children;
    std::map<std::tuple<std::int64_t, std::string, std::string, std::int64_t>, std::size_t>
        m_samples; // (node, event, process, pid) -> index in m_profile.samples
    std::map<std::tuple<std::int64_t, std::int64_t, std::string>, std::size_t> m_edges;
};

} // namespace iolab

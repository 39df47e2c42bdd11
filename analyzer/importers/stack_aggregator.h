#pragma once

#include "analyzer/importers/hash_index.h"
#include "analyzer/model/run_record.h"

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace iolab::importers {

// Aggregates the samples of a streamed profile with hash indexes over small integers, so that
// memory grows with the unique frames and stacks, not with the input.
class StackAggregator {
public:
    // Longer frame names (a symbol, a module) are cut to this many bytes and counted: one
    // pathological line must not take memory in proportion to its length more than once.
    static constexpr std::size_t kMaxFrameName = 64 * 1024;

    // A frame text as the aggregator keeps it: at most kMaxFrameName bytes. Readers that cache
    // texts call it first, so their caches stay as bounded as the aggregator.
    std::string_view boundedName(std::string_view text);
    std::uint32_t internFrame(const Frame& frame);
    const Frame& frame(std::uint32_t id) const { return m_frames[id]; }
    std::uint32_t internEvent(std::string_view event) { return m_events.intern(event); }
    std::uint32_t internProcess(std::string_view process);

    // Adds `count` to the stack `frames` (frame ids, innermost first).
    void addSample(std::span<const std::uint32_t> innermostFirst, std::uint32_t event,
                   std::uint32_t process, std::int64_t pid, std::uint64_t count);

    // Moves the aggregated profile into `record` (and a count of cut frame names, when any).
    // Frames and nodes are numbered in the order of the sorted samples' stacks, outermost
    // first, so the same input always gives the same profile.
    void moveInto(RunRecord& record);

private:
    struct SampleKey {
        std::uint32_t node;
        std::uint32_t event;
        std::uint32_t process;
        std::int64_t pid;
        bool operator==(const SampleKey&) const = default;
    };
    struct Node {
        std::uint32_t parent; // kRoot for outermost frames
        std::uint32_t frame;
    };
    static constexpr std::uint32_t kRoot = UINT32_MAX;

    // The node of `frame` called from `parent`, added when new.
    std::uint32_t childNode(std::uint32_t parent, std::uint32_t frame);
    void addToSample(const SampleKey& key, std::uint64_t count);

    std::vector<Frame> m_frames;
    std::map<Frame, std::uint32_t> m_frameIds;
    std::vector<Node> m_nodes;
    HashIndex m_children; // node ids by (parent, frame)
    // Whole stacks (their frame ids' bytes) by id, and each one's leaf node: one lookup per
    // sample for a stack seen before, instead of one per frame.
    TextIds m_stacks;
    std::vector<std::uint32_t> m_stackLeaves;
    std::vector<std::pair<SampleKey, std::uint64_t>> m_samples; // with their counts
    HashIndex m_sampleIds;
    TextIds m_events;
    TextIds m_processes;
    std::uint32_t m_lastProcess = HashIndex::kNone;
    std::uint64_t m_truncatedNames = 0;
};

} // namespace iolab::importers

#pragma once

#include "analyzer/model/run.h"
#include "analyzer/model/stack_profile_builder.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

// What the opreport text and XML importers share: how an image name maps to a frame kind, the
// events of a profile, and how self samples and call arcs become a StackProfile.
namespace iolab::importers::opreport {

// Module for kernel modules (`foo.ko`, anything under /lib/modules/), Kernel for vmlinux,
// `vmlinux-*` and `[kernel.kallsyms]`, User for everything else.
FrameKind frameKind(std::string_view image);

// The tgid of an anonymous mapping's image name ("anon (tgid:10014 range:0x1-0x2)"); 0 otherwise.
std::int64_t tgidOf(std::string_view image);

// One counter of the profile: "Counted NAME events (DESCRIPTION) with a unit mask of MASK count N".
struct EventSetup {
    std::string name;
    std::string description;
    std::string unit_mask;
    std::string count; // the sampling interval, as printed
};

// The event of a `Counted ...` header line; nullopt for any other line.
std::optional<EventSetup> parseCountedLine(std::string_view line);

// The name each event's samples carry: its event name, or NAME:UNITMASK when two counters count
// the same event with different unit masks.
std::vector<std::string> sampleEventNames(const std::vector<EventSetup>& events);

// Records the events in the run's metadata (event.NAME.description, .unit_mask, .count).
void addEventMetadata(const std::vector<EventSetup>& events, const std::vector<std::string>& names,
                      Run& run);

// Collects self samples and call arcs. opreport prints every arc twice, as a callee line in the
// caller's block and as a caller line in the callee's block (a recursive arc shows both ways in
// one block); an arc is kept once, with the largest count any one side of a block gives it
// (lines of the same arc on the same side add up).
class ProfileCollector {
public:
    void addSelf(const Frame& frame, const std::string& event, const std::string& process,
                 std::int64_t pid, std::uint64_t count);
    enum class Side { Caller, Callee }; // which list of its block the arc's line was in
    void addArc(const Frame& caller, const Frame& callee, const std::string& event,
                std::uint64_t count, Side side);
    // Ends a call-graph block: its arcs are merged into the profile's.
    void endBlock();

    std::uint64_t selfSamples() const { return m_selfSamples; }
    // The profile: self samples on one-frame stacks, arcs as call edges.
    StackProfile take();

private:
    std::int64_t internFrame(const Frame& frame);

    using ArcKey = std::tuple<std::int64_t, std::int64_t, std::string>; // interned frames
    StackProfileBuilder m_builder;
    std::map<Frame, std::int64_t> m_frameIds; // the frames of arcs, interned
    std::vector<Frame> m_frames;
    std::map<std::pair<ArcKey, Side>, std::uint64_t> m_block;
    std::map<ArcKey, std::uint64_t> m_arcs;
    std::vector<ArcKey> m_arcOrder; // first-seen order, so the profile is deterministic
    std::uint64_t m_selfSamples = 0;
};

} // namespace iolab::importers::opreport

#pragma once

#include "analyzer/importers/importer.h"
#include "analyzer/model/run_record.h"

#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>

namespace iolab::test {

inline std::string opreportFixture(const std::string& name) {
    return std::string(IOLAB_SOURCE_DIR) + "/tests/data/opreport/" + name;
}

inline std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot open " + path);
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Imports a fixture of tests/data/opreport with `importer`; errors name the fixture's file name.
inline RunRecord importFixture(const importers::Importer& importer, const std::string& name) {
    std::ifstream in(opreportFixture(name), std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot open fixture " + name);
    }
    RunRecord record;
    importer.import({in, name}, record);
    return record;
}

// The samples of `event` on the one-frame stack of `symbol` (any module).
inline std::uint64_t selfSamples(const StackProfile& profile, const std::string& symbol,
                                 const std::string& event) {
    std::uint64_t total = 0;
    for (const Sample& sample : profile.samples) {
        const auto& node = profile.nodes[static_cast<std::size_t>(sample.node)];
        if (sample.event == event && node.parent == StackNode::kNoParent &&
            profile.frames[static_cast<std::size_t>(node.frame)].symbol == symbol) {
            total += sample.count;
        }
    }
    return total;
}

// The count of the call edge caller -> callee of `event`; 0 when absent.
inline std::uint64_t edgeCount(const StackProfile& profile, const std::string& caller,
                               const std::string& callee, const std::string& event) {
    for (const CallEdge& edge : profile.edges) {
        if (edge.event == event &&
            profile.frames[static_cast<std::size_t>(edge.caller)].symbol == caller &&
            profile.frames[static_cast<std::size_t>(edge.callee)].symbol == callee) {
            return edge.count;
        }
    }
    return 0;
}

inline const Frame* findFrame(const StackProfile& profile, const std::string& symbol) {
    for (const Frame& frame : profile.frames) {
        if (frame.symbol == symbol) {
            return &frame;
        }
    }
    return nullptr;
}

} // namespace iolab::test

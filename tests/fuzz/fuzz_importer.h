#pragma once

#include "analyzer/errors.h"
#include "analyzer/importers/importer.h"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

namespace iolab::fuzz {

// Any bytes: detection answers, and the import either fills a record whose profile refers only
// to nodes and frames it has, or throws InputError. Anything else (another exception, a
// sanitizer report, the trap below) is a finding.
inline int fuzzImporter(const importers::Importer& importer, const std::uint8_t* data,
                        std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    importer.detect(text);
    std::istringstream stream(text);
    RunRecord record;
    try {
        importer.import({stream, "fuzz"}, record);
    } catch (const InputError&) {
        return 0;
    }
    const StackProfile& profile = record.profile;
    for (const Sample& sample : profile.samples) {
        if (sample.node < 0 || static_cast<std::size_t>(sample.node) >= profile.nodes.size()) {
            __builtin_trap();
        }
    }
    for (const StackNode& node : profile.nodes) {
        if (node.frame < 0 || static_cast<std::size_t>(node.frame) >= profile.frames.size()) {
            __builtin_trap();
        }
    }
    return 0;
}

} // namespace iolab::fuzz

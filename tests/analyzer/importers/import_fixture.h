#pragma once

#include "analyzer/importers/importer.h"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace iolab::test {

inline std::string importFixturePath(const std::string& name) {
    return std::string(IOLAB_SOURCE_DIR) + "/tests/data/import/" + name;
}

inline std::string readFixture(const std::string& name) {
    std::ifstream file(importFixturePath(name), std::ios::binary);
    if (!file) {
        throw std::runtime_error("missing fixture " + name);
    }
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

inline RunRecord importText(const importers::Importer& importer, const std::string& text,
                            const std::string& name = "input") {
    std::istringstream stream(text);
    RunRecord record;
    importer.import({stream, name}, record);
    return record;
}

inline RunRecord importFixture(const importers::Importer& importer, const std::string& name) {
    return importText(importer, readFixture(name), name);
}

// The summed count of `event` samples whose stack holds a frame named `symbol` (inclusive), or
// whose innermost frame is `symbol` (self) when `selfOnly`.
inline std::uint64_t countWith(const StackProfile& profile, const std::string& event,
                               const std::string& symbol, bool selfOnly = false) {
    std::uint64_t total = 0;
    for (const Sample& sample : profile.samples) {
        if (sample.event != event) {
            continue;
        }
        for (std::int64_t node = sample.node; node != StackNode::kNoParent;
             node = profile.nodes[node].parent) {
            if (profile.frames[profile.nodes[node].frame].symbol == symbol) {
                total += sample.count;
                break;
            }
            if (selfOnly) {
                break;
            }
        }
    }
    return total;
}

inline double counterValue(const RunRecord& record, const std::string& name,
                           const std::string& event) {
    for (const Counter& counter : record.counters) {
        if (counter.name == name && counter.dimensions.count("event") &&
            counter.dimensions.at("event") == event) {
            return counter.value;
        }
    }
    return -1;
}

} // namespace iolab::test

#include "reports/export_pprof.h"

#include "analyzer/analysis/folded_export.h"
#include "analyzer/analysis/profile_events.h"
#include "reports/export_stacks.h"
#include "reports/protobuf_writer.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

namespace iolab::reports {
namespace {

// Field numbers of profile.proto.
namespace field {
constexpr std::uint32_t kSampleType = 1, kSample = 2, kMapping = 3, kLocation = 4, kFunction = 5,
                        kStringTable = 6, kDefaultSampleType = 14;
constexpr std::uint32_t kValueTypeType = 1, kValueTypeUnit = 2;
constexpr std::uint32_t kSampleLocation = 1, kSampleValue = 2, kSampleLabel = 3;
constexpr std::uint32_t kLabelKey = 1, kLabelStr = 2, kLabelNum = 3;
constexpr std::uint32_t kMappingId = 1, kMappingFilename = 5, kMappingHasFunctions = 7;
constexpr std::uint32_t kLocationId = 1, kLocationMapping = 2, kLocationLine = 4;
constexpr std::uint32_t kLineFunction = 1;
constexpr std::uint32_t kFunctionId = 1, kFunctionName = 2, kFunctionSystemName = 3,
                        kFunctionFilename = 4;
} // namespace field

// profile.proto's string table: index 0 is always "".
class StringTable {
public:
    StringTable() { index(""); }
    std::uint64_t index(const std::string& text) {
        const auto [it, added] = m_indices.try_emplace(text, m_strings.size());
        if (added) {
            m_strings.push_back(text);
        }
        return it->second;
    }
    void write(ProtobufWriter& out) const {
        for (const std::string& text : m_strings) {
            out.bytes(field::kStringTable, text);
        }
    }

private:
    std::map<std::string, std::uint64_t> m_indices;
    std::vector<std::string> m_strings;
};

ProtobufWriter label(StringTable& strings, const std::string& key, const std::string* text,
                     std::int64_t number) {
    ProtobufWriter out;
    out.varint(field::kLabelKey, strings.index(key));
    if (text != nullptr) {
        out.varint(field::kLabelStr, strings.index(*text));
    } else {
        out.varint(field::kLabelNum, static_cast<std::uint64_t>(number));
    }
    return out;
}

// Functions, locations and mappings: one function and one location per canonical frame (id =
// frame index + 1), one mapping per module.
void writeFrames(const StackProfile& profile, const std::vector<std::int64_t>& canonical,
                 StringTable& strings, ProtobufWriter& out) {
    std::map<std::string, std::uint64_t> mappings;
    for (std::size_t i = 0; i < profile.frames.size(); ++i) {
        if (canonical[i] != static_cast<std::int64_t>(i)) {
            continue;
        }
        const Frame& frame = profile.frames[i];
        const std::uint64_t id = i + 1;
        const std::string name = frame.symbol.empty() ? "[unknown]" : frame.symbol;
        ProtobufWriter function;
        function.varint(field::kFunctionId, id);
        function.varint(field::kFunctionName, strings.index(name));
        function.varint(field::kFunctionSystemName, strings.index(name));
        function.varint(field::kFunctionFilename, strings.index(frame.module));
        out.message(field::kFunction, function);

        ProtobufWriter line;
        line.varint(field::kLineFunction, id);
        ProtobufWriter location;
        location.varint(field::kLocationId, id);
        if (!frame.module.empty()) {
            const auto [mapping, added] = mappings.try_emplace(frame.module, mappings.size() + 1);
            if (added) {
                ProtobufWriter entry;
                entry.varint(field::kMappingId, mapping->second);
                entry.varint(field::kMappingFilename, strings.index(frame.module));
                entry.varint(field::kMappingHasFunctions, 1);
                out.message(field::kMapping, entry);
            }
            location.varint(field::kLocationMapping, mapping->second);
        }
        location.message(field::kLocationLine, line);
        out.message(field::kLocation, location);
    }
}

} // namespace

std::string exportPprof(const StackProfile& profile) {
    const std::vector<std::string> events = eventsWithSamples(profile);
    const std::vector<std::int64_t> canonical = analysis::canonicalFrames(profile);
    StringTable strings;
    ProtobufWriter out;
    for (const std::string& event : events) {
        ProtobufWriter type;
        type.varint(field::kValueTypeType, strings.index(event));
        type.varint(field::kValueTypeUnit, strings.index("count"));
        out.message(field::kSampleType, type);
    }
    // (stack, process, pid) -> one count per event.
    std::map<std::tuple<std::int64_t, std::string, std::int64_t>, std::vector<std::uint64_t>>
        samples;
    for (const Sample& sample : profile.samples) {
        const auto event = std::find(events.begin(), events.end(), sample.event);
        if (event == events.end()) {
            continue;
        }
        auto& values = samples[{sample.node, sample.process, sample.pid}];
        values.resize(events.size());
        values[static_cast<std::size_t>(event - events.begin())] += sample.count;
    }
    for (const auto& [key, values] : samples) {
        const auto& [node, process, pid] = key;
        std::vector<std::uint64_t> locations; // innermost first, as pprof wants
        for (const std::int64_t frame : stackFrames(profile, canonical, node)) {
            locations.insert(locations.begin(), static_cast<std::uint64_t>(frame) + 1);
        }
        ProtobufWriter sample;
        sample.packed(field::kSampleLocation, locations);
        sample.packed(field::kSampleValue, values);
        if (!process.empty()) {
            sample.message(field::kSampleLabel, label(strings, "process", &process, 0));
        }
        if (pid != 0) {
            sample.message(field::kSampleLabel, label(strings, "pid", nullptr, pid));
        }
        out.message(field::kSample, sample);
    }
    writeFrames(profile, canonical, strings, out);
    strings.write(out);
    out.varint(field::kDefaultSampleType, strings.index(analysis::defaultFoldedEvent(profile)));
    return gzipCompress(out.data());
}

} // namespace iolab::reports

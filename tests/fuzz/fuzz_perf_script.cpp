#include "analyzer/errors.h"
#include "analyzer/importers/perf_script.h"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

// Any bytes: detection answers, the import either fills a record or throws InputError.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const iolab::importers::PerfScriptImporter importer;
    importer.detect(text);
    std::istringstream stream(text);
    iolab::RunRecord record;
    try {
        importer.import({stream, "fuzz"}, record);
    } catch (const iolab::InputError&) {
        return 0;
    }
    for (const iolab::Sample& sample : record.profile.samples) {
        if (sample.node < 0 ||
            static_cast<std::size_t>(sample.node) >= record.profile.nodes.size()) {
            __builtin_trap();
        }
    }
    return 0;
}

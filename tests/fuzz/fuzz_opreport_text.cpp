#include "analyzer/errors.h"
#include "analyzer/importers/opreport_text.h"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const iolab::importers::OpreportTextImporter importer;
    importer.detect(text);
    std::istringstream stream(text);
    iolab::RunRecord record;
    try {
        importer.import({stream, "fuzz"}, record);
    } catch (const iolab::InputError&) {
    }
    return 0;
}

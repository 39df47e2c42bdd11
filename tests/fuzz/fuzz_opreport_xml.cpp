#include "analyzer/importers/opreport_xml.h"
#include "tests/fuzz/fuzz_importer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return iolab::fuzz::fuzzImporter(iolab::importers::OpreportXmlImporter{}, data, size);
}

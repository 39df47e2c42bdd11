#include "analyzer/errors.h"
#include "analyzer/importers/fio_json.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const iolab::importers::FioJsonImporter importer;
    importer.detect(text);
    try {
        const iolab::importers::FioResults results = iolab::importers::parseFioJson(text, "fuzz");
        for (const iolab::FioJob& job : results.jobs) {
            for (const iolab::HistogramBucket& bucket : job.clat_histogram) {
                if (bucket.lower > bucket.upper) {
                    __builtin_trap();
                }
            }
        }
    } catch (const iolab::InputError&) {
    }
    return 0;
}

#pragma once

#include "analyzer/model/run_record.h"

#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace iolab::importers {

enum class Detection { Yes, No, NeedMore };

// Where an importer reads from: the stream and the name used in `FILE:LINE: what` errors.
struct Source {
    std::istream& stream;
    std::string name;
};

// One importer per format (STYLE.md §6). Importers never touch SQL: they fill a RunRecord
// and the caller writes it in one transaction.
class Importer {
public:
    virtual ~Importer() = default;
    Importer() = default;
    Importer(const Importer&) = delete;
    Importer& operator=(const Importer&) = delete;
    Importer(Importer&&) = delete;
    Importer& operator=(Importer&&) = delete;

    // The name given to --format ("perf-script", "opreport", "fio-json", "folded").
    virtual std::string_view format() const = 0;
    // Looks at the first bytes of a file: Yes, No, or NeedMore when `head` is too short to tell
    // (the caller then passes more, or treats end of file as No).
    virtual Detection detect(std::string_view head) const = 0;
    // Reads the whole source into `record` (profile, fio jobs, histograms, counters, metadata).
    // Throws InputError("NAME:LINE: what is wrong") on malformed input.
    virtual void import(Source source, RunRecord& record) const = 0;
};

// Every importer, in detection order.
std::vector<std::unique_ptr<Importer>> allImporters();

} // namespace iolab::importers

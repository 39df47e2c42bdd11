#pragma once

#include "analyzer/importers/importer.h"
#include "analyzer/model/fio_job.h"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace iolab::importers {

// What one fio JSON document (--output-format=json or json+) holds.
struct FioResults {
    // One entry per job (or group, with group_reporting) and direction that did any IO.
    std::vector<FioJob> jobs;
    // "fio.version", "fio.JOB.filename", "fio.JOB.ioengine", "fio.JOB.iodepth", "fio.JOB.bs",
    // "fio.JOB.rw", ... (global options appear as "fio.global.NAME").
    std::map<std::string, std::string> metadata;
};

// Parses fio's JSON output. Text before the document (warning lines fio prints to stdout) is
// skipped. Throws InputError("NAME:LINE: what is wrong") on malformed or truncated JSON.
FioResults parseFioJson(std::string_view text, const std::string& sourceName);

// The "fio-json" importer: fio jobs and metadata into a RunRecord.
class FioJsonImporter : public Importer {
public:
    std::string_view format() const override;
    Detection detect(std::string_view head) const override;
    void import(Source source, RunRecord& record) const override;
};

} // namespace iolab::importers

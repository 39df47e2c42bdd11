#pragma once

#include "analyzer/importers/importer.h"

namespace iolab::importers {

// `perf script` text, with or without call chains (the default field set, or any set holding
// comm, pid or tid, and event; time, cpu, period, ip, sym and dso are used when present).
// Frames become the profile's prefix tree; each sample keeps its event, comm, pid and count
// (the period when perf printed one, else 1). Samples without a stack are counted on an
// "[unknown]" frame so that no sample is lost. Reads the input as a stream: memory grows with
// the unique stacks, not with the file.
class PerfScriptImporter : public Importer {
public:
    std::string_view format() const override;
    Detection detect(std::string_view head) const override;
    void import(Source source, RunRecord& record) const override;
};

} // namespace iolab::importers

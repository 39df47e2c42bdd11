#pragma once

#include "analyzer/importers/importer.h"

namespace iolab::importers {

// Folded stacks, one per line: "outer;middle;inner COUNT" (flamegraph.pl, inferno, iolab export).
// A frame ending in "_[k]" is a kernel frame (the suffix is dropped). The samples have the
// event "samples" and no process: the format carries neither.
class FoldedImporter : public Importer {
public:
    std::string_view format() const override;
    Detection detect(std::string_view head) const override;
    void import(Source source, RunRecord& record) const override;
};

} // namespace iolab::importers

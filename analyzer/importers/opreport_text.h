#pragma once

#include "analyzer/importers/importer.h"

namespace iolab::importers {

// oprofile's `opreport -l` (symbol summary) and `opreport -c` (call graph) text output, with one
// or several events (a `samples %` column pair each, named by the `Counted ...` header lines) and
// with or without the image and app name columns.
// - Symbol summary: each line's counts become samples on a one-frame stack, per event.
// - Call graph: each block between separator lines has callers (indented, above), the entry
//   (unindented) and callees (indented, below; the entry itself marked `[self]`). The entry's
//   counts are its self samples; callers and callees become call edges with their counts.
// Frames: symbol name, module = image name (app name without an image column), kind from the
// image (*.ko and /lib/modules/ → Module, vmlinux → Kernel). The process is the app name.
class OpreportTextImporter : public Importer {
public:
    std::string_view format() const override;
    Detection detect(std::string_view head) const override;
    void import(Source source, RunRecord& record) const override;
};

} // namespace iolab::importers

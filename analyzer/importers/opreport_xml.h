#pragma once

#include "analyzer/importers/importer.h"

namespace iolab::importers {

// oprofile's `opreport --xml` output (schema 3.x, doc/opreport.xsd), with or without call-graph
// data (`opreport --xml -c`). Events come from <setup><eventsetup>; counts of each <class> go to
// its event. A <symbol> of a <binary>, <module> or <thread> gives self samples; its <callers> and
// <callees> give call edges (a callee marked self="true" is the symbol itself). Frames are as for
// the text importer: module = the module or binary name, process = the binary or process name.
class OpreportXmlImporter : public Importer {
public:
    std::string_view format() const override;
    Detection detect(std::string_view head) const override;
    void import(Source source, RunRecord& record) const override;
};

} // namespace iolab::importers

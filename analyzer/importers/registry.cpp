#include "analyzer/importers/fio_json.h"
#include "analyzer/importers/folded.h"
#include "analyzer/importers/importer.h"
#include "analyzer/importers/opreport_text.h"
#include "analyzer/importers/opreport_xml.h"
#include "analyzer/importers/perf_script.h"

namespace iolab::importers {

// Detection order: the most specific formats first; folded stacks, the loosest, last.
std::vector<std::unique_ptr<Importer>> allImporters() {
    std::vector<std::unique_ptr<Importer>> importers;
    importers.push_back(std::make_unique<FioJsonImporter>());
    importers.push_back(std::make_unique<OpreportXmlImporter>());
    importers.push_back(std::make_unique<OpreportTextImporter>());
    importers.push_back(std::make_unique<PerfScriptImporter>());
    importers.push_back(std::make_unique<FoldedImporter>());
    return importers;
}

} // namespace iolab::importers

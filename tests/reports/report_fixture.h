#pragma once

#include "analyzer/analysis/comparison.h"
#include "analyzer/store/store.h"

#include <filesystem>
#include <string>

namespace iolab::test {

// Writes the comparison fixtures into `store`:
//   series "base"   5 runs of randread at about 100k IOPS, tagged baseline
//   series "slow"   5 runs at about 70k IOPS with more allocations and lock time, tagged
//                   candidate, one of them on another kernel
//   series "same"   5 runs at about 100k IOPS again, tagged same
void writeReportFixtures(store::Store& store);

// A report with what changes from run to run replaced by placeholders: the generation time,
// the host, the program version.
std::string normaliseReport(std::string text);

} // namespace iolab::test

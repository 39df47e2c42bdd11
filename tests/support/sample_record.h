#pragma once

#include "analyzer/model/run_record.h"

#include <string>

namespace iolab::test {

// A run with every part of the model filled, each with values that differ from defaults.
RunRecord sampleRecord(const std::string& name = "sample");

} // namespace iolab::test

#pragma once

#include "analyzer/model/run.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace iolab {

// What a user attaches to a run when recording or importing it: its provenance and free
// metadata. `--meta commit=…`, `branch=…` and `ci_job=…` fill the provenance; any other key is
// stored as run metadata, replacing what iolab would store under that key.
struct RunLabels {
    Provenance provenance;
    std::map<std::string, std::string> metadata;

    bool operator==(const RunLabels&) const = default;
};

// Starts from `defaults` (the provenance the CI system reports) and applies each KEY=VALUE in
// order; throws InputError naming an assignment without `=` or with an empty key.
RunLabels parseRunLabels(const Provenance& defaults, const std::vector<std::string>& assignments);

// Sets the labels on `run`.
void applyRunLabels(const RunLabels& labels, Run& run);

} // namespace iolab

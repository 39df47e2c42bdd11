#include "analyzer/analysis/run_labels.h"

#include "analyzer/errors.h"

namespace iolab {
namespace {

// Empty when `key` is no provenance field.
std::string* provenanceField(Provenance& provenance, std::string_view key) {
    if (key == "commit") {
        return &provenance.commit;
    }
    if (key == "branch") {
        return &provenance.branch;
    }
    if (key == "ci_job") {
        return &provenance.ci_job;
    }
    return nullptr;
}

} // namespace

RunLabels parseRunLabels(const Provenance& defaults, const std::vector<std::string>& assignments) {
    RunLabels labels{defaults, {}};
    for (const std::string& assignment : assignments) {
        const auto equals = assignment.find('=');
        if (equals == std::string::npos || equals == 0) {
            throw InputError("--meta '" + assignment + "': expected KEY=VALUE");
        }
        const std::string key = assignment.substr(0, equals);
        std::string value = assignment.substr(equals + 1);
        if (std::string* field = provenanceField(labels.provenance, key)) {
            *field = std::move(value);
        } else {
            labels.metadata.insert_or_assign(key, std::move(value));
        }
    }
    return labels;
}

void applyRunLabels(const RunLabels& labels, Run& run) {
    run.provenance = labels.provenance;
    for (const auto& [key, value] : labels.metadata) {
        run.metadata.insert_or_assign(key, value);
    }
}

} // namespace iolab

#include "cli/run_labels_option.h"

#include <cstdlib>
#include <initializer_list>

namespace iolab::cli {
namespace {

// The first of `names` that is set and not empty; empty when none is.
std::string firstVariable(std::initializer_list<const char*> names) {
    for (const char* name : names) {
        if (const char* value = std::getenv(name); value != nullptr && *value != '\0') {
            return value;
        }
    }
    return {};
}

Provenance ciProvenance() {
    return {firstVariable({"GITHUB_SHA", "CI_COMMIT_SHA"}),
            firstVariable({"GITHUB_REF_NAME", "CI_COMMIT_REF_NAME"}),
            firstVariable({"GITHUB_RUN_ID", "CI_JOB_ID"})};
}

} // namespace

void addMetaOption(CLI::App& command, std::vector<std::string>& assignments) {
    command
        .add_option("--meta", assignments,
                    "KEY=VALUE stored with the run (repeatable); commit=, branch= and ci_job= "
                    "set its provenance (default: from GITHUB_SHA, GITHUB_REF_NAME, "
                    "GITHUB_RUN_ID or CI_COMMIT_SHA, CI_COMMIT_REF_NAME, CI_JOB_ID)")
        ->allow_extra_args(false)
        ->type_name("KEY=VALUE");
}

RunLabels runLabels(const std::vector<std::string>& assignments) {
    return parseRunLabels(ciProvenance(), assignments);
}

} // namespace iolab::cli

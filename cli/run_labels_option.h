#pragma once

#include "analyzer/analysis/run_labels.h"

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace iolab::cli {

// Adds --meta KEY=VALUE (repeatable) to `record` and `import`.
void addMetaOption(CLI::App& command, std::vector<std::string>& assignments);

// The provenance the CI system puts in the environment (GitHub Actions: GITHUB_SHA,
// GITHUB_REF_NAME, GITHUB_RUN_ID; GitLab CI: CI_COMMIT_SHA, CI_COMMIT_REF_NAME, CI_JOB_ID),
// with the `--meta` assignments applied over it.
RunLabels runLabels(const std::vector<std::string>& assignments);

} // namespace iolab::cli

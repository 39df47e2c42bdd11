#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace iolab::sweep {

// fio job options a sweep sets: {"iodepth", "16"}.
using FioOptions = std::vector<std::pair<std::string, std::string>>;

// The fio command with `options` set in every job, the user's files untouched. fio takes
// command-line options before a job file only as global defaults, which a job's own line
// overrides, so each job file is copied to `directory` (named PREFIX-NAME) with KEY=VALUE as the
// last line of every section, [global] included; relative include paths are made absolute.
// Jobs defined on the command line (--name=...) get --KEY=VALUE at the end of their options.
std::vector<std::string> withFioOptions(const std::vector<std::string>& argv,
                                        const FioOptions& options,
                                        const std::filesystem::path& directory,
                                        const std::string& prefix);

// Runs `fio --parse-only` on the command (output into `directory`): InputError with fio's first
// complaint, prefixed by `what`, when fio refuses a job or an option.
void checkFioCommand(const std::vector<std::string>& argv, const std::filesystem::path& directory,
                     const std::string& what);

} // namespace iolab::sweep

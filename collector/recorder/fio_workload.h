#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace iolab::recorder {

// Whether the command runs fio (its argv[0] is named fio).
bool isFio(const std::vector<std::string>& argv);

// fio's version ("fio-3.33"); nullopt when fio cannot be run.
std::optional<std::string> fioVersion();

// Whether the command already chose fio's output file or format.
bool choosesOutput(const std::vector<std::string>& argv);

// The JSON file a command that chose its own output has fio write: --output=FILE (or
// --output FILE) with --output-format json or json+; nullopt when its results go to stdout or
// are not JSON.
std::optional<std::filesystem::path> chosenJsonOutput(const std::vector<std::string>& argv);

// The command with JSON output into `output` added (json+, which carries the latency
// histogram, when fio supports it).
std::vector<std::string> withJsonOutput(std::vector<std::string> argv,
                                        const std::filesystem::path& output);

// The files the fio command names: --filename= options and filename= lines of its job files,
// with ${VAR} taken from the environment as fio does. A missing job file is skipped.
std::vector<std::string> fioTargets(const std::vector<std::string>& argv);

} // namespace iolab::recorder

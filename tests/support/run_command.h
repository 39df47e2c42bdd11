#pragma once

#include <string>
#include <vector>

namespace iolab::test {

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs `argv` (no shell), capturing stdout, stderr and the exit code.
CommandResult runCommand(const std::vector<std::string>& argv);

// The path of the built `iolab` program.
std::string iolabBinary();

// `iolab ARGS...` from the build tree.
CommandResult runIolab(std::vector<std::string> args);

} // namespace iolab::test

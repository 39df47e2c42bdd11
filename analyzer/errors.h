#pragma once

#include <stdexcept>

namespace iolab {

// Bad input the user can fix: a malformed file, an unknown run, a bad option. Exit code 2.
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The system refused: no privileges, a missing kernel feature, an IO error. Exit code 3.
class SystemError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace iolab

#pragma once

#include <filesystem>
#include <string>

namespace iolab::test {

// Compares `actual` with the golden file at `path` (absolute, or relative to the source tree).
// Returns "" when they are equal, else where they first differ. With IOLAB_BLESS=1 it rewrites
// the file instead and returns "" (any other value of IOLAB_BLESS compares as usual).
std::string checkGolden(const std::filesystem::path& path, const std::string& actual);

} // namespace iolab::test

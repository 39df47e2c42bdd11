#include "tests/support/root.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string_view>
#include <unistd.h>

namespace iolab::test {

bool requireRoot() {
    if (geteuid() == 0) {
        return true;
    }
    const char* ci = std::getenv("CI");
    if (ci != nullptr && std::string_view(ci) == "true") {
        FAIL("this probe test needs root and CI=true forbids skipping it");
    }
    WARN("skipped: needs root (run the tests with sudo)");
    return false;
}

} // namespace iolab::test

#include "tests/support/golden.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string_view>

namespace iolab::test {
namespace {

bool blessing() {
    const char* bless = std::getenv("IOLAB_BLESS");
    return bless != nullptr && std::string_view(bless) == "1";
}

// "FILE:LINE: expected ... got ..." for the first line that differs.
std::string firstDifference(const std::filesystem::path& path, const std::string& expected,
                            const std::string& actual) {
    std::istringstream a(expected);
    std::istringstream b(actual);
    std::string lineA;
    std::string lineB;
    for (int line = 1;; ++line) {
        const bool moreA = static_cast<bool>(std::getline(a, lineA));
        const bool moreB = static_cast<bool>(std::getline(b, lineB));
        if (!moreA && !moreB) {
            break;
        }
        if (lineA != lineB || moreA != moreB) {
            return path.string() + ":" + std::to_string(line) + ": expected\n  " + lineA +
                   "\ngot\n  " + lineB + "\n(IOLAB_BLESS=1 rewrites the golden file)";
        }
    }
    return path.string() + ": differs in line endings (IOLAB_BLESS=1 rewrites it)";
}

} // namespace

std::string checkGolden(const std::filesystem::path& path, const std::string& actual) {
    const std::filesystem::path file =
        path.is_absolute() ? path : std::filesystem::path(IOLAB_SOURCE_DIR) / path;
    if (blessing()) {
        std::ofstream(file, std::ios::binary) << actual;
        return "";
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return file.string() + " is missing (run with IOLAB_BLESS=1 to write it)";
    }
    std::stringstream golden;
    golden << in.rdbuf();
    return golden.str() == actual ? "" : firstDifference(file, golden.str(), actual);
}

} // namespace iolab::test

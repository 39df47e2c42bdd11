#include "analyzer/importers/byte_scan.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <string>

using namespace iolab::importers;

namespace {

// The same answers, one byte at a time.
std::size_t slowFirstNonBlank(std::string_view text, std::size_t pos) {
    const std::size_t found = text.find_first_not_of(" \t", pos);
    return found;
}

std::size_t slowFirstBlank(std::string_view text, std::size_t pos) {
    return text.find_first_of(" \t", pos);
}

std::size_t slowLastBlankBefore(std::string_view text, std::size_t end) {
    return end == 0 ? std::string_view::npos : text.find_last_of(" \t", end - 1);
}

} // namespace

TEST_CASE("byte scan: blanks found by blocks equal a byte loop's", "[importers]") {
    std::mt19937 random(12);
    constexpr std::string_view kAlphabet = "  \t\tab:0[]\x80\xff";
    for (std::size_t size = 0; size < 70; ++size) {
        for (int trial = 0; trial < 40; ++trial) {
            std::string text(size, 'x');
            for (char& c : text) {
                c = kAlphabet[random() % kAlphabet.size()];
            }
            for (std::size_t pos = 0; pos <= size; ++pos) {
                CHECK(firstNonBlank(text, pos) == slowFirstNonBlank(text, pos));
                CHECK(firstBlank(text, pos) == slowFirstBlank(text, pos));
                CHECK(lastBlankBefore(text, pos) == slowLastBlankBefore(text, pos));
            }
            CHECK(countOf(text, '\t') ==
                  static_cast<std::size_t>(std::count(text.begin(), text.end(), '\t')));
        }
    }
}

TEST_CASE("byte scan: the vector masks equal the portable ones", "[importers]") {
    std::string block(byte_scan::kBlock, 'x');
    for (int value = 0; value < 256; ++value) {
        for (std::size_t at = 0; at < block.size(); ++at) {
            block.assign(byte_scan::kBlock, 'x');
            block[at] = static_cast<char>(value);
            CHECK(byte_scan::blankMask(block.data()) == byte_scan::blankMaskPortable(block.data()));
            CHECK(byte_scan::byteMask(block.data(), static_cast<char>(value)) ==
                  (std::uint32_t{1} << at | (value == 'x' ? 0xffffU : 0U)));
        }
    }
}

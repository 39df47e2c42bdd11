#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

// Scans for blanks (space or tab) eight bytes at a time: the importers' hot loops look for
// field ends in every line, and a byte loop costs several instructions per byte.
namespace iolab::importers {
namespace byte_scan {

constexpr std::uint64_t kLow7 = 0x7f7f7f7f7f7f7f7fULL;
constexpr std::uint64_t kHigh = 0x8080808080808080ULL;

inline std::uint64_t load(const char* bytes) {
    std::uint64_t word;
    std::memcpy(&word, bytes, sizeof word);
    return word;
}

// 0x80 in each byte of `word` that equals `c`, 0 elsewhere (exact: no carry crosses a byte).
inline std::uint64_t equalBytes(std::uint64_t word, char c) {
    const std::uint64_t x = word ^ (0x0101010101010101ULL * static_cast<unsigned char>(c));
    return ~(((x & kLow7) + kLow7) | x | kLow7);
}

inline std::uint64_t blankBytes(std::uint64_t word) {
    return equalBytes(word, ' ') | equalBytes(word, '\t');
}

// The index, in memory order, of the first (lowest-addressed) byte marked in `mask`.
inline std::size_t firstMarked(std::uint64_t mask) {
    if constexpr (std::endian::native == std::endian::little) {
        return static_cast<std::size_t>(std::countr_zero(mask)) / 8;
    } else {
        return static_cast<std::size_t>(std::countl_zero(mask)) / 8;
    }
}

// The index, in memory order, of the last (highest-addressed) byte marked in `mask`.
inline std::size_t lastMarked(std::uint64_t mask) {
    if constexpr (std::endian::native == std::endian::little) {
        return 7 - static_cast<std::size_t>(std::countl_zero(mask)) / 8;
    } else {
        return 7 - static_cast<std::size_t>(std::countr_zero(mask)) / 8;
    }
}

} // namespace byte_scan

// The first position at or after `pos` that is not a space or tab (npos if none).
inline std::size_t firstNonBlank(std::string_view text, std::size_t pos = 0) {
    for (; pos + 8 <= text.size(); pos += 8) {
        const std::uint64_t other =
            ~byte_scan::blankBytes(byte_scan::load(text.data() + pos)) & byte_scan::kHigh;
        if (other != 0) {
            return pos + byte_scan::firstMarked(other);
        }
    }
    for (; pos < text.size(); ++pos) {
        if (text[pos] != ' ' && text[pos] != '\t') {
            return pos;
        }
    }
    return std::string_view::npos;
}

// The first space or tab at or after `pos` (npos if none).
inline std::size_t firstBlank(std::string_view text, std::size_t pos = 0) {
    for (; pos + 8 <= text.size(); pos += 8) {
        const std::uint64_t blanks = byte_scan::blankBytes(byte_scan::load(text.data() + pos));
        if (blanks != 0) {
            return pos + byte_scan::firstMarked(blanks);
        }
    }
    for (; pos < text.size(); ++pos) {
        if (text[pos] == ' ' || text[pos] == '\t') {
            return pos;
        }
    }
    return std::string_view::npos;
}

// The first `c` at or after `pos` (the size of `text` if none): for the few bytes of a field,
// where find()'s call to memchr costs more than the scan.
inline std::size_t firstOf(std::string_view text, char c, std::size_t pos = 0) {
    for (; pos + 8 <= text.size(); pos += 8) {
        const std::uint64_t found = byte_scan::equalBytes(byte_scan::load(text.data() + pos), c);
        if (found != 0) {
            return pos + byte_scan::firstMarked(found);
        }
    }
    while (pos < text.size() && text[pos] != c) {
        ++pos;
    }
    return pos;
}

// The last space or tab before `end` (npos if none).
inline std::size_t lastBlankBefore(std::string_view text, std::size_t end) {
    for (; end >= 8; end -= 8) {
        const std::uint64_t blanks = byte_scan::blankBytes(byte_scan::load(text.data() + end - 8));
        if (blanks != 0) {
            return end - 8 + byte_scan::lastMarked(blanks);
        }
    }
    while (end > 0) {
        --end;
        if (text[end] == ' ' || text[end] == '\t') {
            return end;
        }
    }
    return std::string_view::npos;
}

} // namespace iolab::importers

#pragma once

#include <bit>
#include <cstdint>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// Finds blanks (space or tab) sixteen bytes at a time: the importers' hot loops look for field
// ends in every line, and a loop over bytes costs several instructions per byte.
namespace iolab::importers {
namespace byte_scan {

constexpr std::size_t kBlock = 16;

// Bit i set when bytes[i] is a space or tab, for the 16 bytes at `bytes`; without a vector
// unit, one byte at a time.
inline std::uint32_t blankMaskPortable(const char* bytes) {
    std::uint32_t mask = 0;
    for (std::size_t i = 0; i < kBlock; ++i) {
        mask |= static_cast<std::uint32_t>(bytes[i] == ' ' || bytes[i] == '\t') << i;
    }
    return mask;
}

// Bit i set when bytes[i] == c, for the 16 bytes at `bytes`.
inline std::uint32_t byteMask(const char* bytes, char c) {
#if defined(__SSE2__)
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes));
    return static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, _mm_set1_epi8(c))));
#else
    std::uint32_t mask = 0;
    for (std::size_t i = 0; i < kBlock; ++i) {
        mask |= static_cast<std::uint32_t>(bytes[i] == c) << i;
    }
    return mask;
#endif
}

inline std::uint32_t blankMask(const char* bytes) {
#if defined(__SSE2__)
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes));
    const __m128i blanks = _mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8(' ')),
                                        _mm_cmpeq_epi8(block, _mm_set1_epi8('\t')));
    return static_cast<std::uint32_t>(_mm_movemask_epi8(blanks));
#else
    return blankMaskPortable(bytes);
#endif
}

// The first byte at or after `pos` whose bit in the mask `marked(block)` is set, npos if none.
// A text shorter than a block goes byte by byte; the last partial block of a longer one is read
// as the text's last 16 bytes, so nothing past its end is read.
template <typename Marked, typename IsMarked>
std::size_t firstMarked(std::string_view text, std::size_t pos, Marked marked, IsMarked isMarked) {
    if (text.size() < kBlock) {
        for (; pos < text.size(); ++pos) {
            if (isMarked(text[pos])) {
                return pos;
            }
        }
        return std::string_view::npos;
    }
    for (; pos + kBlock <= text.size(); pos += kBlock) {
        if (const std::uint32_t mask = marked(text.data() + pos); mask != 0) {
            return pos + static_cast<std::size_t>(std::countr_zero(mask));
        }
    }
    if (pos < text.size()) {
        const std::size_t last = text.size() - kBlock;
        if (const std::uint32_t mask = marked(text.data() + last) >> (pos - last); mask != 0) {
            return pos + static_cast<std::size_t>(std::countr_zero(mask));
        }
    }
    return std::string_view::npos;
}

inline bool isBlank(char c) {
    return c == ' ' || c == '\t';
}

} // namespace byte_scan

// The first position at or after `pos` that is not a space or tab (npos if none).
inline std::size_t firstNonBlank(std::string_view text, std::size_t pos = 0) {
    return byte_scan::firstMarked(
        text, pos, [](const char* bytes) { return ~byte_scan::blankMask(bytes) & 0xffffU; },
        [](char c) { return !byte_scan::isBlank(c); });
}

// The first space or tab at or after `pos` (npos if none).
inline std::size_t firstBlank(std::string_view text, std::size_t pos = 0) {
    return byte_scan::firstMarked(
        text, pos, [](const char* bytes) { return byte_scan::blankMask(bytes); },
        [](char c) { return byte_scan::isBlank(c); });
}

// The last space or tab before `end` (npos if none).
inline std::size_t lastBlankBefore(std::string_view text, std::size_t end) {
    constexpr std::size_t kBlock = byte_scan::kBlock;
    if (text.size() >= kBlock) {
        for (; end >= kBlock; end -= kBlock) {
            if (const std::uint32_t mask = byte_scan::blankMask(text.data() + end - kBlock)) {
                return end - 1 - static_cast<std::size_t>(std::countl_zero(mask << 16));
            }
        }
        // The first block, limited to the bytes before `end`.
        if (const std::uint32_t mask = byte_scan::blankMask(text.data()) & ((1U << end) - 1)) {
            return 31 - static_cast<std::size_t>(std::countl_zero(mask));
        }
        return std::string_view::npos;
    }
    while (end > 0) {
        if (byte_scan::isBlank(text[--end])) {
            return end;
        }
    }
    return std::string_view::npos;
}

// The first `c` at or after `pos` (the size of `text` if none): find() calls memchr, which
// costs more than a block or two here (the few bytes of a field).
inline std::size_t firstOf(std::string_view text, char c, std::size_t pos = 0) {
    const std::size_t found = byte_scan::firstMarked(
        text, pos, [c](const char* bytes) { return byte_scan::byteMask(bytes, c); },
        [c](char byte) { return byte == c; });
    return found == std::string_view::npos ? text.size() : found;
}

// How many bytes of `text` are `c` (the newlines of a block read): sixteen bytes a step.
inline std::size_t countOf(std::string_view text, char c) {
    std::size_t count = 0;
    std::size_t pos = 0;
    for (; pos + byte_scan::kBlock <= text.size(); pos += byte_scan::kBlock) {
        // A loop per set bit: std::popcount is a library call without -mpopcnt, and a block
        // holds few newlines.
        for (std::uint32_t mask = byte_scan::byteMask(text.data() + pos, c); mask != 0;
             mask &= mask - 1) {
            ++count;
        }
    }
    for (; pos < text.size(); ++pos) {
        count += text[pos] == c ? 1 : 0;
    }
    return count;
}

} // namespace iolab::importers

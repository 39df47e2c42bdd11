#include "collector/probes/uprobe_site.h"

#include <array>
#include <cstring>
#include <ctime>
#include <optional>

namespace iolab::probes {
namespace {

constexpr std::uint8_t kRexW = 0x48;
constexpr std::uint8_t kMovLoad = 0x8b;  // mov r64, r/m64
constexpr std::uint8_t kMovStore = 0x89; // mov r/m64, r64
constexpr std::uint8_t kTest = 0x85;     // test r/m64, r64
constexpr std::array<std::uint8_t, 4> kEndbr64{0xf3, 0x0f, 0x1e, 0xfa};

// The length of a REX.W move or test with a ModRM operand and no SIB byte; nullopt otherwise.
std::optional<std::size_t> plainLength(std::span<const std::uint8_t> code) {
    if (code.size() < 3 || code[0] != kRexW ||
        (code[1] != kMovLoad && code[1] != kMovStore && code[1] != kTest)) {
        return std::nullopt;
    }
    const std::uint8_t mod = code[2] >> 6;
    const std::uint8_t rm = code[2] & 7;
    if (mod != 3 && rm == 4) {
        return std::nullopt; // a SIB byte follows
    }
    if (mod == 0) {
        return rm == 5 ? 7 : 3; // rip-relative disp32, or [reg]
    }
    return mod == 1 ? 4 : mod == 2 ? 7 : 3;
}

} // namespace

std::size_t emulatedBreakpointOffset(std::span<const std::uint8_t> code) {
    std::size_t at = 0;
    for (int instruction = 0; instruction < 8 && at < code.size(); ++instruction) {
        const auto rest = code.subspan(at);
        if ((rest[0] & 0xf0) == 0x70) {
            return at; // jcc rel8
        }
        if (rest.size() >= kEndbr64.size() &&
            std::memcmp(rest.data(), kEndbr64.data(), kEndbr64.size()) == 0) {
            at += kEndbr64.size();
            continue;
        }
        const auto length = plainLength(rest);
        if (!length) {
            return 0;
        }
        at += *length;
    }
    return 0;
}

std::size_t clockGettimeBreakpointOffset() {
    // The address of libc's function, not a PLT stub: this binary links libc dynamically and
    // the pointer comes from libc's own symbol.
    const auto* start = reinterpret_cast<const std::uint8_t*>(&::clock_gettime);
    return emulatedBreakpointOffset(std::span(start, 32));
}

} // namespace iolab::probes

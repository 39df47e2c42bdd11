#include "reports/terminal/escape.h"

#include <array>

namespace iolab::terminal {
namespace {

void appendHex(std::string& out, const char* prefix, unsigned value, int digits) {
    static constexpr std::array<char, 16> kDigits{'0', '1', '2', '3', '4', '5', '6', '7',
                                                  '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    out += prefix;
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
        out += kDigits[(value >> shift) & 0xf];
    }
}

// The length of the valid UTF-8 sequence at the start of `text`, 0 when it is not one.
std::size_t sequenceLength(std::string_view text) {
    const auto lead = static_cast<unsigned char>(text[0]);
    const std::size_t length = lead < 0x80             ? 1
                               : (lead & 0xe0) == 0xc0 ? 2
                               : (lead & 0xf0) == 0xe0 ? 3
                               : (lead & 0xf8) == 0xf0 ? 4
                                                       : 0;
    if (length == 0 || length > text.size() || (length == 2 && lead < 0xc2)) {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xc0) != 0x80) {
            return 0;
        }
    }
    return length;
}

} // namespace

std::string escapeControls(std::string_view text, bool keepLayout) {
    std::string safe;
    safe.reserve(text.size());
    while (!text.empty()) {
        const auto byte = static_cast<unsigned char>(text[0]);
        const std::size_t length = sequenceLength(text);
        const bool layout = keepLayout && (byte == '\n' || byte == '\t');
        if (length == 0 || (length == 1 && ((byte < 0x20 && !layout) || byte == 0x7f))) {
            // A control, or a byte that is no UTF-8 (a lone 0x9b is CSI to some terminals).
            appendHex(safe, "\\x", byte, 2);
            text.remove_prefix(1);
            continue;
        }
        const auto second = length == 2 ? static_cast<unsigned char>(text[1]) : 0;
        if (byte == 0xc2 && second >= 0x80 && second <= 0x9f) {
            appendHex(safe, "\\u", second, 4); // C1 controls, U+0080..U+009F
        } else {
            safe.append(text.substr(0, length));
        }
        text.remove_prefix(length);
    }
    return safe;
}

} // namespace iolab::terminal

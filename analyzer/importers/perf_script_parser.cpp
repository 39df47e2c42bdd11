#include "analyzer/importers/perf_script_parser.h"

#include "analyzer/importers/kernel_image.h"

#include <array>
#include <climits>
#include <cstdint>

namespace iolab::importers {
namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

bool allDigits(std::string_view text) {
    if (text.empty()) {
        return false;
    }
    for (char c : text) {
        if (!isDigit(c)) {
            return false;
        }
    }
    return true;
}

// An unsigned decimal that is the whole of `text`: not empty, digits only, no overflow. One pass
// where a digit check and std::from_chars took two, for three numbers on every line.
bool readUnsigned(std::string_view text, std::uint64_t& value) {
    if (text.empty()) {
        return false;
    }
    std::uint64_t result = 0;
    for (const char c : text) {
        if (!isDigit(c) || __builtin_mul_overflow(result, 10U, &result) ||
            __builtin_add_overflow(result, static_cast<unsigned>(c - '0'), &result)) {
            return false;
        }
    }
    value = result;
    return true;
}

// A signed decimal as std::from_chars reads one: an optional '-', then digits, within range.
bool readSigned(std::string_view text, std::int64_t& value) {
    const bool negative = !text.empty() && text.front() == '-';
    std::uint64_t magnitude = 0;
    if (!readUnsigned(text.substr(negative ? 1 : 0), magnitude)) {
        return false;
    }
    const std::uint64_t limit = static_cast<std::uint64_t>(INT64_MAX) + (negative ? 1 : 0);
    if (magnitude > limit) {
        return false;
    }
    value =
        negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
    return true;
}

// "1234" or "1234/1235" (PID/TID); perf prints -1 for an unknown thread.
bool parsePid(std::string_view token, std::int64_t& pid, std::int64_t& tid) {
    const std::size_t slash = firstOf(token, '/');
    if (slash == token.size()) {
        tid = 0;
        return readSigned(token, pid);
    }
    return readSigned(token.substr(0, slash), pid) && readSigned(token.substr(slash + 1), tid);
}

bool isCpu(std::string_view token) {
    return token.size() >= 3 && token.front() == '[' && token.back() == ']' &&
           allDigits(token.substr(1, token.size() - 2));
}

// "12345.678901:"
bool isTime(std::string_view token) {
    if (token.size() < 2 || token.back() != ':') {
        return false;
    }
    token.remove_suffix(1);
    std::size_t dot = 0;
    while (dot < token.size() && isDigit(token[dot])) {
        ++dot;
    }
    return dot > 0 && dot < token.size() && token[dot] == '.' && allDigits(token.substr(dot + 1));
}

// The line's blank-separated tokens, split only as far as a match looks: the fields after the
// event (tracepoint fields, a frame) are never split.
class Tokens {
public:
    static constexpr std::size_t kMax = 48;

    explicit Tokens(std::string_view line)
        : m_line(line)
        , m_next(firstNonBlank(line)) {}

    // Whether the line has a token `i` (among its first kMax).
    bool has(std::size_t i) {
        while (m_count <= i && m_count < kMax && m_next != std::string_view::npos) {
            const std::size_t end = firstBlank(m_line, m_next);
            const std::size_t length =
                (end == std::string_view::npos ? m_line.size() : end) - m_next;
            m_items[m_count++] = {m_next, length};
            m_next = end == std::string_view::npos ? end : firstNonBlank(m_line, end);
        }
        return i < m_count;
    }
    // Token `i`, after has(i) said it exists.
    std::string_view operator[](std::size_t i) const {
        return m_line.substr(m_items[i].start, m_items[i].length);
    }

private:
    std::string_view m_line;
    std::size_t m_next; // where the next token starts (npos: no more)
    struct Span {
        std::size_t start;
        std::size_t length;
    };
    std::array<Span, kMax> m_items; // left uninitialised: filled before read, as has() says

    std::size_t m_count = 0;
};

// Matches "PID [CPU] [TIME:] [PERIOD] EVENT:" from token `first`; fills `header` on success.
bool matchFields(Tokens& tokens, std::size_t first, PerfSampleHeader& header) {
    std::size_t i = first;
    if (!parsePid(tokens[i++], header.pid, header.tid)) {
        return false;
    }
    header.cpu = -1;
    if (tokens.has(i) && isCpu(tokens[i])) {
        const std::string_view cpu = tokens[i++];
        std::uint64_t number = 0;
        if (readUnsigned(cpu.substr(1, cpu.size() - 2), number) && number <= INT_MAX) {
            header.cpu = static_cast<int>(number);
        }
    }
    if (tokens.has(i) && isTime(tokens[i])) {
        ++i;
    }
    header.period.reset();
    std::uint64_t period = 0;
    if (tokens.has(i) && readUnsigned(tokens[i], period)) {
        header.period = period;
        ++i;
    }
    if (!tokens.has(i)) {
        return false;
    }
    const std::string_view event = tokens[i];
    if (event.size() < 2 || event.back() != ':' || isTime(event)) {
        return false;
    }
    header.event = event.substr(0, event.size() - 1);
    return true;
}

} // namespace

std::optional<PerfSampleHeader> parsePerfSampleHeader(std::string_view line) {
    Tokens tokens(line);
    PerfSampleHeader header;
    // The first position where the fields after COMM match; COMM itself may hold spaces.
    for (std::size_t first = 1; tokens.has(first); ++first) {
        if (!matchFields(tokens, first, header)) {
            continue;
        }
        const std::string_view firstComm = tokens[0];
        const std::string_view lastComm = tokens[first - 1];
        header.comm = std::string_view(
            firstComm.data(),
            static_cast<std::size_t>(lastComm.data() + lastComm.size() - firstComm.data()));
        const char* eventEnd = header.event.data() + header.event.size() + 1;
        const auto restStart = static_cast<std::size_t>(eventEnd - line.data());
        const std::size_t rest = firstNonBlank(line, restStart);
        header.rest = rest == std::string_view::npos ? std::string_view{} : line.substr(rest);
        while (!header.rest.empty() && (header.rest.back() == ' ' || header.rest.back() == '\t')) {
            header.rest.remove_suffix(1);
        }
        return header;
    }
    return std::nullopt;
}

std::optional<PerfFrame> parsePerfFrame(std::string_view text) {
    std::size_t ipEnd = 0;
    while (ipEnd < text.size() && isHexDigit(text[ipEnd])) {
        ++ipEnd;
    }
    if (ipEnd == 0 || (ipEnd < text.size() && text[ipEnd] != ' ')) {
        return std::nullopt;
    }
    PerfFrame frame;
    frame.ip = text.substr(0, ipEnd);
    std::string_view rest = text.substr(ipEnd);
    const std::size_t start = firstNonBlank(rest);
    rest = start == std::string_view::npos ? std::string_view{} : rest.substr(start);
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) {
        rest.remove_suffix(1);
    }
    // The DSO is the last balanced "(...)": symbols hold parentheses of their own
    // ("(anonymous namespace)::f", "main::{lambda(int)#1}::operator()").
    if (!rest.empty() && rest.back() == ')') {
        int depth = 0;
        for (std::size_t i = rest.size(); i-- > 0;) {
            if (rest[i] == ')') {
                ++depth;
            } else if (rest[i] == '(' && --depth == 0) {
                if (i == 0 || rest[i - 1] == ' ') {
                    frame.module = rest.substr(i + 1, rest.size() - i - 2);
                    rest = rest.substr(0, i == 0 ? 0 : i - 1);
                }
                break;
            }
        }
    }
    // "+0x1f" after the symbol is the offset of the IP in it.
    const std::size_t plus = rest.rfind("+0x");
    if (plus != std::string_view::npos && plus + 3 < rest.size()) {
        bool hex = true;
        for (std::size_t i = plus + 3; i < rest.size(); ++i) {
            hex = hex && isHexDigit(rest[i]);
        }
        if (hex) {
            rest = rest.substr(0, plus);
        }
    }
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) {
        rest.remove_suffix(1);
    }
    frame.symbol = rest.empty() ? std::string_view("[unknown]") : rest;
    return frame;
}

bool isKernelAddress(std::string_view ip) {
    // perf prints 16 digits for a kernel address: ffff8000_00000000 and up.
    return ip.size() == 16 && ip.substr(0, 4) == "ffff" && ip[4] >= '8';
}

FrameKind perfFrameKind(std::string_view module, bool kernelAddress) {
    if (module.ends_with(".ko") || module.find(".ko.") != std::string_view::npos) {
        return FrameKind::Module;
    }
    if (isKernelImage(module)) {
        return FrameKind::Kernel;
    }
    if (module.size() > 2 && module.front() == '[' && module.back() == ']') {
        constexpr std::string_view kUserSpecial[] = {"[vdso]",     "[vdso32]",  "[vdsox32]",
                                                     "[vsyscall]", "[heap]",    "[stack]",
                                                     "[anon]",     "[uprobes]", "[vectors]"};
        if (module == "[unknown]") {
            return kernelAddress ? FrameKind::Kernel : FrameKind::User;
        }
        for (std::string_view special : kUserSpecial) {
            if (module == special) {
                return FrameKind::User;
            }
        }
        if (module.starts_with("[JIT]") || module.starts_with("[anon:")) {
            return FrameKind::User;
        }
        return kernelAddress || module.find('/') == std::string_view::npos ? FrameKind::Module
                                                                           : FrameKind::User;
    }
    return kernelAddress && module.empty() ? FrameKind::Kernel : FrameKind::User;
}

std::string_view perfEventBase(std::string_view event) {
    // perf's modifier letters (tools/perf/util/parse-events.l, "modifier_event").
    constexpr std::string_view kModifiers = "ukhIGHpPSDWeb";
    const std::size_t colon = event.find(':');
    if (colon == std::string_view::npos || colon == 0 || event.find(':', colon + 1) != event.npos) {
        return event;
    }
    const std::string_view suffix = event.substr(colon + 1);
    for (const char c : suffix) {
        if (kModifiers.find(c) == std::string_view::npos) {
            return event; // a tracepoint ("syscalls:sys_enter_close")
        }
    }
    return event.substr(0, colon);
}

} // namespace iolab::importers

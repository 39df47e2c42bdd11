#include "analyzer/importers/opreport_layout.h"

#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace iolab::importers::opreport {
namespace {

constexpr std::string_view kSelfSuffix = " [self]";

// Suffixes opreport appends to an image name after a space.
constexpr std::array<std::string_view, 3> kImageSuffixes{"(tgid:", "(deleted)", "(range:"};

std::size_t skipSpaces(std::string_view line, std::size_t at) {
    while (at < line.size() && line[at] == ' ') {
        ++at;
    }
    return at;
}

std::string_view trimRight(std::string_view text) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

// The end of the balanced parenthesis group starting at `at` (one past its ')'); npos if open.
std::size_t closeParen(std::string_view line, std::size_t at) {
    int depth = 0;
    for (std::size_t i = at; i < line.size(); ++i) {
        depth += line[i] == '(' ? 1 : (line[i] == ')' ? -1 : 0);
        if (depth == 0) {
            return i + 1;
        }
    }
    return std::string_view::npos;
}

// A name column that is not the last: see ColumnLayout.
std::string_view nameAt(std::string_view line, std::size_t start, std::size_t width) {
    std::size_t end = 0;
    if (line[start] == '(') {
        end = closeParen(line, start);
        if (end == std::string_view::npos) {
            throw std::invalid_argument("unbalanced '(' in a name column");
        }
    } else {
        end = std::min(line.find(' ', start), line.size());
        for (;;) {
            bool glued = false;
            for (const std::string_view suffix : kImageSuffixes) {
                if (line.substr(end).starts_with(" ") && line.substr(end + 1).starts_with(suffix)) {
                    const std::size_t close = closeParen(line, end + 1);
                    if (close != std::string_view::npos) {
                        end = close;
                        glued = true;
                    }
                }
            }
            if (!glued) {
                break;
            }
        }
    }
    // A name with plain spaces that fits its column ends where the column's padding does.
    if (end - start + 1 < width && start + width < line.size() && line[start + width - 1] == ' ' &&
        line[start + width] != ' ') {
        const std::string_view column = trimRight(line.substr(start, width));
        if (column.size() > end - start) {
            return column;
        }
    }
    return line.substr(start, end - start);
}

template <typename T>
bool parseNumber(std::string_view token, T& value) {
    const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
    return ec == std::errc{} && end == token.data() + token.size();
}

bool isHex(std::string_view token) {
    return !token.empty() &&
           token.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
}

// Half a unit of the last digit printed: "41.7815" -> 0.00005, "2.4e-04" -> 0.05e-04, "100" ->
// 0.5.
double halfUnit(std::string_view number) {
    const std::size_t exponentAt = number.find_first_of("eE");
    const std::string_view mantissa = number.substr(0, exponentAt);
    const std::size_t dot = mantissa.find('.');
    const std::size_t decimals = dot == std::string_view::npos ? 0 : mantissa.size() - dot - 1;
    int exponent = 0;
    if (exponentAt != std::string_view::npos) {
        parseNumber(number.substr(exponentAt + 1 + (number[exponentAt + 1] == '+' ? 1 : 0)),
                    exponent);
    }
    return 0.5 * std::pow(10.0, exponent - static_cast<int>(decimals));
}

} // namespace

bool isSeparator(std::string_view line) {
    line = trimRight(line);
    return line.size() >= 10 && line.find_first_not_of('-') == std::string_view::npos;
}

bool isElision(std::string_view line) {
    line = trimRight(line.substr(skipSpaces(line, 0)));
    return line.size() >= 3 && line.find_first_not_of('.') == std::string_view::npos;
}

std::string_view expandTabs(std::string_view line, std::string& buffer) {
    if (line.find('\t') == std::string_view::npos) {
        return line;
    }
    constexpr std::size_t kTabStop = 8;
    buffer.clear();
    for (const char c : line) {
        if (c == '\t') {
            buffer.append(kTabStop - buffer.size() % kTabStop, ' ');
        } else {
            buffer.push_back(c);
        }
    }
    return buffer;
}

bool ColumnLayout::hasPercents() const {
    std::size_t percents = 0;
    for (std::size_t i = 0; i < m_numeric.size(); ++i) {
        percents += m_numeric[i] == Numeric::Samples && i + 1 < m_numeric.size() &&
                            m_numeric[i + 1] == Numeric::Percent
                        ? 1
                        : 0;
    }
    return percents == m_eventCount;
}

std::optional<ColumnLayout> ColumnLayout::fromHeader(std::string_view line) {
    // Longest labels first, so "cum. samples" is not read as "cum." + something.
    static constexpr std::array<std::string_view, 9> kLabels{
        "cum. samples", "cum. %",  "symbol name", "image name", "linenr info",
        "app name",     "samples", "vma",         "%"};
    ColumnLayout layout;
    bool symbolSeen = false;
    std::size_t at = skipSpaces(line, 0);
    while (at < trimRight(line).size()) {
        if (symbolSeen) {
            return std::nullopt; // "symbol name" is always the last column
        }
        std::string_view label;
        for (const std::string_view candidate : kLabels) {
            if (line.substr(at).starts_with(candidate) &&
                (at + candidate.size() == line.size() || line[at + candidate.size()] == ' ')) {
                label = candidate;
                break;
            }
        }
        if (label.empty()) {
            return std::nullopt;
        }
        if (label == "vma") {
            if (at != skipSpaces(line, 0) || !layout.m_numeric.empty()) {
                return std::nullopt;
            }
            layout.m_vma = true;
        } else if (label == "samples" || label == "%" || label.starts_with("cum.")) {
            if (!layout.m_text.empty()) {
                return std::nullopt;
            }
            layout.m_numeric.push_back(label == "samples" ? Numeric::Samples
                                       : label == "%"     ? Numeric::Percent
                                                          : Numeric::Other);
            layout.m_eventCount += label == "samples" ? 1 : 0;
        } else {
            TextColumn column;
            column.start = at;
            if (label == "image name") {
                layout.m_image = layout.m_text.size();
                column.target = &Row::image;
            } else if (label == "app name") {
                layout.m_app = layout.m_text.size();
                column.target = &Row::app;
            } else if (label == "symbol name") {
                column.target = &Row::symbol;
                symbolSeen = true;
            }
            if (!layout.m_text.empty()) {
                layout.m_text.back().width = at - layout.m_text.back().start;
            }
            layout.m_text.push_back(column);
        }
        at = skipSpaces(line, at + label.size());
    }
    if (!symbolSeen || layout.m_eventCount == 0) {
        return std::nullopt;
    }
    return layout;
}

Row ColumnLayout::split(std::string_view line) const {
    Row row;
    row.indent = skipSpaces(line, 0);
    std::size_t at = row.indent;
    const auto token = [&]() {
        at = skipSpaces(line, at);
        const std::size_t end = std::min(line.find(' ', at), line.size());
        const std::string_view word = line.substr(at, end - at);
        at = end;
        return word;
    };
    if (m_vma) {
        row.vma = token();
        if (!isHex(row.vma)) {
            throw std::invalid_argument("expected a hexadecimal address in the vma column");
        }
    }
    for (const Numeric numeric : m_numeric) {
        const std::string_view word = token();
        if (word.empty()) {
            throw std::invalid_argument("line ends before its sample columns do (expected " +
                                        std::to_string(m_numeric.size()) + " numbers)");
        }
        if (numeric == Numeric::Samples) {
            std::uint64_t count = 0;
            if (!parseNumber(word, count)) {
                throw std::invalid_argument("'" + std::string(word) + "' is not a sample count");
            }
            row.samples.push_back(count);
        } else {
            double percent = 0;
            if (!parseNumber(word, percent)) {
                throw std::invalid_argument("'" + std::string(word) + "' is not a percentage");
            }
            if (numeric == Numeric::Percent) {
                row.percents.push_back({percent, halfUnit(word)});
            }
        }
    }
    // Each column is padded from where it starts, so a column after an overflowing one keeps its
    // width.
    at = skipSpaces(line, at);
    for (std::size_t i = 0; i < m_text.size(); ++i) {
        if (at >= trimRight(line).size()) {
            throw std::invalid_argument("line ends before its name columns do");
        }
        std::string_view value;
        if (i + 1 == m_text.size()) {
            value = trimRight(line.substr(at));
        } else {
            value = nameAt(line, at, m_text[i].width);
            at = skipSpaces(line, at + value.size());
        }
        if (m_text[i].target) {
            row.*(*m_text[i].target) = value;
        }
    }
    if (row.symbol.ends_with(kSelfSuffix)) {
        row.symbol.remove_suffix(kSelfSuffix.size());
        row.self = true;
    }
    return row;
}

} // namespace iolab::importers::opreport

#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The columns of opreport's text output, read from its header line
// ("samples  %        image name               app name                 symbol name").
namespace iolab::importers::opreport {

// One data line of `opreport -l` or `opreport -c`, split into its columns.
struct Row {
    std::size_t indent = 0;             // leading spaces: callers and callees are indented
    std::vector<std::uint64_t> samples; // one count per event, in header order
    std::string_view image;             // empty without an image name column
    std::string_view app;               // empty without an app name column
    std::string_view symbol;            // " [self]" removed
    bool self = false;                  // the `[self]` line of a call-graph block
};

// opreport pads each column to a fixed width (samples and % 9, names 25) and separates an
// overflowing value from the next by one space. Text columns are therefore found from the
// header's positions, not by splitting on spaces: image names hold spaces
// ("anon (tgid:10014 range:0x100000-0x103000)", "Xorg (deleted)") and symbol names too.
class ColumnLayout {
public:
    // The layout of a header line; nullopt when `line` is not an opreport column header.
    static std::optional<ColumnLayout> fromHeader(std::string_view line);

    std::size_t eventCount() const { return m_eventCount; }
    bool hasImage() const { return m_image.has_value(); }

    // Splits a data line; throws std::invalid_argument saying what is wrong.
    Row split(std::string_view line) const;

private:
    enum class Numeric { Samples, Percent, Other };
    struct TextColumn {
        std::size_t start = 0; // header position
        std::size_t width = 0; // up to the next text column; 0 for the last
        std::optional<std::string_view Row::*> target;
    };

    std::size_t m_eventCount = 0;
    bool m_vma = false;
    std::vector<Numeric> m_numeric;
    std::vector<TextColumn> m_text;
    std::optional<std::size_t> m_image;
    std::optional<std::size_t> m_app;
};

// A line of dashes: the separator of call-graph blocks.
bool isSeparator(std::string_view line);

} // namespace iolab::importers::opreport

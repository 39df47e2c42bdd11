#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace iolab::importers {

// Reads a stream line by line in large chunks, handing out views into its buffer, so an
// importer streams a file of any size without a per-line allocation. A view stays valid until
// the next call to next().
class LineReader {
public:
    explicit LineReader(std::istream& stream, std::size_t chunkSize = 1 << 20);

    // The next line without its "\n" (and without a "\r" before it); false at end of input.
    bool next(std::string_view& line);
    // 1-based number of the line last returned.
    std::size_t lineNumber() const { return m_lineNumber; }

private:
    bool fill();

    std::istream& m_stream;
    std::vector<char> m_buffer;
    std::size_t m_begin = 0; // first byte not yet handed out
    std::size_t m_end = 0;   // end of the bytes read
    std::size_t m_lineNumber = 0;
    bool m_eof = false;
};

// Hands every line of `stream` to reader.readLine(line, lineNumber): the read loop of the
// line-oriented importers.
template <class Reader>
void feedLines(std::istream& stream, Reader& reader) {
    LineReader lines(stream);
    std::string_view line;
    while (lines.next(line)) {
        reader.readLine(line, lines.lineNumber());
    }
}

} // namespace iolab::importers

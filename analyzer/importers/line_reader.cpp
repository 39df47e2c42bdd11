#include "analyzer/importers/line_reader.h"

#include "analyzer/errors.h"

#include <cstring>

namespace iolab::importers {

LineReader::LineReader(std::istream& stream, std::size_t chunkSize)
    : m_stream(stream)
    , m_buffer(chunkSize) {}

bool LineReader::fill() {
    if (m_eof) {
        return false;
    }
    if (m_begin > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    if (m_end == m_buffer.size()) {
        m_buffer.resize(m_buffer.size() * 2); // a line longer than the buffer
    }
    m_stream.read(m_buffer.data() + m_end, static_cast<std::streamsize>(m_buffer.size() - m_end));
    const auto got = static_cast<std::size_t>(m_stream.gcount());
    if (m_stream.bad()) {
        throw SystemError("read error after line " + std::to_string(m_lineNumber));
    }
    m_end += got;
    if (got == 0) {
        m_eof = true;
    }
    return got > 0;
}

bool LineReader::next(std::string_view& line) {
    std::size_t scanned = m_begin;
    for (;;) {
        const void* newline = std::memchr(m_buffer.data() + scanned, '\n', m_end - scanned);
        if (newline != nullptr) {
            const auto end =
                static_cast<std::size_t>(static_cast<const char*>(newline) - m_buffer.data());
            line = std::string_view(m_buffer.data() + m_begin, end - m_begin);
            m_begin = end + 1;
            break;
        }
        const std::size_t pending = m_end - m_begin;
        if (!fill()) {
            if (pending == 0) {
                return false;
            }
            line = std::string_view(m_buffer.data() + m_begin, pending); // last line, no "\n"
            m_begin = m_end;
            break;
        }
        scanned = m_begin + pending;
    }
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    ++m_lineNumber;
    return true;
}

} // namespace iolab::importers

#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <streambuf>
#include <string>
#include <vector>

namespace iolab::cli {

// Tells the user how far a long import has come: nothing during the first second, then
// "importing FILE: 41% (108/262 MiB)" on stderr, redrawn in place on a terminal (at most four
// times a second), one line every five seconds otherwise.
class ImportProgress {
public:
    ImportProgress(std::string name, std::optional<std::uint64_t> totalBytes);
    void update(std::uint64_t bytesRead);
    // Ends the in-place line, if one was drawn.
    void finish();

private:
    std::string m_name;
    std::optional<std::uint64_t> m_total;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_lastShown;
    bool m_terminal;
    bool m_shown = false;
};

// An input streambuf over a file descriptor (a file or a pipe) that reads in large blocks and
// reports each block to an ImportProgress. Does not own the descriptor. Counts what it read, so
// an input that ended early can be named by its last line; a file that ends before the `size` it
// had when opened shrank while it was read: InputError "NAME:LINE: the file shrank ...".
class ProgressStreamBuf : public std::streambuf {
public:
    ProgressStreamBuf(int fd, ImportProgress& progress, std::string name,
                      std::optional<std::uint64_t> size);

    std::uint64_t bytesRead() const { return m_bytesRead; }
    // Complete lines read so far.
    std::uint64_t lines() const { return m_lines; }
    // The last byte read is not a newline: the input stops inside a line.
    bool endsInsideLine() const { return m_bytesRead > 0 && m_lastByte != '\n'; }

protected:
    int_type underflow() override;

private:
    int m_fd;
    ImportProgress& m_progress;
    std::string m_name;
    std::optional<std::uint64_t> m_size;
    std::vector<char> m_buffer;
    std::uint64_t m_bytesRead = 0;
    std::uint64_t m_lines = 0;
    char m_lastByte = '\n';
};

} // namespace iolab::cli

#include "cli/import_input.h"

#include "analyzer/errors.h"
#include "analyzer/importers/byte_scan.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/core.h>
#include <unistd.h>
#include <utility>

namespace iolab::cli {
namespace {

constexpr auto kQuietStart = std::chrono::seconds(1);
constexpr auto kTerminalInterval = std::chrono::milliseconds(250);
constexpr auto kLogInterval = std::chrono::seconds(5);
constexpr std::size_t kBlockSize = 1 << 20;

} // namespace

ImportProgress::ImportProgress(std::string name, std::optional<std::uint64_t> totalBytes)
    : m_name(std::move(name))
    , m_total(totalBytes)
    , m_start(std::chrono::steady_clock::now())
    , m_lastShown(m_start)
    , m_terminal(isatty(STDERR_FILENO) != 0) {}

void ImportProgress::update(std::uint64_t bytesRead) {
    const auto now = std::chrono::steady_clock::now();
    if (now - m_start < kQuietStart ||
        now - m_lastShown < (m_terminal ? kTerminalInterval : kLogInterval)) {
        return;
    }
    m_lastShown = now;
    constexpr double kMiB = 1024.0 * 1024.0;
    const double seconds = std::chrono::duration<double>(now - m_start).count();
    const double rate = static_cast<double>(bytesRead) / kMiB / seconds;
    std::string text;
    if (m_total && *m_total > 0) {
        text = fmt::format("importing {}: {:.0f}% ({:.0f}/{:.0f} MiB, {:.0f} MiB/s)", m_name,
                           100.0 * static_cast<double>(bytesRead) / static_cast<double>(*m_total),
                           static_cast<double>(bytesRead) / kMiB,
                           static_cast<double>(*m_total) / kMiB, rate);
    } else {
        text = fmt::format("importing {}: {:.0f} MiB ({:.0f} MiB/s)", m_name,
                           static_cast<double>(bytesRead) / kMiB, rate);
    }
    if (m_terminal) {
        fmt::print(stderr, "\r{}\033[K", text);
    } else {
        fmt::print(stderr, "{}\n", text);
    }
    std::fflush(stderr);
    m_shown = true;
}

void ImportProgress::finish() {
    if (m_shown && m_terminal) {
        fmt::print(stderr, "\n");
    }
    m_shown = false;
}

ProgressStreamBuf::ProgressStreamBuf(int fd, ImportProgress& progress, std::string name,
                                     std::optional<std::uint64_t> size)
    : m_fd(fd)
    , m_progress(progress)
    , m_name(std::move(name))
    , m_size(size)
    , m_buffer(kBlockSize) {}

ProgressStreamBuf::int_type ProgressStreamBuf::underflow() {
    if (gptr() < egptr()) {
        return traits_type::to_int_type(*gptr());
    }
    ssize_t got = 0;
    do {
        got = ::read(m_fd, m_buffer.data(), m_buffer.size());
    } while (got < 0 && errno == EINTR);
    if (got < 0) {
        throw SystemError(std::string("read failed: ") + std::strerror(errno));
    }
    if (got == 0) {
        if (m_size && m_bytesRead < *m_size) {
            throw InputError(fmt::format("{}:{}: the file shrank while it was read ({} bytes "
                                         "when opened, {} read)",
                                         m_name, m_lines + 1, *m_size, m_bytesRead));
        }
        return traits_type::eof();
    }
    m_bytesRead += static_cast<std::uint64_t>(got);
    m_lines += importers::countOf({m_buffer.data(), static_cast<std::size_t>(got)}, '\n');
    m_lastByte = m_buffer[static_cast<std::size_t>(got) - 1];
    m_progress.update(m_bytesRead);
    setg(m_buffer.data(), m_buffer.data(), m_buffer.data() + got);
    return traits_type::to_int_type(*gptr());
}

} // namespace iolab::cli

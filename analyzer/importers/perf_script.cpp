#include "analyzer/importers/perf_script.h"

#include "analyzer/errors.h"
#include "analyzer/importers/line_reader.h"
#include "analyzer/importers/perf_script_parser.h"
#include "analyzer/importers/stack_aggregator.h"

#include <string>
#include <vector>

namespace iolab::importers {
namespace {

bool isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool isBlank(std::string_view line) {
    return firstNonBlank(line) == std::string_view::npos;
}

// The "IP SYM (DSO)" that ends a sample line without a call chain, after any tracepoint
// fields. Searched from the right: symbols may hold spaces, tracepoint fields numbers.
std::string_view trailingFrame(std::string_view rest) {
    if (rest.empty() || rest.back() != ')') {
        return {};
    }
    std::size_t end = rest.size();
    while (end > 0) {
        const std::size_t space = rest.find_last_of(" \t", end - 1);
        const std::size_t start = space == std::string_view::npos ? 0 : space + 1;
        const std::string_view candidate = rest.substr(start);
        if (start < end && isHexDigit(rest[start])) {
            const std::optional<PerfFrame> frame = parsePerfFrame(candidate);
            if (frame && !frame->module.empty() && frame->ip.size() == end - start) {
                return candidate;
            }
        }
        if (space == std::string_view::npos) {
            break;
        }
        end = space;
    }
    return {};
}

// Streams samples into a StackAggregator, turning each distinct frame text into a frame id once.
class PerfScriptReader {
public:
    explicit PerfScriptReader(const std::string& name)
        : m_name(name) {}

    void readLine(std::string_view line, std::size_t lineNumber) {
        if (line.empty() || line.front() == '\t') {
            if (isBlank(line)) {
                finishSample();
            } else {
                addFrameLine(line, lineNumber);
            }
            return;
        }
        if (isBlank(line) || (!m_inSample && line.front() == '#')) {
            finishSample();
            return;
        }
        finishSample();
        startSample(line, lineNumber);
    }

    void finish(RunRecord& record) {
        finishSample();
        StackProfileBuilder builder;
        m_stacks.emit(builder);
        record.profile = builder.take();
        for (std::size_t event = 0; event < m_recordsPerEvent.size(); ++event) {
            const std::string& name = m_eventNames[event];
            record.counters.push_back({"import.samples",
                                       {{"event", name}},
                                       static_cast<double>(m_recordsPerEvent[event]),
                                       false});
        }
    }

private:
    [[noreturn]] void fail(std::size_t lineNumber, std::string_view what,
                           std::string_view line) const {
        constexpr std::size_t kShown = 80;
        std::string shown(line.substr(0, kShown));
        if (line.size() > kShown) {
            shown += "...";
        }
        throw InputError(m_name + ":" + std::to_string(lineNumber) + ": " + std::string(what) +
                         ": '" + shown + "'");
    }

    void startSample(std::string_view line, std::size_t lineNumber) {
        const std::optional<PerfSampleHeader> header = parsePerfSampleHeader(line);
        if (!header) {
            fail(lineNumber,
                 "not a perf script sample line (expected COMM PID[/TID] [CPU] TIME: [PERIOD] "
                 "EVENT:)",
                 line);
        }
        m_inSample = true;
        m_event = m_stacks.internEvent(header->event);
        m_process = m_stacks.internProcess(header->comm);
        m_pid = header->pid;
        m_count = header->period.value_or(1);
        if (m_event == m_recordsPerEvent.size()) {
            m_recordsPerEvent.push_back(0);
            m_eventNames.emplace_back(header->event);
        }
        ++m_recordsPerEvent[m_event];
        if (const std::string_view frame = trailingFrame(header->rest); !frame.empty()) {
            addFrame(frame);
        }
    }

    void addFrameLine(std::string_view line, std::size_t lineNumber) {
        if (!m_inSample) {
            fail(lineNumber, "stack frame outside a sample", line);
        }
        const std::size_t start = firstNonBlank(line);
        if (!addFrame(line.substr(start))) {
            fail(lineNumber, "not a stack frame (expected IP SYMBOL (DSO))", line);
        }
    }

    bool addFrame(std::string_view text) {
        const std::size_t ipEnd = text.find(' ');
        const std::string_view ip = text.substr(0, ipEnd);
        const std::string_view key =
            ipEnd == std::string_view::npos ? std::string_view{} : text.substr(ipEnd + 1);
        const bool kernel = isKernelAddress(ip);
        auto& cache = kernel ? m_kernelFrames : m_userFrames;
        const auto cached = cache.find(key);
        if (cached != cache.end()) {
            m_frames.push_back(cached->second);
            return true;
        }
        const std::optional<PerfFrame> parsed = parsePerfFrame(text);
        if (!parsed) {
            return false;
        }
        const Frame frame{std::string(parsed->symbol), std::string(parsed->module),
                          perfFrameKind(parsed->module, kernel)};
        const std::uint32_t id = m_stacks.internFrame(frame);
        cache.emplace(std::string(key), id);
        m_frames.push_back(id);
        return true;
    }

    void finishSample() {
        if (!m_inSample) {
            return;
        }
        if (m_frames.empty()) {
            m_frames.push_back(m_stacks.internFrame({"[unknown]", "[unknown]", FrameKind::User}));
        }
        m_stacks.addSample(m_frames, m_event, m_process, m_pid, m_count);
        m_frames.clear();
        m_inSample = false;
    }

    const std::string& m_name;
    StackAggregator m_stacks;
    ViewMap<std::uint32_t> m_userFrames;   // frame text after the IP -> frame id
    ViewMap<std::uint32_t> m_kernelFrames; // the same at kernel addresses
    std::vector<std::uint64_t> m_recordsPerEvent;
    std::vector<std::string> m_eventNames;
    bool m_inSample = false;
    std::uint32_t m_event = 0;
    std::uint32_t m_process = 0;
    std::int64_t m_pid = 0;
    std::uint64_t m_count = 0;
    std::vector<std::uint32_t> m_frames; // innermost first
};

} // namespace

std::string_view PerfScriptImporter::format() const {
    return "perf-script";
}

Detection PerfScriptImporter::detect(std::string_view head) const {
    std::size_t pos = 0;
    bool sawHeader = false;
    while (pos < head.size()) {
        const std::size_t end = head.find('\n', pos);
        if (end == std::string_view::npos) {
            break; // an incomplete line tells nothing
        }
        const std::string_view line = head.substr(pos, end - pos);
        pos = end + 1;
        if (isBlank(line) || (!sawHeader && line.front() == '#')) {
            if (sawHeader) {
                return Detection::Yes;
            }
            continue;
        }
        if (line.front() == '\t') {
            if (!sawHeader) {
                return Detection::No;
            }
            const std::size_t start = firstNonBlank(line);
            return parsePerfFrame(line.substr(start)) ? Detection::Yes : Detection::No;
        }
        if (sawHeader) {
            return parsePerfSampleHeader(line) ? Detection::Yes : Detection::No;
        }
        if (!parsePerfSampleHeader(line)) {
            return Detection::No;
        }
        sawHeader = true;
    }
    // A header line that ends the input is a one-sample file.
    return sawHeader && pos == head.size() ? Detection::Yes : Detection::NeedMore;
}

void PerfScriptImporter::import(Source source, RunRecord& record) const {
    PerfScriptReader reader(source.name);
    feedLines(source.stream, reader);
    reader.finish(record);
}

} // namespace iolab::importers

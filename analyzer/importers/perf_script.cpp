#include "analyzer/importers/perf_script.h"

#include "analyzer/errors.h"
#include "analyzer/importers/hash_index.h"
#include "analyzer/importers/line_reader.h"
#include "analyzer/importers/perf_script_parser.h"
#include "analyzer/importers/stack_aggregator.h"

#include <algorithm>
#include <string>
#include <vector>

namespace iolab::importers {
namespace {

constexpr std::string_view kInlinedSuffix = " (inlined)";

// "outer->inner->innermost": a symbol that names a function and the functions inlined into it
// at the IP. "operator->" is part of a name, not a separator.
std::vector<std::string_view> inlineChain(std::string_view symbol) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t at = symbol.find("->"); at != std::string_view::npos;
         at = symbol.find("->", at + 2)) {
        if (symbol.substr(0, at).ends_with("operator") || at == start || at + 2 == symbol.size()) {
            continue;
        }
        parts.push_back(symbol.substr(start, at - start));
        start = at + 2;
    }
    parts.push_back(symbol.substr(start));
    return parts;
}

bool isBlank(std::string_view line) {
    return firstNonBlank(line) == std::string_view::npos;
}

// Streams samples into a StackAggregator, turning each distinct frame text into a frame id once.
class PerfScriptReader {
public:
    explicit PerfScriptReader(const std::string& name)
        : m_name(name) {}

    void readLine(std::string_view line, std::size_t lineNumber) {
        const std::size_t start = firstNonBlank(line);
        // The fast path: perf indents frames with a tab.
        if (line.empty() || line.front() == '\t') {
            if (start == std::string_view::npos) {
                finishSample();
            } else {
                addFrameLine(line, start, lineNumber);
            }
            return;
        }
        if (start == std::string_view::npos || (!m_inSample && line.front() == '#')) {
            finishSample();
            return;
        }
        const std::optional<PerfSampleHeader> header = parsePerfSampleHeader(line);
        if (!header && m_inSample) {
            // Frames indented with spaces (a tab expanded on the way) or not at all (older
            // output, or text pasted into mail): inside a sample, a line that is no sample
            // header is a frame. A header is tried first, so a short hexadecimal comm ("dd")
            // is never read as an address.
            addFrameLine(line, start, lineNumber);
            return;
        }
        finishSample();
        if (!header) {
            fail(lineNumber,
                 "not a perf script sample line (expected COMM PID[/TID] [CPU] [TIME:] [PERIOD] "
                 "EVENT:)",
                 line);
        }
        startSample(*header);
    }

    void finish(RunRecord& record) {
        finishSample();
        m_stacks.moveInto(record);
        for (const EventSeen& event : m_events) {
            record.counters.push_back({"import.samples",
                                       {{"event", event.name}},
                                       static_cast<double>(event.records),
                                       false});
            if (event.spellings.size() > 1 || event.spellings.front() != event.name) {
                // Kept so a reader sees which modifiers were counted as this one event.
                std::string spellings;
                for (const std::string& spelling : event.spellings) {
                    spellings += (spellings.empty() ? "" : ", ") + spelling;
                }
                record.run.metadata["perf.event." + event.name + ".spellings"] = spellings;
            }
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

    void startSample(const PerfSampleHeader& header) {
        m_inSample = true;
        if (header.event != m_lastEvent) {
            noteEvent(header.event);
        }
        ++m_events[m_event].records;
        m_process = m_stacks.internProcess(header.comm);
        m_pid = header.pid;
        m_count = header.period.value_or(1);
        addTrailingFrame(header.rest);
    }

    // Sets m_event to the event `spelling` counts as ("cycles" for "cycles:u"), keeping each
    // spelling seen. Samples of one event come in runs, so this runs once per change.
    void noteEvent(std::string_view spelling) {
        m_lastEvent.assign(spelling);
        const std::string_view base = perfEventBase(spelling);
        m_event = m_stacks.internEvent(base);
        if (m_event == m_events.size()) {
            m_events.push_back({std::string(base), 0, {}});
        }
        std::vector<std::string>& spellings = m_events[m_event].spellings;
        if (std::find(spellings.begin(), spellings.end(), spelling) == spellings.end()) {
            spellings.emplace_back(spelling);
        }
    }

    // `start`: the line's first non-blank byte.
    void addFrameLine(std::string_view line, std::size_t start, std::size_t lineNumber) {
        if (!m_inSample) {
            fail(lineNumber, "stack frame outside a sample", line);
        }
        if (!addFrame(line.substr(start))) {
            fail(lineNumber, "not a stack frame (expected IP SYMBOL (DSO))", line);
        }
    }

    // Adds the "IP SYM (DSO)" that ends a sample line without a call chain, after any tracepoint
    // fields, when there is one. Searched from the right (symbols may hold spaces, tracepoint
    // fields numbers): the first token that is hex digits followed by a space and starts a frame
    // with a DSO. A text seen before is judged by its cache entry, without parsing it again.
    void addTrailingFrame(std::string_view rest) {
        if (rest.empty() || rest.back() != ')') {
            return;
        }
        for (std::size_t end = rest.size(); end > 0;) {
            const std::size_t blank = lastBlankBefore(rest, end);
            const std::size_t start = blank == std::string_view::npos ? 0 : blank + 1;
            bool hex = start < end && end < rest.size() && rest[end] == ' ';
            for (std::size_t i = start; hex && i < end; ++i) {
                hex = isHexDigit(rest[i]);
            }
            if (hex) {
                const std::string_view text = rest.substr(start);
                const std::string_view key = rest.substr(end + 1);
                const CachedFrame* cached = key.ends_with(kInlinedSuffix)
                                                ? nullptr
                                                : findCached(rest.substr(start, end - start), key);
                if (cached != nullptr && cached->hasModule) {
                    pushFrames(cached->entry);
                    return;
                }
                if (cached == nullptr) {
                    const std::optional<PerfFrame> frame = parsePerfFrame(text);
                    if (frame && !frame->module.empty()) {
                        addFrame(text);
                        return;
                    }
                }
            }
            if (blank == std::string_view::npos) {
                break;
            }
            end = blank;
        }
    }

    // Adds the frame(s) of one "IP SYM[+OFF] (DSO)" text; false when it is not a frame.
    bool addFrame(std::string_view text) {
        const std::size_t ipEnd = firstOf(text, ' ');
        const std::string_view ip = text.substr(0, ipEnd);
        const std::string_view key =
            ipEnd == text.size() ? std::string_view{} : text.substr(ipEnd + 1);
        if (key.ends_with(kInlinedSuffix)) {
            return addInlined(text);
        }
        if (const CachedFrame* cached = findCached(ip, key); cached != nullptr) {
            pushFrames(cached->entry);
            return true;
        }
        const std::optional<PerfFrame> parsed = parsePerfFrame(text);
        if (!parsed) {
            return false;
        }
        const bool kernel = isKernelAddress(ip);
        const CachedFrame frame{internFrames(*parsed, perfFrameKind(parsed->module, kernel)),
                                !parsed->module.empty()};
        if (key.size() <= StackAggregator::kMaxFrameName) { // a cut name is not worth a copy
            FrameCache& cache = kernel ? m_kernelFrames : m_userFrames;
            cache.texts.add(key, hashBytes(key));
            cache.entries.push_back(frame);
        }
        pushFrames(frame.entry);
        return true;
    }

    // perf prints each function inlined at an IP on its own line before the function that
    // holds the code: "IP NAME (inlined)", without a DSO. Its module is the next frame's.
    bool addInlined(std::string_view text) {
        const std::optional<PerfFrame> parsed =
            parsePerfFrame(text.substr(0, text.size() - kInlinedSuffix.size()));
        if (!parsed) {
            return false;
        }
        m_inlined.emplace_back(parsed->symbol);
        return true;
    }

    // A frame id, or (with kChainBit) the index of a chain of frames that one line named with
    // "outer->inner" (inlined functions spelled into one symbol).
    std::uint32_t internFrames(const PerfFrame& parsed, FrameKind kind) {
        const std::vector<std::string_view> parts = inlineChain(parsed.symbol);
        if (parts.size() == 1) {
            return m_stacks.internFrame(
                {std::string(parsed.symbol), std::string(parsed.module), kind});
        }
        std::vector<std::uint32_t> chain; // innermost first, as a stack's frames are
        for (auto part = parts.rbegin(); part != parts.rend(); ++part) {
            chain.push_back(
                m_stacks.internFrame({std::string(*part), std::string(parsed.module), kind}));
        }
        m_chains.push_back(std::move(chain));
        return kChainBit | static_cast<std::uint32_t>(m_chains.size() - 1);
    }

    void pushFrames(std::uint32_t entry) {
        if (!m_inlined.empty()) {
            const std::uint32_t owner =
                (entry & kChainBit) != 0 ? m_chains[entry & ~kChainBit].front() : entry;
            flushInlined(m_stacks.frame(owner));
        }
        if ((entry & kChainBit) == 0) {
            m_frames.push_back(entry);
            return;
        }
        const std::vector<std::uint32_t>& chain = m_chains[entry & ~kChainBit];
        m_frames.insert(m_frames.end(), chain.begin(), chain.end());
    }

    // Interns the inlined functions waiting for the frame that holds them.
    void flushInlined(const Frame& owner) {
        for (const std::string& symbol : m_inlined) {
            m_frames.push_back(m_stacks.internFrame({symbol, owner.module, owner.kind}));
        }
        m_inlined.clear();
    }

    void finishSample() {
        if (!m_inSample) {
            return;
        }
        if (!m_inlined.empty()) { // inlined lines with no frame after them
            flushInlined({"[unknown]", "[unknown]", FrameKind::User});
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
    // Frame texts after the IP, each with the frame id (or chain) it names.
    struct CachedFrame {
        std::uint32_t entry; // a frame id, or kChainBit | chain index
        bool hasModule;      // perf printed a DSO
    };
    struct FrameCache {
        TextIds texts;
        std::vector<CachedFrame> entries; // by text id
    };
    // The cache entry of the frame text `key` after `ip`, or nullptr when not seen (or cut).
    const CachedFrame* findCached(std::string_view ip, std::string_view key) const {
        const FrameCache& cache = isKernelAddress(ip) ? m_kernelFrames : m_userFrames;
        const std::uint32_t id = cache.texts.find(key, hashBytes(key));
        return id == HashIndex::kNone ? nullptr : &cache.entries[id];
    }
    FrameCache m_userFrames;
    FrameCache m_kernelFrames; // the same at kernel addresses
    struct EventSeen {
        std::string name;                   // without modifiers
        std::uint64_t records = 0;          // sample lines
        std::vector<std::string> spellings; // as written: "cycles", "cycles:u", ...
    };
    std::vector<EventSeen> m_events; // by event id
    std::string m_lastEvent;         // the spelling of the last sample's event
    bool m_inSample = false;
    std::uint32_t m_event = 0;
    std::uint32_t m_process = 0;
    std::int64_t m_pid = 0;
    std::uint64_t m_count = 0;
    std::vector<std::uint32_t> m_frames; // innermost first
    std::vector<std::string> m_inlined;  // "(inlined)" lines waiting for their frame
    static constexpr std::uint32_t kChainBit = 1U << 31;
    std::vector<std::vector<std::uint32_t>> m_chains;
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
        if (!sawHeader) {
            if (line.front() == '\t' || !parsePerfSampleHeader(line)) {
                return Detection::No;
            }
            sawHeader = true;
            continue;
        }
        // After a sample header: another header (samples without a call chain) or a frame,
        // indented with a tab, spaces or not at all.
        const std::size_t start = firstNonBlank(line);
        return parsePerfSampleHeader(line) || parsePerfFrame(line.substr(start)) ? Detection::Yes
                                                                                 : Detection::No;
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

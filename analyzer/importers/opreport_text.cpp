#include "analyzer/importers/opreport_text.h"

#include "analyzer/errors.h"
#include "analyzer/importers/opreport_common.h"
#include "analyzer/importers/opreport_layout.h"
#include "analyzer/importers/opreport_percent.h"

#include <istream>
#include <map>
#include <optional>
#include <stdexcept>
#include <vector>

namespace iolab::importers {
namespace {

using opreport::ColumnLayout;
using opreport::Row;

bool isBlank(std::string_view line) {
    return line.find_first_not_of(" \t") == std::string_view::npos;
}

// Lines opreport, operf (when its output and opreport's are captured together) or the shell
// around them print before the column header.
bool isPreamble(std::string_view line) {
    constexpr std::string_view kStarts[] = {
        "CPU:",           "Counted ",  "Profiling through timer",
        "Using ",         "warning:",  "Warning:",
        "WARNING",        "operf:",    "Profiling started",
        "Profiling done", "* * * * *", "Lost samples"};
    for (const std::string_view start : kStarts) {
        if (line.starts_with(start)) {
            return true;
        }
    }
    return isBlank(line);
}

// A warning's own lines run on until a blank line ("WARNING! Some of the events were
// throttled. Throttling occurs when\nthe initial sample rate is too high, ...").
bool startsWarning(std::string_view line) {
    return line.starts_with("WARNING") || line.starts_with("warning:") ||
           line.starts_with("Warning:");
}

// A caller line waits for its block's entry, whose frame its arcs lead to.
struct PendingCaller {
    Frame frame;
    std::vector<std::uint64_t> samples;
};

struct Block {
    std::optional<Frame> entry;
    std::vector<PendingCaller> callers;
    bool open = false;
};

class TextReader {
public:
    TextReader(const std::string& name, RunRecord& record)
        : m_name(name)
        , m_record(record) {}

    void readLine(std::string_view line, std::size_t number) {
        m_line = number;
        line = opreport::expandTabs(line, m_expanded);
        try {
            if (!m_layout) {
                readPreamble(line);
            } else if (opreport::isSeparator(line)) {
                readSeparator();
            } else if (opreport::isElision(line)) {
                ++m_elidedLines;
            } else if (!isBlank(line)) {
                readRow(m_layout->split(line));
            }
        } catch (const std::invalid_argument& error) {
            fail(error.what());
        }
    }

    void finish(std::size_t lastLine) {
        m_line = lastLine;
        if (!m_layout) {
            fail("no opreport column header (\"samples  %  ...  symbol name\") found: iolab reads "
                 "the output of opreport -l, -c and --xml");
        }
        if (m_block.open) {
            fail("the last call-graph block is not closed by a separator line (truncated file?)");
        }
        if (!m_callers.empty()) {
            fail("indented caller lines after the last entry line (truncated file?)");
        }
        m_totals.addUnlisted(m_collector, m_eventNames, m_record.run);
        if (m_elidedLines > 0) {
            m_record.run.metadata["opreport.elided_lines"] = std::to_string(m_elidedLines);
        }
        opreport::addEventMetadata(m_events, m_eventNames, m_record.run);
        m_record.counters.push_back(
            {"import.samples", {}, static_cast<double>(m_collector.selfSamples()), false});
        m_record.profile = m_collector.take();
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw InputError(m_name + ":" + std::to_string(m_line) + ": " + what);
    }

    void readPreamble(std::string_view line) {
        if (line.starts_with("CPU: ")) {
            m_record.run.metadata["cpu"] = std::string(line.substr(5));
        } else if (auto event = opreport::parseCountedLine(line)) {
            m_events.push_back(std::move(*event));
        } else if (line.starts_with("Profiling through timer")) {
            m_events.push_back({"TIMER", std::string(line), "", ""});
        } else if (auto layout = ColumnLayout::fromHeader(line)) {
            startBody(std::move(*layout));
        }
    }

    void startBody(ColumnLayout layout) {
        if (m_events.empty()) {
            for (std::size_t i = 0; i < layout.eventCount(); ++i) {
                m_events.push_back(
                    {layout.eventCount() == 1 ? "samples" : "event" + std::to_string(i + 1), "", "",
                     ""});
            }
        } else if (m_events.size() != layout.eventCount()) {
            fail("the header has " + std::to_string(layout.eventCount()) + " samples columns but " +
                 std::to_string(m_events.size()) + " 'Counted' event lines precede it");
        }
        m_eventNames = opreport::sampleEventNames(m_events);
        m_layout = std::move(layout);
    }

    void readSeparator() {
        if (!m_callGraph && m_rows > 0) {
            fail("separator line inside a symbol summary (opreport -l output has none)");
        }
        m_callGraph = true;
        if (m_block.open && !m_block.entry) {
            fail("call-graph block without an unindented entry line");
        }
        m_collector.endBlock();
        m_block = Block{};
    }

    Frame frameOf(const Row& row) const {
        const std::string_view module = m_layout->hasImage() ? row.image : row.app;
        return {std::string(row.symbol), std::string(module), opreport::frameKind(module)};
    }

    // An entry line's frame. Two entries with one name in one image are two functions (static
    // functions, or one name at two addresses): the second is told apart by its address, or
    // by its rank when the report has no vma column.
    Frame entryFrame(const Row& row) {
        Frame frame = frameOf(row);
        const int seen = ++m_entryNames[{frame.module, frame.symbol}];
        if (seen > 1) {
            frame.symbol +=
                row.vma.empty() ? " #" + std::to_string(seen) : "@0x" + std::string(row.vma);
        }
        return frame;
    }

    void addSelf(const Row& row, const Frame& frame) {
        const std::int64_t pid = opreport::tgidOf(row.image);
        for (std::size_t i = 0; i < row.samples.size(); ++i) {
            m_collector.addSelf(frame, m_eventNames[i], std::string(row.app), pid, row.samples[i]);
        }
    }

    void addArcs(const Frame& caller, const Frame& callee,
                 const std::vector<std::uint64_t>& samples, opreport::ProfileCollector::Side side) {
        for (std::size_t i = 0; i < samples.size(); ++i) {
            m_collector.addArc(caller, callee, m_eventNames[i], samples[i], side);
        }
    }

    void readRow(const Row& row) {
        ++m_rows;
        if (row.indent == 0) {
            if (row.self) {
                fail("unindented [self] line (a [self] line belongs under its entry line)");
            }
            m_totals.addEntry(row);
        }
        if (m_callGraph) {
            readBlockRow(row);
        } else {
            readDashlessRow(row);
        }
    }

    // A call graph with separator lines (opreport -c): each block is callers, entry, callees.
    void readBlockRow(const Row& row) {
        m_block.open = true;
        if (row.indent == 0) {
            if (m_block.entry) {
                fail("a second unindented entry line in one call-graph block (missing separator?)");
            }
            m_block.entry = entryFrame(row);
            addSelf(row, *m_block.entry);
            for (const PendingCaller& caller : m_block.callers) {
                addArcs(caller.frame, *m_block.entry, caller.samples,
                        opreport::ProfileCollector::Side::Caller);
            }
            return;
        }
        if (!m_block.entry) {
            if (row.self) {
                fail("[self] line above the entry of its call-graph block");
            }
            m_block.callers.push_back({frameOf(row), row.samples});
            return;
        }
        if (!row.self) {
            addArcs(*m_block.entry, frameOf(row), row.samples,
                    opreport::ProfileCollector::Side::Callee);
        }
    }

    // A symbol summary (opreport -l), or a call graph whose separator lines were lost (pasted
    // into a blog or a mail): unindented lines are entries; an entry's callee lines, its
    // [self] line among them, follow it and their percentages of the entry add up to 100;
    // indented lines after that are callers of the next entry.
    void readDashlessRow(const Row& row) {
        if (row.indent == 0) {
            m_collector.endBlock();
            m_entry = entryFrame(row);
            addSelf(row, *m_entry);
            for (const PendingCaller& caller : m_callers) {
                addArcs(caller.frame, *m_entry, caller.samples,
                        opreport::ProfileCollector::Side::Caller);
            }
            m_callers.clear();
            m_callees = opreport::CalleeList(row, m_layout->hasPercents());
            return;
        }
        if (m_entry && m_callees.open()) {
            if (!row.self) {
                addArcs(*m_entry, frameOf(row), row.samples,
                        opreport::ProfileCollector::Side::Callee);
            }
            m_callees.add(row);
            return;
        }
        if (row.self) {
            fail("[self] line above the entry it belongs to");
        }
        m_callers.push_back({frameOf(row), row.samples});
    }

    std::string m_name;
    RunRecord& m_record;
    std::size_t m_line = 0;
    std::vector<opreport::EventSetup> m_events;
    std::vector<std::string> m_eventNames;
    std::optional<ColumnLayout> m_layout;
    std::string m_expanded; // the current line with its tabs expanded
    bool m_callGraph = false;
    std::size_t m_rows = 0;
    std::size_t m_elidedLines = 0;
    Block m_block;                        // with separator lines
    std::optional<Frame> m_entry;         // without: the last entry,
    opreport::CalleeList m_callees;       // whether its callee lines are still coming,
    std::vector<PendingCaller> m_callers; // and the callers of the next entry
    std::map<std::pair<std::string, std::string>, int> m_entryNames; // (module, symbol) -> rows
    opreport::ReportTotals m_totals;
    opreport::ProfileCollector m_collector;
};

} // namespace

std::string_view OpreportTextImporter::format() const {
    return "opreport";
}

Detection OpreportTextImporter::detect(std::string_view head) const {
    bool preamble = false;
    bool inWarning = false;
    std::string expanded;
    while (!head.empty()) {
        const std::size_t newline = head.find('\n');
        if (newline == std::string_view::npos) {
            // An unfinished last line: a header may still be coming.
            return preamble || head.starts_with("CPU") ? Detection::NeedMore : Detection::No;
        }
        std::string_view line = head.substr(0, newline);
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        head.remove_prefix(newline + 1);
        if (ColumnLayout::fromHeader(opreport::expandTabs(line, expanded))) {
            return Detection::Yes;
        }
        if (!isPreamble(line) && !inWarning) {
            return Detection::No;
        }
        inWarning = startsWarning(line) || (inWarning && !isBlank(line));
        preamble = preamble || !isBlank(line);
    }
    return preamble ? Detection::NeedMore : Detection::No;
}

void OpreportTextImporter::import(Source source, RunRecord& record) const {
    TextReader reader(source.name, record);
    std::string line;
    std::size_t number = 0;
    while (std::getline(source.stream, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        reader.readLine(line, ++number);
    }
    if (source.stream.bad()) {
        throw SystemError(source.name + ": read error");
    }
    reader.finish(number);
}

} // namespace iolab::importers

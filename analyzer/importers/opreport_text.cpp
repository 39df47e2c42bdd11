#include "analyzer/importers/opreport_text.h"

#include "analyzer/errors.h"
#include "analyzer/importers/opreport_common.h"
#include "analyzer/importers/opreport_layout.h"

#include <istream>
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

// Lines opreport (or the shell around it) prints before the column header.
bool isPreamble(std::string_view line) {
    return isBlank(line) || line.starts_with("CPU:") || line.starts_with("Counted ") ||
           line.starts_with("Profiling through timer") || line.starts_with("Using ") ||
           line.starts_with("warning:") || line.starts_with("Warning:");
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
        try {
            if (!m_layout) {
                readPreamble(line);
            } else if (opreport::isSeparator(line)) {
                readSeparator();
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

    void addSelf(const Row& row) {
        const Frame frame = frameOf(row);
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
        if (!m_callGraph) {
            if (row.indent != 0 || row.self) {
                fail("indented or [self] line in a symbol summary (call-graph lines need the "
                     "separator line of opreport -c after the header)");
            }
            addSelf(row);
            return;
        }
        m_block.open = true;
        if (row.indent == 0) {
            if (m_block.entry) {
                fail("a second unindented entry line in one call-graph block (missing separator?)");
            }
            m_block.entry = frameOf(row);
            addSelf(row);
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

    std::string m_name;
    RunRecord& m_record;
    std::size_t m_line = 0;
    std::vector<opreport::EventSetup> m_events;
    std::vector<std::string> m_eventNames;
    std::optional<ColumnLayout> m_layout;
    bool m_callGraph = false;
    std::size_t m_rows = 0;
    Block m_block;
    opreport::ProfileCollector m_collector;
};

} // namespace

std::string_view OpreportTextImporter::format() const {
    return "opreport";
}

Detection OpreportTextImporter::detect(std::string_view head) const {
    bool preamble = false;
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
        if (ColumnLayout::fromHeader(line)) {
            return Detection::Yes;
        }
        if (!isPreamble(line)) {
            return Detection::No;
        }
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

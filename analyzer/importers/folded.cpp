#include "analyzer/importers/folded.h"

#include "analyzer/errors.h"
#include "analyzer/importers/hash_index.h"
#include "analyzer/importers/line_reader.h"
#include "analyzer/importers/stack_aggregator.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <vector>

namespace iolab::importers {
namespace {

constexpr std::string_view kKernelSuffix = "_[k]";
constexpr std::string_view kEvent = "samples";

struct FoldedLine {
    std::string_view stack;
    std::uint64_t count = 0;
};

// "STACK COUNT": the count is the last space-separated field; the stack itself may hold spaces
// ("(anonymous namespace)::f").
std::optional<FoldedLine> parseFoldedLine(std::string_view line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
        line.remove_suffix(1);
    }
    const std::size_t space = line.find_last_of(" \t");
    if (space == std::string_view::npos || space == 0) {
        return std::nullopt;
    }
    const std::string_view number = line.substr(space + 1);
    FoldedLine parsed;
    const auto [end, ec] =
        std::from_chars(number.data(), number.data() + number.size(), parsed.count);
    if (ec != std::errc{} || end != number.data() + number.size()) {
        return std::nullopt;
    }
    parsed.stack = line.substr(0, space);
    while (!parsed.stack.empty() && (parsed.stack.back() == ' ' || parsed.stack.back() == '\t')) {
        parsed.stack.remove_suffix(1);
    }
    if (parsed.stack.empty() || parsed.stack.front() == ';' || parsed.stack.back() == ';' ||
        parsed.stack.find(";;") != std::string_view::npos) {
        return std::nullopt;
    }
    return parsed;
}

bool isBlank(std::string_view line) {
    return line.find_first_not_of(" \t") == std::string_view::npos;
}

class FoldedReader {
public:
    explicit FoldedReader(const std::string& name)
        : m_name(name)
        , m_event(m_stacks.internEvent(kEvent))
        , m_process(m_stacks.internProcess("")) {}

    void readLine(std::string_view line, std::size_t lineNumber) {
        if (isBlank(line)) {
            return;
        }
        const std::optional<FoldedLine> parsed = parseFoldedLine(line);
        if (!parsed) {
            std::string shown(line.substr(0, 80));
            throw InputError(m_name + ":" + std::to_string(lineNumber) +
                             ": not a folded stack (expected FRAME;FRAME;... COUNT): '" + shown +
                             (line.size() > 80 ? "...'" : "'"));
        }
        m_ids.clear();
        std::string_view stack = parsed->stack;
        for (;;) {
            const std::size_t semicolon = stack.find(';');
            m_ids.push_back(internFrame(stack.substr(0, semicolon)));
            if (semicolon == std::string_view::npos) {
                break;
            }
            stack.remove_prefix(semicolon + 1);
        }
        // The aggregator takes the innermost frame first.
        std::reverse(m_ids.begin(), m_ids.end());
        m_stacks.addSample(m_ids, m_event, m_process, 0, parsed->count);
        m_total += parsed->count;
    }

    void finish(RunRecord& record) {
        m_stacks.moveInto(record);
        record.counters.push_back({"import.samples",
                                   {{"event", std::string(kEvent)}},
                                   static_cast<double>(m_total),
                                   false});
    }

private:
    std::uint32_t internFrame(std::string_view text) {
        text = m_stacks.boundedName(text);
        const std::uint64_t hash = hashBytes(text);
        if (const std::uint32_t cached = m_texts.find(text, hash); cached != HashIndex::kNone) {
            return m_frameIds[cached];
        }
        Frame frame{std::string(text), "", FrameKind::User};
        if (text.size() > kKernelSuffix.size() && text.ends_with(kKernelSuffix)) {
            frame.symbol.resize(text.size() - kKernelSuffix.size());
            frame.kind = FrameKind::Kernel;
        }
        const std::uint32_t id = m_stacks.internFrame(frame);
        m_texts.add(text, hash);
        m_frameIds.push_back(id);
        return id;
    }

    const std::string& m_name;
    StackAggregator m_stacks;
    TextIds m_texts;                       // frame texts as the file spells them
    std::vector<std::uint32_t> m_frameIds; // by text id
    std::uint32_t m_event;
    std::uint32_t m_process;
    std::vector<std::uint32_t> m_ids;
    std::uint64_t m_total = 0;
};

} // namespace

std::string_view FoldedImporter::format() const {
    return "folded";
}

Detection FoldedImporter::detect(std::string_view head) const {
    constexpr int kLinesToCheck = 8;
    int checked = 0;
    std::size_t pos = 0;
    while (checked < kLinesToCheck) {
        const std::size_t end = head.find('\n', pos);
        if (end == std::string_view::npos) {
            break;
        }
        const std::string_view line = head.substr(pos, end - pos);
        pos = end + 1;
        if (isBlank(line)) {
            continue;
        }
        if (!parseFoldedLine(line)) {
            return Detection::No;
        }
        ++checked;
    }
    if (checked == kLinesToCheck) {
        return Detection::Yes;
    }
    return checked > 0 && pos == head.size() ? Detection::Yes : Detection::NeedMore;
}

void FoldedImporter::import(Source source, RunRecord& record) const {
    FoldedReader reader(source.name);
    feedLines(source.stream, reader);
    reader.finish(record);
}

} // namespace iolab::importers

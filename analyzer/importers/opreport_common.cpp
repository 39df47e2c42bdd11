#include "analyzer/importers/opreport_common.h"

#include "analyzer/importers/kernel_image.h"

#include <charconv>
#include <set>

namespace iolab::importers::opreport {
namespace {

// The text between `open` and the matching `close`, starting at `from`; advances `from`.
std::optional<std::string_view> bracketed(std::string_view line, std::size_t& from, char open,
                                          char close) {
    if (from >= line.size() || line[from] != open) {
        return std::nullopt;
    }
    int depth = 0;
    for (std::size_t i = from; i < line.size(); ++i) {
        depth += line[i] == open ? 1 : (line[i] == close ? -1 : 0);
        if (depth == 0) {
            const std::string_view inside = line.substr(from + 1, i - from - 1);
            from = i + 1;
            return inside;
        }
    }
    return std::nullopt;
}

bool consume(std::string_view line, std::size_t& from, std::string_view word) {
    if (line.substr(from).starts_with(word)) {
        from += word.size();
        return true;
    }
    return false;
}

std::string_view wordAt(std::string_view line, std::size_t& from) {
    const std::size_t end = std::min(line.find(' ', from), line.size());
    const std::string_view word = line.substr(from, end - from);
    from = end;
    return word;
}

} // namespace

FrameKind frameKind(std::string_view image) {
    const std::string_view base = image.substr(image.rfind('/') + 1);
    if (base.ends_with(".ko") || image.starts_with("/lib/modules/") ||
        image.find("/lib/modules/") != std::string_view::npos) {
        return FrameKind::Module;
    }
    return isKernelImage(image) ? FrameKind::Kernel : FrameKind::User;
}

std::int64_t tgidOf(std::string_view image) {
    constexpr std::string_view kTgid = "(tgid:";
    const std::size_t at = image.find(kTgid);
    if (at == std::string_view::npos) {
        return 0;
    }
    const char* begin = image.data() + at + kTgid.size();
    std::int64_t tgid = 0;
    const auto [end, ec] = std::from_chars(begin, image.data() + image.size(), tgid);
    return ec == std::errc{} && end != begin ? tgid : 0;
}

std::optional<EventSetup> parseCountedLine(std::string_view line) {
    std::size_t at = 0;
    if (!consume(line, at, "Counted ")) {
        return std::nullopt;
    }
    EventSetup event;
    event.name = std::string(wordAt(line, at));
    if (event.name.empty() || !consume(line, at, " events")) {
        return std::nullopt;
    }
    if (consume(line, at, " ")) {
        if (const auto description = bracketed(line, at, '(', ')')) {
            event.description = std::string(*description);
        }
    }
    if (consume(line, at, " with a unit mask of ")) {
        const std::size_t maskBegin = at;
        wordAt(line, at);
        if (consume(line, at, " ")) {
            bracketed(line, at, '(', ')');
        }
        event.unit_mask = std::string(line.substr(maskBegin, at - maskBegin));
    }
    if (consume(line, at, " count ")) {
        event.count = std::string(wordAt(line, at));
    }
    return event;
}

std::vector<std::string> sampleEventNames(const std::vector<EventSetup>& events) {
    std::map<std::string, int> uses;
    for (const EventSetup& event : events) {
        ++uses[event.name];
    }
    std::vector<std::string> names;
    std::set<std::string> taken;
    for (const EventSetup& event : events) {
        std::string name = event.name;
        if (uses[event.name] > 1) {
            name += ":" + event.unit_mask.substr(0, event.unit_mask.find(' '));
        }
        // Identical counters twice: number them so each keeps its own samples.
        const std::string base = name;
        for (int n = 2; !taken.insert(name).second; ++n) {
            name = base + "#" + std::to_string(n);
        }
        names.push_back(name);
    }
    return names;
}

void addEventMetadata(const std::vector<EventSetup>& events, const std::vector<std::string>& names,
                      Run& run) {
    for (std::size_t i = 0; i < events.size() && i < names.size(); ++i) {
        const std::string prefix = "event." + names[i] + ".";
        if (!events[i].description.empty()) {
            run.metadata[prefix + "description"] = events[i].description;
        }
        if (!events[i].unit_mask.empty()) {
            run.metadata[prefix + "unit_mask"] = events[i].unit_mask;
        }
        if (!events[i].count.empty()) {
            run.metadata[prefix + "count"] = events[i].count;
        }
    }
}

void ProfileCollector::addSelf(const Frame& frame, const std::string& event,
                               const std::string& process, std::int64_t pid, std::uint64_t count) {
    if (count == 0) {
        return;
    }
    m_builder.addSample(std::span<const Frame>(&frame, 1), event, process, pid, count);
    m_selfSamples += count;
}

void ProfileCollector::addArc(const Frame& caller, const Frame& callee, const std::string& event,
                              std::uint64_t count, Side side) {
    if (count != 0) {
        m_block[{{internFrame(caller), internFrame(callee), event}, side}] += count;
    }
}

void ProfileCollector::endBlock() {
    for (const auto& [keyAndSide, count] : m_block) {
        const ArcKey& key = keyAndSide.first;
        const auto [it, added] = m_arcs.try_emplace(key, count);
        if (added) {
            m_arcOrder.push_back(key);
        } else {
            it->second = std::max(it->second, count);
        }
    }
    m_block.clear();
}

std::int64_t ProfileCollector::internFrame(const Frame& frame) {
    const auto [it, added] =
        m_frameIds.try_emplace(frame, static_cast<std::int64_t>(m_frames.size()));
    if (added) {
        m_frames.push_back(frame);
    }
    return it->second;
}

StackProfile ProfileCollector::take() {
    endBlock();
    for (const ArcKey& key : m_arcOrder) {
        m_builder.addEdge(m_frames[static_cast<std::size_t>(std::get<0>(key))],
                          m_frames[static_cast<std::size_t>(std::get<1>(key))], std::get<2>(key),
                          m_arcs[key]);
    }
    m_arcs.clear();
    m_arcOrder.clear();
    return m_builder.take();
}

} // namespace iolab::importers::opreport

#include "analyzer/importers/opreport_xml.h"

#include "analyzer/errors.h"
#include "analyzer/importers/opreport_common.h"

#include <charconv>
#include <expat.h>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace iolab::importers {
namespace {

// A <symbol> element: its table id, where it sits, and its counts per event.
struct SymbolRef {
    std::size_t idref = 0;
    std::string module;
    std::size_t line = 0;
    std::vector<std::uint64_t> counts;
};

// A top-level symbol (samples of its own) with the callers and callees listed inside it.
struct SymbolEntry {
    SymbolRef symbol;
    std::string process;
    std::int64_t pid = 0;
    std::vector<SymbolRef> callers;
    std::vector<SymbolRef> callees; // self="true" entries left out
};

enum class Within { Other, Callers, Callees };

const char* attribute(const XML_Char** attributes, std::string_view name) {
    for (std::size_t i = 0; attributes[i] != nullptr; i += 2) {
        if (name == attributes[i]) {
            return attributes[i + 1];
        }
    }
    return nullptr;
}

template <typename T>
std::optional<T> number(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) {
        return std::nullopt;
    }
    return value;
}

// Collects the document's content through expat's callbacks. Handlers never throw through the
// C parser: they record the first error and stop it.
class XmlReader {
public:
    XmlReader(const std::string& name, XML_Parser parser)
        : m_name(name)
        , m_parser(parser) {}

    void start(const std::string& element, const XML_Char** attributes) {
        m_text.clear();
        if (element == "eventsetup") {
            m_events.push_back({required(attributes, "eventname"), "",
                                optional(attributes, "unitmask"),
                                optional(attributes, "setupcount")});
        } else if (element == "timersetup") {
            m_events.push_back({"TIMER", "timer interrupt", "", ""});
        } else if (element == "class") {
            const std::string event = optional(attributes, "event");
            m_classes[required(attributes, "name")] = event.empty() ? 0 : parse<std::size_t>(event);
        } else if (element == "binary" || element == "process") {
            m_process = required(attributes, "name");
            const std::string pid = optional(attributes, "pid");
            m_pid = pid.empty() ? 0 : parse<std::int64_t>(pid);
            m_modules.assign(1, m_process);
        } else if (element == "module") {
            m_modules.push_back(required(attributes, "name"));
        } else if (element == "callers" || element == "callees") {
            if (m_entries.empty() || m_within != Within::Other || m_depthInSymbol != 1) {
                fail("<" + element + "> outside a symbol");
            }
            m_within = element == "callers" ? Within::Callers : Within::Callees;
        } else if (element == "symbol") {
            startSymbol(attributes);
        } else if (element == "symboldata") {
            m_names[parse<std::size_t>(required(attributes, "id"))] = required(attributes, "name");
        } else if (element == "count") {
            const std::string name = optional(attributes, "class");
            m_countClass = name.empty() ? 0 : classEvent(name);
        }
    }

    void end(const std::string& element) {
        if (element == "module") {
            m_modules.pop_back();
        } else if (element == "callers" || element == "callees") {
            m_within = Within::Other;
        } else if (element == "symbol") {
            --m_depthInSymbol;
            m_current = nullptr;
        } else if (element == "count" && m_current != nullptr) {
            const auto count = number<std::uint64_t>(m_text);
            if (!count) {
                fail("'" + m_text + "' is not a sample count");
            }
            if (m_current->counts.size() <= m_countClass) {
                m_current->counts.resize(m_countClass + 1, 0);
            }
            m_current->counts[m_countClass] += *count;
        }
    }

    void text(std::string_view chunk) { m_text.append(chunk); }

    const std::optional<std::string>& error() const { return m_error; }

    void finish(RunRecord& record) {
        if (m_events.empty()) {
            m_events.push_back({"samples", "", "", ""});
        }
        const std::vector<std::string> names = opreport::sampleEventNames(m_events);
        opreport::ProfileCollector collector;
        for (const SymbolEntry& entry : m_entries) {
            const Frame self = frameOf(entry.symbol);
            addCounts(entry.symbol, names, [&](const std::string& event, std::uint64_t count) {
                collector.addSelf(self, event, entry.process, entry.pid, count);
            });
            for (const SymbolRef& caller : entry.callers) {
                const Frame from = frameOf(caller);
                addCounts(caller, names, [&](const std::string& event, std::uint64_t count) {
                    collector.addArc(from, self, event, count,
                                     opreport::ProfileCollector::Side::Caller);
                });
            }
            for (const SymbolRef& callee : entry.callees) {
                const Frame to = frameOf(callee);
                addCounts(callee, names, [&](const std::string& event, std::uint64_t count) {
                    collector.addArc(self, to, event, count,
                                     opreport::ProfileCollector::Side::Callee);
                });
            }
            collector.endBlock();
        }
        opreport::addEventMetadata(m_events, names, record.run);
        record.counters.push_back(
            {"import.samples", {}, static_cast<double>(collector.selfSamples()), false});
        record.profile = collector.take();
    }

private:
    void fail(const std::string& what) {
        if (!m_error) {
            m_error =
                m_name + ":" + std::to_string(XML_GetCurrentLineNumber(m_parser)) + ": " + what;
            XML_StopParser(m_parser, XML_FALSE);
        }
    }

    std::string required(const XML_Char** attributes, std::string_view name) {
        const char* value = attribute(attributes, name);
        if (value == nullptr) {
            fail("missing attribute '" + std::string(name) + "'");
            return {};
        }
        return value;
    }

    static std::string optional(const XML_Char** attributes, std::string_view name) {
        const char* value = attribute(attributes, name);
        return value == nullptr ? std::string() : std::string(value);
    }

    template <typename T>
    T parse(const std::string& text) {
        const auto value = number<T>(text);
        if (!value) {
            fail("'" + text + "' is not a number");
        }
        return value.value_or(T{});
    }

    std::size_t classEvent(const std::string& name) {
        const auto it = m_classes.find(name);
        if (it == m_classes.end()) {
            fail("count of undeclared class '" + name + "'");
            return 0;
        }
        return it->second;
    }

    void startSymbol(const XML_Char** attributes) {
        SymbolRef symbol;
        symbol.idref = parse<std::size_t>(required(attributes, "idref"));
        symbol.module = m_modules.empty() ? std::string() : m_modules.back();
        symbol.line = XML_GetCurrentLineNumber(m_parser);
        ++m_depthInSymbol;
        if (m_within == Within::Other) {
            if (m_depthInSymbol != 1) {
                fail("<symbol> nested in a symbol outside <callers> or <callees>");
            }
            m_entries.push_back({std::move(symbol), m_process, m_pid, {}, {}});
            m_current = &m_entries.back().symbol;
            return;
        }
        auto& list =
            m_within == Within::Callers ? m_entries.back().callers : m_entries.back().callees;
        if (m_within == Within::Callees && optional(attributes, "self") == "true") {
            m_current = nullptr; // the entry's own samples: counted once, from the entry
            return;
        }
        list.push_back(std::move(symbol));
        m_current = &list.back();
    }

    Frame frameOf(const SymbolRef& symbol) const {
        const auto it = m_names.find(symbol.idref);
        if (it == m_names.end()) {
            throw InputError(m_name + ":" + std::to_string(symbol.line) + ": symbol idref=" +
                             std::to_string(symbol.idref) + " has no <symboldata> entry");
        }
        return {it->second, symbol.module, opreport::frameKind(symbol.module)};
    }

    template <typename Add>
    void addCounts(const SymbolRef& symbol, const std::vector<std::string>& names, Add add) const {
        for (std::size_t event = 0; event < symbol.counts.size(); ++event) {
            if (event >= names.size()) {
                throw InputError(m_name + ":" + std::to_string(symbol.line) + ": count of event " +
                                 std::to_string(event) + " but only " +
                                 std::to_string(names.size()) + " events are set up");
            }
            add(names[event], symbol.counts[event]);
        }
    }

    std::string m_name;
    XML_Parser m_parser;
    std::optional<std::string> m_error;
    std::vector<opreport::EventSetup> m_events;
    std::map<std::string, std::size_t> m_classes; // class name -> event index
    std::map<std::size_t, std::string> m_names;   // symboldata id -> name
    std::string m_process;
    std::int64_t m_pid = 0;
    std::vector<std::string> m_modules;
    std::vector<SymbolEntry> m_entries;
    SymbolRef* m_current = nullptr;
    std::size_t m_countClass = 0;
    int m_depthInSymbol = 0;
    Within m_within = Within::Other;
    std::string m_text;
};

struct ParserDeleter {
    void operator()(XML_Parser parser) const { XML_ParserFree(parser); }
};

} // namespace

std::string_view OpreportXmlImporter::format() const {
    return "opreport-xml";
}

Detection OpreportXmlImporter::detect(std::string_view head) const {
    // Skip the XML declaration, comments and the doctype to the first element.
    std::size_t at = 0;
    for (;;) {
        at = head.find_first_not_of(" \t\r\n", at);
        if (at == std::string_view::npos) {
            return Detection::NeedMore;
        }
        if (head[at] != '<') {
            return Detection::No;
        }
        if (at + 1 >= head.size()) {
            return Detection::NeedMore;
        }
        if (head[at + 1] != '?' && head[at + 1] != '!') {
            break;
        }
        at = head.find('>', at);
        if (at == std::string_view::npos) {
            return Detection::NeedMore;
        }
        ++at;
    }
    const std::string_view element = head.substr(at);
    if (element.size() < 9) {
        return std::string_view("<profile ").starts_with(element) ? Detection::NeedMore
                                                                  : Detection::No;
    }
    if (!element.starts_with("<profile") || (element[8] != ' ' && element[8] != '\n')) {
        return Detection::No;
    }
    const std::size_t close = element.find('>');
    if (close == std::string_view::npos) {
        return Detection::NeedMore;
    }
    return element.substr(0, close).find("schemaversion") != std::string_view::npos ? Detection::Yes
                                                                                    : Detection::No;
}

void OpreportXmlImporter::import(Source source, RunRecord& record) const {
    std::unique_ptr<XML_ParserStruct, ParserDeleter> parser(XML_ParserCreate(nullptr));
    if (!parser) {
        throw SystemError("cannot create an XML parser");
    }
    XmlReader reader(source.name, parser.get());
    XML_SetUserData(parser.get(), &reader);
    XML_SetElementHandler(
        parser.get(),
        [](void* data, const XML_Char* name, const XML_Char** attributes) {
            static_cast<XmlReader*>(data)->start(name, attributes);
        },
        [](void* data, const XML_Char* name) { static_cast<XmlReader*>(data)->end(name); });
    XML_SetCharacterDataHandler(parser.get(), [](void* data, const XML_Char* text, int length) {
        static_cast<XmlReader*>(data)->text({text, static_cast<std::size_t>(length)});
    });
    // Expat (before 2.6) scans a token that spans several calls from its start again on every
    // call: while no event completes, read ever larger pieces, so one huge token (a long name
    // on one line) costs linear time, not quadratic.
    constexpr std::size_t kPiece = 1 << 16;
    constexpr std::size_t kLargestPiece = std::size_t{1} << 28;
    std::vector<char> buffer(kPiece);
    XML_Index parsedBefore = -1;
    for (;;) {
        source.stream.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto got = static_cast<int>(source.stream.gcount());
        const bool last = got == 0 || source.stream.eof();
        if (XML_Parse(parser.get(), buffer.data(), got, last ? XML_TRUE : XML_FALSE) !=
            XML_STATUS_OK) {
            if (reader.error()) {
                throw InputError(*reader.error());
            }
            throw InputError(source.name + ":" +
                             std::to_string(XML_GetCurrentLineNumber(parser.get())) + ": " +
                             XML_ErrorString(XML_GetErrorCode(parser.get())));
        }
        if (last) {
            break;
        }
        const XML_Index parsed = XML_GetCurrentByteIndex(parser.get());
        buffer.resize(parsed == parsedBefore ? std::min(buffer.size() * 2, kLargestPiece) : kPiece);
        parsedBefore = parsed;
    }
    if (source.stream.bad()) {
        throw SystemError(source.name + ": read error");
    }
    reader.finish(record);
}

} // namespace iolab::importers

#pragma once

#include "analyzer/errors.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

// Where the fio JSON importer is in the document while it reads it, so every error names the
// line of the offending job or key.
namespace iolab::importers::fio {

using nlohmann::json;

// 1-based line of byte `offset` in `text`.
inline std::size_t lineAt(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

// Reports semantic errors at the line of the offending job when it can be found.
class Context {
public:
    Context(std::string_view text, const std::string& name)
        : m_text(text)
        , m_name(name) {}

    [[noreturn]] void fail(std::size_t offset, const std::string& what) const {
        throw InputError(m_name + ":" + std::to_string(lineAt(m_text, offset)) + ": " + what);
    }

    // Offset of the `index`-th "jobname" key: where job `index` starts in fio's layout.
    std::size_t jobOffset(std::size_t start, std::size_t index) const {
        std::size_t pos = start;
        for (std::size_t i = 0; i <= index; ++i) {
            const std::size_t found = m_text.find("\"jobname\"", pos);
            if (found == std::string_view::npos) {
                return start;
            }
            pos = found + 1;
        }
        return pos - 1;
    }

    // Where "key" first appears after `from` (fio prints members in order), else `from`.
    std::size_t keyOffset(std::size_t from, const std::string& key) const {
        for (const char* separator : {"\" :", "\":"}) {
            const std::size_t found = m_text.find("\"" + key + separator, from);
            if (found != std::string_view::npos) {
                return found;
            }
        }
        return from;
    }

private:
    std::string_view m_text;
    const std::string& m_name;
};

struct JobScope {
    const Context& context;
    std::size_t offset;
    std::string path;

    [[noreturn]] void fail(const std::string& key, const std::string& what) const {
        context.fail(context.keyOffset(offset, key), "fio JSON: " + path + "." + key + " " + what);
    }

    // The scope of the member `key`, located in the text after this scope's start.
    JobScope inner(const std::string& key) const {
        return {context, context.keyOffset(offset, key), path + "." + key};
    }

    const json& member(const json& object, const std::string& key) const {
        const auto it = object.find(key);
        if (it == object.end()) {
            fail(key, "is missing");
        }
        return *it;
    }

    double number(const json& object, const std::string& key) const {
        const json& value = member(object, key);
        if (!value.is_number()) {
            fail(key, "is not a number");
        }
        const double result = value.get<double>();
        if (!std::isfinite(result)) {
            fail(key, "is not finite");
        }
        return result;
    }

    std::uint64_t unsignedNumber(const json& object, const std::string& key) const {
        const json& value = member(object, key);
        if (value.is_number_unsigned()) {
            return value.get<std::uint64_t>();
        }
        if (value.is_number_integer() && value.get<std::int64_t>() == 0) {
            return 0;
        }
        // fio prints some counters as floats ("iops" : 12.000000); others must be whole.
        const double result = number(object, key);
        if (result < 0 || result >= 1.8e19) {
            fail(key, "is out of range");
        }
        return static_cast<std::uint64_t>(result);
    }
};

} // namespace iolab::importers::fio

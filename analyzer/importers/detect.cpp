#include "analyzer/importers/detect.h"

#include "analyzer/errors.h"

#include <algorithm>

namespace iolab::importers {
namespace {

enum class Outcome { Found, NeedMore, None };

Outcome ask(const Importers& importers, std::string_view head, bool atEnd, const Importer*& found) {
    // At the end of input the last line is complete even without its newline.
    std::string terminated;
    if (atEnd && !head.empty() && head.back() != '\n') {
        terminated.assign(head).push_back('\n');
        head = terminated;
    }
    bool needMore = false;
    for (const auto& importer : importers) {
        const Detection answer = importer->detect(head);
        if (answer == Detection::Yes && !needMore) {
            found = importer.get();
            return Outcome::Found;
        }
        // An earlier importer that needs more input goes first once it has it.
        needMore = needMore || (answer == Detection::NeedMore && !atEnd);
    }
    return needMore ? Outcome::NeedMore : Outcome::None;
}

} // namespace

const Importer* detectFormat(const Importers& importers, std::istream& stream) {
    std::string head;
    std::size_t want = 4096;
    bool atEnd = false;
    const Importer* found = nullptr;
    for (;;) {
        const std::size_t have = head.size();
        head.resize(want);
        stream.read(head.data() + have, static_cast<std::streamsize>(want - have));
        head.resize(have + static_cast<std::size_t>(stream.gcount()));
        if (stream.bad()) {
            throw SystemError("read error while detecting the format");
        }
        atEnd = stream.eof() || head.size() >= kMaxDetectBytes;
        found = nullptr;
        if (ask(importers, head, atEnd, found) != Outcome::NeedMore) {
            break;
        }
        want = std::min(want * 4, kMaxDetectBytes);
    }
    stream.clear();
    stream.seekg(0);
    return found;
}

const Importer* detectFormat(const Importers& importers, std::string_view wholeInput) {
    const Importer* found = nullptr;
    ask(importers, wholeInput.substr(0, std::min(wholeInput.size(), kMaxDetectBytes)), true, found);
    return found;
}

const Importer* findImporter(const Importers& importers, std::string_view name) {
    for (const auto& importer : importers) {
        if (importer->format() == name) {
            return importer.get();
        }
    }
    return nullptr;
}

std::string formatNames(const Importers& importers) {
    std::string names;
    for (const auto& importer : importers) {
        names += (names.empty() ? "" : ", ") + std::string(importer->format());
    }
    return names;
}

} // namespace iolab::importers

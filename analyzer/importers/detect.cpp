#include "analyzer/importers/detect.h"

#include "analyzer/errors.h"

#include <algorithm>

namespace iolab::importers {
namespace {

enum class Outcome { Done, NeedMore };

// Asks every importer; `found` gets each one that answers Yes. More input is wanted while any
// importer needs it, so that every format has its say before one is chosen.
Outcome ask(const Importers& importers, std::string_view head, bool atEnd,
            std::vector<const Importer*>& found) {
    // At the end of input the last line is complete even without its newline.
    std::string terminated;
    if (atEnd && !head.empty() && head.back() != '\n') {
        terminated.assign(head).push_back('\n');
        head = terminated;
    }
    found.clear();
    bool needMore = false;
    for (const auto& importer : importers) {
        const Detection answer = importer->detect(head);
        if (answer == Detection::Yes) {
            found.push_back(importer.get());
        }
        needMore = needMore || (answer == Detection::NeedMore && !atEnd);
    }
    return needMore ? Outcome::NeedMore : Outcome::Done;
}

// The one importer that said Yes; nullptr for none; InputError naming them all for several.
const Importer* chooseOne(const std::vector<const Importer*>& found) {
    if (found.size() > 1) {
        std::string names;
        for (std::size_t i = 0; i < found.size(); ++i) {
            names += (i == 0 ? "" : (i + 1 == found.size() ? " or " : ", ")) +
                     std::string(found[i]->format());
        }
        throw InputError("the input reads as " + names + "; choose one with --format");
    }
    return found.empty() ? nullptr : found.front();
}

} // namespace

const Importer* detectFormat(const Importers& importers, std::istream& stream) {
    std::string head;
    std::size_t want = 4096;
    std::vector<const Importer*> found;
    for (;;) {
        const std::size_t have = head.size();
        head.resize(want);
        stream.read(head.data() + have, static_cast<std::streamsize>(want - have));
        head.resize(have + static_cast<std::size_t>(stream.gcount()));
        if (stream.bad()) {
            throw SystemError("read error while detecting the format");
        }
        const bool atEnd = stream.eof() || head.size() >= kMaxDetectBytes;
        if (ask(importers, head, atEnd, found) == Outcome::Done) {
            break;
        }
        want = std::min(want * 4, kMaxDetectBytes);
    }
    stream.clear();
    stream.seekg(0);
    return chooseOne(found);
}

const Importer* detectFormat(const Importers& importers, std::string_view wholeInput) {
    std::vector<const Importer*> found;
    ask(importers, wholeInput.substr(0, std::min(wholeInput.size(), kMaxDetectBytes)), true, found);
    return chooseOne(found);
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

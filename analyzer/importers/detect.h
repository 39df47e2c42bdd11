#pragma once

#include "analyzer/importers/importer.h"

#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace iolab::importers {

using Importers = std::vector<std::unique_ptr<Importer>>;

// Shows each importer the head of `stream`, reading more while any answers NeedMore (up to
// kMaxDetectBytes; at end of input NeedMore counts as No), then rewinds `stream` (which must
// be seekable). Returns the importer that answers Yes; nullptr if none. Never guesses: when
// several answer Yes, throws InputError naming them all (the caller's --format decides).
const Importer* detectFormat(const Importers& importers, std::istream& stream);

// The same over a head already in memory that holds the whole input.
const Importer* detectFormat(const Importers& importers, std::string_view wholeInput);

inline constexpr std::size_t kMaxDetectBytes = 1 << 20;

// The importer whose format() is `name`; nullptr if none.
const Importer* findImporter(const Importers& importers, std::string_view name);

// "fio-json, perf-script, folded": for messages listing the formats tried.
std::string formatNames(const Importers& importers);

} // namespace iolab::importers

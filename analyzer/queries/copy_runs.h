#pragma once

#include "analyzer/store/store.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

// Moving runs between databases (`iolab push`, `iolab pull`), a file and a server or any two.
namespace iolab::queries {

struct CopiedRun {
    std::int64_t source_id = 0;
    std::string name;
    std::string uuid;
    std::int64_t target_id = 0;
    bool copied = false; // false: the target already held the run (same identity)
};

// Copies the runs `selectors` name in `from` (ids, names, @latest) into `to`, each with
// everything measured in it and its identity, one transaction per run; a run the target already
// holds (a copy pushed earlier, or by another writer at the same moment) is not copied again.
// Throws InputError for a selector that matches nothing or a run still being recorded, before
// anything is copied.
std::vector<CopiedRun> copyRuns(store::Store& from, store::Store& to,
                                std::span<const std::string> selectors);

} // namespace iolab::queries

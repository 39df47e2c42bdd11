#pragma once

#include "analyzer/model/stack_profile.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iolab::test {

// A profile from folded-stack lines ("main;read;vfs_read_[k] 7", outermost frame first) read by
// the real FoldedImporter, the lines' indentation removed, with every sample given `event`,
// `process` and `pid` (the format carries none of them). The importer makes "_[k]" frames
// kernel frames; a frame "sym@mod" gets module "mod" (".ko" modules are module frames,
// "[kernel.kallsyms]" kernel ones); other kernel frames get "[kernel.kallsyms]", other user
// frames "app" (so the same stack of two processes is the same frames).
StackProfile foldedProfile(std::string_view text, const std::string& event = "cpu-clock",
                           const std::string& process = "app", std::int64_t pid = 1);

// One profile holding the samples and edges of all `profiles` (frames and nodes re-interned),
// for profiles with several events or processes.
StackProfile mergeProfiles(const std::vector<StackProfile>& profiles);

} // namespace iolab::test

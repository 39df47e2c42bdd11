#pragma once

#include "analyzer/model/stack_profile.h"

#include <string_view>

namespace iolab::test {

// A profile from folded-stack lines ("main;read;vfs_read 7"), outermost frame first, all of
// `event`. Frames named like kernel functions ("vfs_*", "blk_*", "__*", "*_irq*") are kernel
// frames, "[mod]"-suffixed ones module frames, the rest user frames.
StackProfile foldedProfile(std::string_view text, const char* event = "cpu-clock");

} // namespace iolab::test

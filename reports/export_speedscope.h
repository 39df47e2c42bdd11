#pragma once

#include "analyzer/model/stack_profile.h"

#include <string>

namespace iolab::reports {

// The profile in speedscope's file format (https://www.speedscope.app/file-format-schema.json):
// one "sampled" profile per event, each stack once with its summed count as weight (processes
// merged), frames shared between profiles with their module as "file". The profile that opens
// first is the event with the most samples. Throws InputError when there are no samples.
std::string exportSpeedscope(const StackProfile& profile, const std::string& runName);

} // namespace iolab::reports

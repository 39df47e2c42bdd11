#pragma once

#include <string>

namespace iolab::store {

// A new run's stable identity: a random (version 4) UUID in its usual text form, which push and
// pull use to copy a run once, whichever database it came from.
std::string newRunUuid();

} // namespace iolab::store

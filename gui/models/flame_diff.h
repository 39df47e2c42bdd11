#pragma once

#include "gui/models/flame_tree.h"

#include <vector>

namespace iolab::gui {

// Per node of `candidate`: its share of the candidate's samples minus the share of the same
// call path (matched by symbol and module) in `baseline`. Positive means the path grew.
std::vector<double> flameChanges(const FlameTree& candidate, const FlameTree& baseline);

} // namespace iolab::gui

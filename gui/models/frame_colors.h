#pragma once

#include "analyzer/model/stack_profile.h"

#include <QColor>
#include <cstdint>
#include <string_view>

namespace iolab::gui {

// 32-bit FNV-1a: iolab's own hash, so a symbol has the same colour on every machine and run.
std::uint32_t fnv1a(std::string_view text);

// A warm colour for kernel frames, green for modules, blue-violet for user space; the hash of
// the symbol picks the shade inside the kind's range.
QColor frameColor(const Frame& frame);

// Differential flame graph: red when a frame grew, blue when it shrank, white when unchanged.
// `change` and `scale` are shares of all samples; |change| >= scale gives the full colour.
QColor changeColor(double change, double scale);

} // namespace iolab::gui

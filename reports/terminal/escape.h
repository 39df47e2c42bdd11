#pragma once

#include <string>
#include <string_view>

namespace iolab::terminal {

// Text bound for a terminal, made safe: every control character that came from input or the
// kernel (frame names, quoted file lines, process names) is shown as a visible \xHH, so none can
// retitle, clear or move the terminal: C0 controls (newline and tab kept when `keepLayout`),
// DEL, and the C1 controls U+0080..U+009F in UTF-8.
std::string escapeControls(std::string_view text, bool keepLayout = true);

} // namespace iolab::terminal

#include "analyzer/model/stack_profile.h"

#include <stdexcept>

namespace iolab {

std::string_view toString(FrameKind kind) {
    switch (kind) {
    case FrameKind::User:
        return "user";
    case FrameKind::Kernel:
        return "kernel";
    case FrameKind::Module:
        return "module";
    }
    throw std::invalid_argument("unknown frame kind");
}

FrameKind frameKindFromString(std::string_view name) {
    if (name == "user") {
        return FrameKind::User;
    }
    if (name == "kernel") {
        return FrameKind::Kernel;
    }
    if (name == "module") {
        return FrameKind::Module;
    }
    throw std::invalid_argument("unknown frame kind '" + std::string(name) + "'");
}

} // namespace iolab

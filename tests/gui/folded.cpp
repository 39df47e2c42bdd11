#include "tests/gui/folded.h"

#include "analyzer/model/stack_profile_builder.h"

#include <sstream>
#include <string>
#include <vector>

namespace iolab::test {
namespace {

Frame frameOf(const std::string& name) {
    if (name.size() > 5 && name.ends_with("[mod]")) {
        return {name.substr(0, name.size() - 5), "mod.ko", FrameKind::Module};
    }
    const bool kernel = name.starts_with("vfs_") || name.starts_with("blk_") ||
                        name.starts_with("__") || name.find("_irq") != std::string::npos;
    return {name, kernel ? "[kernel.kallsyms]" : "/usr/bin/fio",
            kernel ? FrameKind::Kernel : FrameKind::User};
}

} // namespace

StackProfile foldedProfile(std::string_view text, const char* event) {
    StackProfileBuilder builder;
    std::istringstream lines{std::string(text)};
    std::string line;
    while (std::getline(lines, line)) {
        line.erase(0, line.find_first_not_of(" \t"));
        const auto space = line.rfind(' ');
        if (space == std::string::npos) {
            continue;
        }
        std::vector<Frame> frames;
        std::istringstream names(line.substr(0, space));
        std::string name;
        while (std::getline(names, name, ';')) {
            frames.push_back(frameOf(name));
        }
        builder.addSample(frames, event, "fio", 100, std::stoull(line.substr(space + 1)));
    }
    return builder.take();
}

} // namespace iolab::test

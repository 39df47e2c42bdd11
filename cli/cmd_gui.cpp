#include "analyzer/errors.h"
#include "cli/command.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fmt/core.h>
#include <sstream>
#include <unistd.h>
#include <vector>

namespace iolab::cli {
namespace {

bool isExecutable(const std::filesystem::path& path) {
    return std::filesystem::is_regular_file(path) && access(path.c_str(), X_OK) == 0;
}

// iolab-gui next to this program (an installation), beside it in the build tree (gui/), else on
// PATH.
std::filesystem::path findGui() {
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        for (const auto& candidate : {self.parent_path() / "iolab-gui",
                                      self.parent_path().parent_path() / "gui" / "iolab-gui"}) {
            if (isExecutable(candidate)) {
                return candidate;
            }
        }
    }
    if (const char* path = std::getenv("PATH")) {
        std::istringstream directories(path);
        std::string directory;
        while (std::getline(directories, directory, ':')) {
            if (!directory.empty() &&
                isExecutable(std::filesystem::path(directory) / "iolab-gui")) {
                return std::filesystem::path(directory) / "iolab-gui";
            }
        }
    }
    throw SystemError(
        "iolab-gui not found next to iolab or on PATH (build with -DIOLAB_BUILD_GUI=ON)");
}

} // namespace

void addGuiCommand(CLI::App& app, const ExitStatus& status) {
    auto options = std::make_shared<CommonOptions>();
    auto file = std::make_shared<std::string>();
    auto screenshots = std::make_shared<std::string>();
    CLI::App* command =
        app.add_subcommand("gui", "Open the database in the desktop workbench (iolab-gui)");
    addCommonOptions(*command, *options, false);
    command->add_option("FILE", *file, "database to open (instead of --db)");
    command->add_option("--screenshots", *screenshots,
                        "save a PNG of every view into DIR and exit");
    command->callback([options, file, screenshots, status] {
        const std::filesystem::path db = file->empty() ? options->db : std::filesystem::path(*file);
        if (!store::isServerLocation(db.native()) && !std::filesystem::exists(db)) {
            throw InputError(db.string() + ": no such database");
        }
        const std::string gui = findGui().string();
        std::vector<std::string> arguments{gui};
        if (!screenshots->empty()) {
            arguments.insert(arguments.end(), {"--screenshots", *screenshots});
            // Screenshots need no screen: without a display Qt draws offscreen instead of
            // aborting.
            if (std::getenv("DISPLAY") == nullptr && std::getenv("WAYLAND_DISPLAY") == nullptr &&
                std::getenv("QT_QPA_PLATFORM") == nullptr) {
                setenv("QT_QPA_PLATFORM", "offscreen", 1);
            }
        }
        arguments.insert(arguments.end(), {"--", db.string()});
        std::vector<char*> argv;
        for (std::string& argument : arguments) {
            argv.push_back(argument.data());
        }
        argv.push_back(nullptr);
        std::fflush(nullptr);
        execv(gui.c_str(), argv.data());
        *status = kSystemError;
        throw SystemError(gui + ": cannot start: " + std::strerror(errno));
    });
}

} // namespace iolab::cli

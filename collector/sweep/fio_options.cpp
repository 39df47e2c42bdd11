#include "collector/sweep/fio_options.h"

#include "analyzer/errors.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/core.h>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace iolab::sweep {
namespace {

namespace fs = std::filesystem;

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r");
    return first == std::string::npos
               ? ""
               : text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// fio's options that take their value as the next argument (as the recorder reads them).
bool takesNextArgument(const std::string& arg) {
    return arg == "--output" || arg == "--output-format";
}

std::string rewriteJobFile(const fs::path& job, const FioOptions& options) {
    std::ifstream in(job);
    if (!in) {
        throw InputError("cannot read the fio job file " + job.string());
    }
    std::string optionLines;
    for (const auto& [key, value] : options) {
        optionLines += key + "=" + value + "\n";
    }
    std::string out;
    bool inSection = false;
    for (std::string line; std::getline(in, line);) {
        const std::string text = trimmed(line);
        if (text.starts_with("[")) {
            out += inSection ? optionLines : "";
            inSection = true;
        } else if (text.starts_with("include ")) {
            const fs::path included = trimmed(text.substr(8));
            if (included.is_relative()) {
                line = "include " + (fs::absolute(job).parent_path() / included).string();
            }
        }
        out += line + "\n";
    }
    return out + (inSection ? optionLines : "");
}

void writeFile(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::trunc);
    out << text;
    if (!out.flush()) {
        throw SystemError("cannot write " + path.string());
    }
}

// Runs argv with stdout and stderr into `output`; returns its exit code.
int runInto(const std::vector<std::string>& argv, const fs::path& output) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    std::vector<char*> args;
    for (const std::string& arg : argv) {
        args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    pid_t pid = 0;
    const int error = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0) {
        throw SystemError("cannot run " + argv[0] + ": " + std::strerror(error));
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace

std::vector<std::string> withFioOptions(const std::vector<std::string>& argv,
                                        const FioOptions& options, const fs::path& directory,
                                        const std::string& prefix) {
    if (options.empty()) {
        return argv;
    }
    std::vector<std::string> out{argv.front()};
    std::vector<std::string> flags;
    for (const auto& [key, value] : options) {
        flags.push_back("--" + key + "=" + value);
    }
    bool inCommandLineJob = false;
    const auto endJob = [&] {
        if (inCommandLineJob) {
            out.insert(out.end(), flags.begin(), flags.end());
        }
        inCommandLineJob = false;
    };
    for (std::size_t i = 1; i < argv.size(); ++i) {
        const std::string& arg = argv[i];
        if (takesNextArgument(arg) && i + 1 < argv.size()) {
            out.push_back(arg);
            out.push_back(argv[++i]);
        } else if (arg.starts_with("--name=")) {
            endJob();
            out.push_back(arg);
            inCommandLineJob = true;
        } else if (!arg.starts_with("-") && fs::is_regular_file(arg)) {
            endJob();
            const fs::path copy = directory / (prefix + "-" + fs::path(arg).filename().string());
            writeFile(copy, rewriteJobFile(arg, options));
            out.push_back(copy.string());
        } else {
            out.push_back(arg);
        }
    }
    endJob();
    return out;
}

void checkFioCommand(const std::vector<std::string>& argv, const fs::path& directory,
                     const std::string& what) {
    std::vector<std::string> check{argv.front(), "--parse-only"};
    check.insert(check.end(), argv.begin() + 1, argv.end());
    const fs::path output = directory / "fio-parse-only.txt";
    if (runInto(check, output) == 0) {
        return;
    }
    std::ifstream in(output);
    // fio names the option first ("Bad option <bogus=3>", "failed parsing iodepth=abc"), then
    // lists valid values or says the job was dropped.
    std::string complaint;
    std::string first;
    for (std::string line; std::getline(in, line);) {
        line = trimmed(line);
        if (first.empty()) {
            first = line;
        }
        if (line.find("Bad option") != std::string::npos ||
            line.find("failed parsing") != std::string::npos) {
            complaint = line;
            break;
        }
    }
    complaint = complaint.empty() ? first : complaint;
    throw InputError(what + ": fio refuses it" + (complaint.empty() ? "" : ": " + complaint));
}

} // namespace iolab::sweep

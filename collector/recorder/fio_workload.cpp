#include "collector/recorder/fio_workload.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <regex>

namespace iolab::recorder {
namespace {

// fio expands ${VAR} in job files from the environment; an unset variable becomes empty.
std::string expandEnvironment(const std::string& text) {
    static const std::regex variable(R"(\$\{([A-Za-z_][A-Za-z0-9_]*)\})");
    std::string out;
    auto begin = std::sregex_iterator(text.begin(), text.end(), variable);
    std::size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        out += text.substr(last, it->position() - last);
        const char* value = std::getenv((*it)[1].str().c_str());
        out += value != nullptr ? value : "";
        last = it->position() + it->length();
    }
    return out + text.substr(last);
}

// fio separates several files of one job with ':'.
void addFilenames(const std::string& value, std::vector<std::string>& targets) {
    std::size_t start = 0;
    while (start <= value.size()) {
        const std::size_t end = value.find(':', start);
        std::string name = value.substr(start, end == std::string::npos ? end : end - start);
        if (!name.empty()) {
            targets.push_back(std::move(name));
        }
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
}

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return "";
    }
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

} // namespace

bool isFio(const std::vector<std::string>& argv) {
    return !argv.empty() && std::filesystem::path(argv[0]).filename() == "fio";
}

std::optional<std::string> fioVersion() {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen("fio --version 2>/dev/null", "r"), pclose);
    if (!pipe) {
        return std::nullopt;
    }
    std::array<char, 128> line{};
    if (std::fgets(line.data(), line.size(), pipe.get()) == nullptr) {
        return std::nullopt;
    }
    return trim(line.data());
}

bool choosesOutput(const std::vector<std::string>& argv) {
    for (std::size_t i = 1; i < argv.size(); ++i) {
        if (argv[i].starts_with("--output") || argv[i].starts_with("--output-format")) {
            return true;
        }
    }
    return false;
}

std::optional<std::filesystem::path> chosenJsonOutput(const std::vector<std::string>& argv) {
    std::optional<std::string> output;
    std::string format = "normal";
    for (std::size_t i = 1; i < argv.size(); ++i) {
        const std::string& arg = argv[i];
        const bool last = i + 1 == argv.size();
        if (arg.starts_with("--output-format=")) {
            format = arg.substr(arg.find('=') + 1);
        } else if (arg == "--output-format" && !last) {
            format = argv[++i];
        } else if (arg.starts_with("--output=")) {
            output = arg.substr(arg.find('=') + 1);
        } else if (arg == "--output" && !last) {
            output = argv[++i];
        }
    }
    if (!output || (format != "json" && format != "json+")) {
        return std::nullopt;
    }
    return std::filesystem::path(*output);
}

std::vector<std::string> withJsonOutput(std::vector<std::string> argv,
                                        const std::filesystem::path& output) {
    // json+ appeared in fio 2.13 (2016); older versions get plain json.
    const auto version = fioVersion();
    int major = 0;
    int minor = 0;
    const bool plus = version && std::sscanf(version->c_str(), "fio-%d.%d", &major, &minor) == 2 &&
                      (major > 2 || (major == 2 && minor >= 13));
    argv.insert(argv.begin() + 1, plus ? "--output-format=json+" : "--output-format=json");
    argv.insert(argv.begin() + 2, "--output=" + output.string());
    return argv;
}

std::vector<std::string> fioTargets(const std::vector<std::string>& argv) {
    std::vector<std::string> targets;
    for (std::size_t i = 1; i < argv.size(); ++i) {
        const std::string& arg = argv[i];
        if (arg.starts_with("--filename=")) {
            addFilenames(arg.substr(11), targets);
            continue;
        }
        if (arg.starts_with("-")) {
            continue;
        }
        std::ifstream jobFile(arg);
        std::string line;
        while (jobFile && std::getline(jobFile, line)) {
            line = trim(line);
            if (line.starts_with("filename")) {
                const auto equals = line.find('=');
                if (equals != std::string::npos && trim(line.substr(0, equals)) == "filename") {
                    addFilenames(expandEnvironment(trim(line.substr(equals + 1))), targets);
                }
            }
        }
    }
    return targets;
}

} // namespace iolab::recorder

#include "analyzer/errors.h"
#include "analyzer/files/safe_output.h"
#include "analyzer/importers/detect.h"
#include "analyzer/importers/perf_data.h"
#include "cli/command.h"
#include "cli/import_input.h"
#include "cli/run_labels_option.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/core.h>
#include <fstream>
#include <istream>
#include <unistd.h>

namespace iolab::cli {
namespace {

struct ImportOptions {
    std::vector<std::filesystem::path> files;
    std::string format; // empty: detect
    std::string name;   // empty: the file's name
    std::vector<std::string> tags;
    RunLabels labels;
};

bool isStackFormat(std::string_view format) {
    return format == "perf-script" || format == "folded";
}

std::uint64_t stackSamples(const RunRecord& record) {
    std::uint64_t samples = 0;
    for (const Sample& sample : record.profile.samples) {
        samples += sample.count;
    }
    return samples;
}

// Refuses what the importer read without complaint but is no whole input: perf script output
// cut inside a line, stacks without a single sample.
void checkWhole(const importers::Importer& importer, const ProgressStreamBuf& read,
                const std::string& sourceName, const RunRecord& record) {
    const std::string where =
        fmt::format("{}:{}", sourceName,
                    std::max<std::uint64_t>(read.lines() + (read.endsInsideLine() ? 1 : 0), 1));
    if (importer.format() == "perf-script" && read.endsInsideLine()) {
        throw InputError(where + ": the input ends inside a line (cut short?)");
    }
    if (isStackFormat(importer.format()) && stackSamples(record) == 0) {
        throw InputError(where + ": no samples in the input (" +
                         (read.bytesRead() == 0 ? "the file is empty" : "no stack was read") + ")");
    }
}

// Reads `fd` through `importer` into `record`, with progress on long inputs.
void readInto(const importers::Importer& importer, int fd, const std::string& sourceName,
              std::optional<std::uint64_t> size, RunRecord& record) {
    ImportProgress progress(sourceName, size);
    ProgressStreamBuf buffer(fd, progress, sourceName, size);
    std::istream stream(&buffer);
    stream.exceptions(std::ios::badbit); // a read error surfaces as the SystemError it is
    importer.import({stream, sourceName}, record);
    progress.finish();
    checkWhole(importer, buffer, sourceName, record);
}

const importers::Importer& chooseImporter(const importers::Importers& all,
                                          const std::filesystem::path& file,
                                          const std::string& format) {
    if (!format.empty()) {
        const importers::Importer* chosen = importers::findImporter(all, format);
        if (chosen == nullptr) {
            throw InputError(fmt::format("unknown format '{}' (formats: {})", format,
                                         importers::formatNames(all)));
        }
        return *chosen;
    }
    std::ifstream head(file, std::ios::binary);
    const importers::Importer* detected = nullptr;
    try {
        detected = importers::detectFormat(all, head);
    } catch (const InputError& ambiguous) {
        throw InputError(file.string() + ": " + ambiguous.what());
    }
    if (detected == nullptr) {
        throw InputError(fmt::format("{}: unknown format (tried perf.data, {}); use --format",
                                     file.string(), importers::formatNames(all)));
    }
    return *detected;
}

// Imports one file into a RunRecord; returns the format read.
std::string importFile(const importers::Importers& all, const std::filesystem::path& file,
                       const std::string& format, RunRecord& record) {
    const std::string name = file.string();
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error)) {
        throw InputError(name + ": " +
                         (std::filesystem::exists(file) ? "not a regular file" : "no such file"));
    }
    const std::uint64_t size = std::filesystem::file_size(file);
    if ((format.empty() || format == "perf-script") && importers::isPerfData(file)) {
        const importers::Importer* perfScript = importers::findImporter(all, "perf-script");
        importers::PerfScriptProcess perf(file);
        try {
            readInto(*perfScript, perf.output(), name + " (perf script)", std::nullopt, record);
        } catch (const InputError&) {
            perf.finish(); // a failing perf is the cause to name
            throw;
        }
        perf.finish();
        record.run.command =
            fmt::format("perf script -i {} -F {}", name, importers::kPerfScriptFields);
        return "perf-script";
    }
    const importers::Importer& importer = chooseImporter(all, file, format);
    const files::FileDescriptor fd(open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        throw InputError(name + ": " + std::strerror(errno));
    }
    readInto(importer, fd.get(), name, size, record);
    return std::string(importer.format());
}

double sampleCount(const RunRecord& record) {
    double counted = 0;
    for (const Counter& counter : record.counters) {
        if (counter.name == "import.samples") {
            counted += counter.value;
        }
    }
    if (counted > 0) {
        return counted;
    }
    for (const Sample& sample : record.profile.samples) {
        counted += static_cast<double>(sample.count);
    }
    return counted;
}

void importOne(store::Store& store, const importers::Importers& all, const ImportOptions& options,
               const std::filesystem::path& file) {
    RunRecord record;
    const std::string format = importFile(all, file, options.format, record);
    const auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    record.run.name = options.name.empty() ? file.filename().string() : options.name;
    record.run.tags = options.tags;
    record.run.status = RunStatus::Imported;
    record.run.source = "import:" + format;
    record.run.start_ns = now;
    record.run.end_ns = now;
    record.run.metadata["import.file"] = std::filesystem::absolute(file).string();
    applyRunLabels(options.labels, record.run);
    const std::int64_t id = store.writeRun(record);
    printText(fmt::format("imported {} as run {} ({}, {:.0f} samples, {} fio jobs)\n",
                          file.string(), id, format, sampleCount(record), record.fio_jobs.size()));
    if (const auto absent = record.run.metadata.find("fio.absent_fields");
        absent != record.run.metadata.end()) {
        printText(fmt::format("note: {} ({}) has no {}\n", file.string(),
                              record.run.metadata.at("fio.version"), absent->second));
    }
}

} // namespace

void addImportCommand(CLI::App& app, const ExitStatus& status) {
    auto common = std::make_shared<CommonOptions>();
    auto options = std::make_shared<ImportOptions>();
    CLI::App* command = app.add_subcommand(
        "import",
        "Import perf script text, perf.data, opreport text (-l, -c) or XML, fio JSON (fio 2.1 "
        "and later) or folded stacks, one run per file; see docs/formats.md");
    addCommonOptions(*command, *common, false);
    command->add_option("FILE", options->files, "files to import")->required();
    command->add_option("--format", options->format,
                        "the input format (default: detected; required when two formats match): "
                        "perf-script, opreport, opreport-xml, fio-json, folded");
    command->add_option("--name", options->name, "run name (default: the file's name)");
    command->add_option("--tag", options->tags, "tag the runs (repeatable)");
    auto meta = std::make_shared<std::vector<std::string>>();
    addMetaOption(*command, *meta);
    command->callback([common, options, meta, status] {
        options->labels = runLabels(*meta);
        const importers::Importers all = importers::allImporters();
        store::Store store(common->db, store::OpenMode::ReadWrite);
        *status = kOk;
        for (const auto& file : options->files) {
            try {
                importOne(store, all, *options, file);
            } catch (const InputError& error) {
                printError(error.what());
                *status = std::max(*status, static_cast<int>(kInputError));
            } catch (const SystemError& error) {
                printError(error.what());
                *status = kSystemError;
            }
        }
    });
}

} // namespace iolab::cli

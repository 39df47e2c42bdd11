#include "analyzer/errors.h"
#include "analyzer/version.h"
#include "cli/command.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <fmt/core.h>

namespace {

int runCommandLine(int argc, char** argv) {
    CLI::App app{"iolab: where the time and cost of each IO goes, and whether a change made it "
                 "better or worse"};
    app.set_version_flag("--version", "iolab " IOLAB_VERSION);
    app.require_subcommand(1);
    const auto status = std::make_shared<int>(iolab::cli::kOk);
    iolab::cli::addListCommand(app, status);
    iolab::cli::addShowCommand(app, status);
    iolab::cli::addRmCommand(app, status);
    iolab::cli::addDbCommand(app, status);
    iolab::cli::addDiffCommand(app, status);
    iolab::cli::addReportCommand(app, status);
    iolab::cli::addHistoryCommand(app, status);
    iolab::cli::addPushCommand(app, status);
    iolab::cli::addPullCommand(app, status);
    iolab::cli::addRecordCommand(app, status);
    iolab::cli::addSweepCommand(app, status);
    iolab::cli::addImportCommand(app, status);
    iolab::cli::addExportCommand(app, status);
    iolab::cli::addGuiCommand(app, status);
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& success) {
        return app.exit(success);
    } catch (const CLI::ParseError& error) {
        iolab::cli::printError(std::string(error.what()) + " (see iolab --help)");
        return iolab::cli::kInputError;
    }
    return *status;
}

} // namespace

int main(int argc, char** argv) {
    try {
        return runCommandLine(argc, argv);
    } catch (const iolab::InputError& error) {
        iolab::cli::printError(error.what());
        return iolab::cli::kInputError;
    } catch (const iolab::SystemError& error) {
        iolab::cli::printError(error.what());
        return iolab::cli::kSystemError;
    } catch (const std::exception& error) {
        iolab::cli::printError(std::string("internal error: ") + error.what());
        return iolab::cli::kSystemError;
    }
}

#include "analyzer/errors.h"
#include "cli/command.h"

namespace iolab::cli {

// A build without the recorder (-DIOLAB_RECORDER=OFF) still knows the command, and says why it
// cannot run it.
void addRecordCommand(CLI::App& app, const ExitStatus&) {
    CLI::App* command = app.add_subcommand("record", "Not in this build (-DIOLAB_RECORDER=OFF)");
    command->allow_extras();
    command->callback([] {
        throw InputError("this iolab was built without the recorder (-DIOLAB_RECORDER=OFF): "
                         "rebuild with -DIOLAB_RECORDER=ON to record");
    });
}

// Without the recorder a sweep cannot run, but `iolab sweep show` reads the sweeps a file holds.
void addSweepCommand(CLI::App& app, const ExitStatus& status) {
    CLI::App* command = app.add_subcommand("sweep", "Not in this build, but for sweep show");
    command->require_subcommand(0, 1);
    CLI::App* show = addSweepShowCommand(*command, status);
    command->allow_extras();
    command->callback([show] {
        if (!show->parsed()) {
            throw InputError("this iolab was built without the recorder (-DIOLAB_RECORDER=OFF): "
                             "rebuild with -DIOLAB_RECORDER=ON to sweep");
        }
    });
}

} // namespace iolab::cli

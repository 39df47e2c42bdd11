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

} // namespace iolab::cli

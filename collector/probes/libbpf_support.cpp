#include "collector/probes/libbpf_support.h"

#include <string>
#include <system_error>

namespace iolab::probes {

SystemError libbpfError(std::string_view step, int error) {
    return SystemError(std::string(step) + ": " + std::generic_category().message(error));
}

} // namespace iolab::probes

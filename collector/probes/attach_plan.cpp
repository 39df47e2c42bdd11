#include "collector/probes/attach_plan.h"

#include <algorithm>
#include <filesystem>
#include <linux/magic.h>
#include <sys/statfs.h>

namespace iolab::probes {
namespace {

// statfs, not a look inside: tracefs is root-only, and "not mounted" would be the wrong
// reason to give a user who lacks the privileges.
bool isTracefs(const char* path) {
    struct statfs info {};
    return statfs(path, &info) == 0 && info.f_type == TRACEFS_MAGIC;
}

} // namespace

std::string_view toString(Mechanism mechanism) {
    switch (mechanism) {
    case Mechanism::TpBtf:
        return "tp_btf";
    case Mechanism::RawTp:
        return "raw_tp";
    case Mechanism::Tracepoint:
        return "tracepoint";
    }
    return "unknown";
}

void checkKernelSupport(Mechanism mechanism) {
    switch (mechanism) {
    case Mechanism::TpBtf:
        if (std::error_code ignored; !std::filesystem::exists("/sys/kernel/btf/vmlinux", ignored)) {
            throw SystemError("the kernel has no BTF (/sys/kernel/btf/vmlinux is missing)");
        }
        return;
    case Mechanism::RawTp:
        return;
    case Mechanism::Tracepoint:
        // libbpf looks for tracefs in both places.
        if (!isTracefs("/sys/kernel/tracing") && !isTracefs("/sys/kernel/debug/tracing")) {
            throw SystemError(
                "tracefs is not mounted (mount -t tracefs nodev /sys/kernel/tracing)");
        }
        return;
    }
}

std::vector<Mechanism> attachOrder(std::span<const Mechanism> plan,
                                   std::optional<Mechanism> force) {
    if (!force) {
        return {plan.begin(), plan.end()};
    }
    if (std::ranges::find(plan, *force) == plan.end()) {
        throw InputError("this probe has no " + std::string(toString(*force)) + " program");
    }
    return {*force};
}

void throwNothingAttached(std::string_view probe, const std::vector<AttachFailure>& failures) {
    std::string message = std::string(probe) + ": no attach mechanism worked";
    for (const AttachFailure& failure : failures) {
        message += "; ";
        message += toString(failure.mechanism);
        message += ": ";
        message += failure.reason;
    }
    throw SystemError(message);
}

} // namespace iolab::probes

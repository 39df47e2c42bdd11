#pragma once

#include "analyzer/errors.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace iolab::probes {

// How a BPF program hooks the kernel. A probe offers one program per mechanism it supports.
enum class Mechanism {
    TpBtf,      // tp_btf: typed arguments, cheapest; needs kernel BTF
    RawTp,      // raw_tp: the same hook without BTF
    Tracepoint, // classic tracepoint: works where the others do not; needs tracefs
};

std::string_view toString(Mechanism mechanism);

struct AttachFailure {
    Mechanism mechanism{};
    std::string reason;
};

// Which mechanism a probe attached with, and why each one tried before it did not work: both
// are stored with the run so a fallback is visible.
struct AttachOutcome {
    Mechanism mechanism{};
    std::vector<AttachFailure> failures;
};

// Throws SystemError when the kernel visibly lacks what the mechanism needs, so the reason is
// "no kernel BTF" rather than an errno from deep inside libbpf.
void checkKernelSupport(Mechanism mechanism);

// The mechanisms to try, in order: the plan, or only `force` (InputError if the plan lacks it).
std::vector<Mechanism> attachOrder(std::span<const Mechanism> plan, std::optional<Mechanism> force);

[[noreturn]] void throwNothingAttached(std::string_view probe,
                                       const std::vector<AttachFailure>& failures);

// Calls attempt(mechanism) for each mechanism of attachOrder(plan, force) until one returns;
// an attempt gives up on its mechanism by throwing SystemError. Returns what the winning
// attempt returned with the outcome; when every attempt gave up, throws SystemError naming
// the probe and each mechanism's reason.
template <class Attempt>
auto attachBestFirst(std::string_view probe, std::span<const Mechanism> plan,
                     std::optional<Mechanism> force, Attempt&& attempt)
    -> std::pair<std::invoke_result_t<Attempt&, Mechanism>, AttachOutcome> {
    std::vector<AttachFailure> failures;
    for (const Mechanism mechanism : attachOrder(plan, force)) {
        try {
            auto attached = attempt(mechanism);
            return {std::move(attached), AttachOutcome{mechanism, std::move(failures)}};
        } catch (const SystemError& error) {
            failures.push_back({mechanism, error.what()});
        }
    }
    throwNothingAttached(probe, failures);
}

} // namespace iolab::probes

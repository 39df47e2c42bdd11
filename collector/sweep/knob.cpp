#include "collector/sweep/knob.h"

#include "analyzer/errors.h"
#include "collector/probes/block_devices.h"
#include "collector/probes/clocksource.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace iolab::sweep {
namespace {

std::vector<std::string> splitValues(std::string_view text) {
    std::vector<std::string> values;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = text.find(',', start);
        values.emplace_back(
            text.substr(start, comma == std::string_view::npos ? comma : comma - start));
        if (comma == std::string_view::npos) {
            return values;
        }
        start = comma + 1;
    }
}

bool plainWord(std::string_view text) {
    return !text.empty() && std::ranges::all_of(text, [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
    });
}

void parseName(std::string_view name, Knob& knob) {
    if (name == "clocksource") {
        knob.kind = KnobKind::Clocksource;
        return;
    }
    if (name.starts_with("fio.")) {
        knob.kind = KnobKind::Fio;
        knob.key = name.substr(4);
        if (!plainWord(knob.key)) {
            throw InputError("--set " + std::string(name) + ": fio.KEY needs a fio option name");
        }
        return;
    }
    if (name.starts_with("dev.")) {
        const std::size_t dot = name.rfind('.');
        knob.kind = KnobKind::Device;
        knob.device = name.substr(4, dot > 4 ? dot - 4 : 0);
        knob.key = name.substr(dot + 1);
        if (!plainWord(knob.device) || !plainWord(knob.key)) {
            throw InputError("--set " + std::string(name) +
                             ": dev.DEVICE.KEY needs a device name and a queue setting");
        }
        return;
    }
    throw InputError("--set " + std::string(name) +
                     ": unknown knob (dev.DEVICE.KEY, clocksource or fio.KEY)");
}

void checkDevice(const Knob& knob) {
    if (!probes::findBlockDevice(knob.device)) {
        throw InputError(knob.name + ": " + knob.device + " is not a block device (no /sys/block/" +
                         knob.device + ")");
    }
    if (!probes::readSysBlock(knob.device, "queue/scheduler")) {
        throw InputError(knob.name + ": " + knob.device +
                         " has no request queue to tune (no queue/scheduler)");
    }
    const bool queueKnob = knob.key == "scheduler" ||
                           std::ranges::any_of(kQueueKnobs, [&](auto k) { return knob.key == k; });
    if (queueKnob && !probes::readSysBlock(knob.device, "queue/" + knob.key)) {
        throw InputError(knob.name + ": " + knob.device + " has no queue/" + knob.key);
    }
}

void checkClocksource(const Knob& knob) {
    const auto available = probes::availableClocksources();
    for (const std::string& value : knob.values) {
        if (std::ranges::find(available, value) == available.end()) {
            std::string offered;
            for (const std::string& name : available) {
                offered += (offered.empty() ? "" : ", ") + name;
            }
            throw InputError("clocksource=" + value + ": the kernel offers " + offered);
        }
    }
}

} // namespace

Knob parseKnob(std::string_view text) {
    const std::size_t equals = text.find('=');
    if (equals == std::string_view::npos) {
        throw InputError("--set " + std::string(text) + ": expected KNOB=VALUE[,VALUE...]");
    }
    Knob knob;
    knob.name = text.substr(0, equals);
    parseName(knob.name, knob);
    knob.values = splitValues(text.substr(equals + 1));
    std::set<std::string> seen;
    for (const std::string& value : knob.values) {
        if (value.empty() || value.find_first_of(" \t\n\r") != std::string::npos) {
            throw InputError("--set " + std::string(text) +
                             ": values are comma-separated, none empty or with blanks");
        }
        if (!seen.insert(value).second) {
            throw InputError("--set " + std::string(text) + ": " + value + " is given twice");
        }
    }
    return knob;
}

void checkKnobs(const std::vector<Knob>& knobs) {
    std::set<std::string> names;
    for (const Knob& knob : knobs) {
        if (!names.insert(knob.name).second) {
            throw InputError("--set " + knob.name + " is given twice (list its values once)");
        }
        if (knob.kind == KnobKind::Device) {
            checkDevice(knob);
        } else if (knob.kind == KnobKind::Clocksource) {
            checkClocksource(knob);
        }
    }
}

} // namespace iolab::sweep

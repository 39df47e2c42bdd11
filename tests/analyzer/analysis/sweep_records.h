#pragma once

#include "analyzer/analysis/sweep_table.h"
#include "tests/analyzer/analysis/comparison_records.h"

#include <string>
#include <utility>
#include <vector>

namespace iolab::test {

// A run of sweep "s" in the cell `settings` (knob, value pairs), `iops` measured, run `order`-th.
inline RunRecord sweepRun(const std::vector<std::pair<std::string, std::string>>& settings,
                          double iops, int order) {
    std::string series = "s/";
    std::vector<std::string> tags{"sweep:s"};
    for (const auto& [knob, value] : settings) {
        series += knob + "=" + value + ",";
        tags.push_back(settingTag(knob, value));
    }
    RunRecord record = fioRecord("fio", series, {.iops = iops}, order);
    record.run.id = order + 1;
    record.run.tags = tags;
    return record;
}

// clocksource=tsc,kvm-clock x dev.loop0.scheduler=none,mq-deadline, three rounds interleaved:
// kvm-clock with mq-deadline +50% IOPS, the others like the baseline within noise.
inline std::vector<RunRecord> clockSchedulerSweep() {
    const double iops[4][3] = {
        {100e3, 102e3, 98e3}, {101e3, 99e3, 100e3}, {99e3, 101e3, 100e3}, {150e3, 151e3, 149e3}};
    std::vector<RunRecord> runs;
    int order = 0;
    for (int round = 0; round < 3; ++round) {
        int cell = 0;
        for (const char* clock : {"tsc", "kvm-clock"}) {
            for (const char* scheduler : {"none", "mq-deadline"}) {
                runs.push_back(
                    sweepRun({{"clocksource", clock}, {"dev.loop0.scheduler", scheduler}},
                             iops[cell++][round], order++));
            }
        }
    }
    return runs;
}

} // namespace iolab::test

#pragma once

#include <map>
#include <string>
#include <vector>

namespace iolab::recorder {

// What the machine was when the run was recorded, as run metadata: kernel, host, cpu.model,
// cpu.cores, clocksource, and for each device dev.NAME.{scheduler, nr_requests, rotational,
// nomerges, rq_affinity, wbt_lat_usec, read_ahead_kb}, plus dev.loopN.{backing_file, dio} and
// dev.NAME.slaves for stacked devices.
std::map<std::string, std::string> systemSnapshot(const std::vector<std::string>& devices);

} // namespace iolab::recorder

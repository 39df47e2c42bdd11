#pragma once

#include "analyzer/model/costs.h"

#include <string>
#include <sys/types.h>
#include <vector>

namespace iolab::probes {

// The kernel's clock sources (/sys/devices/system/clocksource/clocksource0).
std::string currentClocksource();
std::vector<std::string> availableClocksources();

// What one clock read costs here, now: median over rounds of a tight loop, through the vDSO
// (libc's clock_gettime) and through the system call.
ClockSourceCost measureClockReadCost(const std::string& clocksource);

// Switches the kernel's clock source and always puts the original back: on restore(), on
// destruction, and when this process dies any other way (SIGKILL included) through a guard
// process that restores when its pipe from this process closes. A state file also lets the
// next recorder restore what a lost guard could not.
class ClocksourceSwitcher {
public:
    // Restores a clock source left switched by a recorder that died with its guard.
    explicit ClocksourceSwitcher(std::string stateFile = defaultStateFile());
    ~ClocksourceSwitcher();
    ClocksourceSwitcher(const ClocksourceSwitcher&) = delete;
    ClocksourceSwitcher& operator=(const ClocksourceSwitcher&) = delete;

    // Throws SystemError when the kernel refuses the clock source.
    void switchTo(const std::string& clocksource);
    void restore();

    static std::string defaultStateFile();

private:
    void startGuard();

    std::string m_stateFile;
    std::string m_original;
    pid_t m_guard = -1;
    int m_guardPipe = -1;
};

// Measures every available clock source, switching to each and back.
std::vector<ClockSourceCost> measureAllClocksources();

} // namespace iolab::probes

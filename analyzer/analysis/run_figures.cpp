#include "analyzer/analysis/run_figures.h"

namespace iolab {

double clockReadCostNs(const RunRecord& record, std::string_view path) {
    for (const ClockSourceCost& source : record.clock_sources) {
        if (source.current) {
            return path == "syscall" ? source.syscall_ns : source.vdso_ns;
        }
    }
    return 0;
}

} // namespace iolab

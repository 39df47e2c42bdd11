#pragma once

#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace iolab::importers {

// Whether `path` starts with perf.data's magic ("PERFILE2").
bool isPerfData(const std::filesystem::path& path);

// The fields iolab asks `perf script` for: what the perf-script importer reads, none that
// perf.data files may lack (cpu needs -a or --sample-cpu at record time).
inline constexpr const char* kPerfScriptFields = "comm,pid,tid,time,period,event,ip,sym,dso,trace";

// `perf script -i FILE -F kPerfScriptFields` running with its stdout on a pipe. Throws
// SystemError when perf cannot be started (not installed).
class PerfScriptProcess {
public:
    explicit PerfScriptProcess(const std::filesystem::path& perfData);
    ~PerfScriptProcess();
    PerfScriptProcess(const PerfScriptProcess&) = delete;
    PerfScriptProcess& operator=(const PerfScriptProcess&) = delete;
    PerfScriptProcess(PerfScriptProcess&&) = delete;
    PerfScriptProcess& operator=(PerfScriptProcess&&) = delete;

    // The read end of perf's stdout.
    int output() const { return m_output; }
    // Waits for perf; throws InputError with perf's own message when it failed.
    void finish();

private:
    void stop();

    std::filesystem::path m_perfData;
    std::vector<std::string> m_argv;
    pid_t m_pid = -1;
    int m_output = -1;
    int m_errors = -1; // perf's stderr, an unlinked temporary file
};

} // namespace iolab::importers

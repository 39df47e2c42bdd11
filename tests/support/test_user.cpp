#include "tests/support/test_user.h"

#include <atomic>
#include <pwd.h>
#include <stdexcept>
#include <unistd.h>

namespace iolab::test {

TestUser::TestUser() {
    static std::atomic<int> made{0};
    m_name = "iolabt" + std::to_string(getpid()) + "x" + std::to_string(made++);
    const CommandResult added =
        runCommand({"useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", m_name});
    if (added.exit_code != 0) {
        throw std::runtime_error("useradd " + m_name + " failed: " + added.err);
    }
    const passwd* entry = getpwnam(m_name.c_str());
    if (entry == nullptr) {
        runCommand({"userdel", m_name});
        throw std::runtime_error("useradd made no passwd entry for " + m_name);
    }
    m_uid = entry->pw_uid;
    m_gid = entry->pw_gid;
}

TestUser::~TestUser() {
    runCommand({"userdel", "--force", m_name});
}

CommandResult TestUser::run(const std::vector<std::string>& argv) const {
    std::vector<std::string> command{"setpriv", "--reuid=" + std::to_string(m_uid),
                                     "--regid=" + std::to_string(m_gid), "--clear-groups", "--"};
    command.insert(command.end(), argv.begin(), argv.end());
    return runCommand(command);
}

} // namespace iolab::test

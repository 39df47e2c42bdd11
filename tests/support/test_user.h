#pragma once

#include "tests/support/run_command.h"

#include <string>
#include <sys/types.h>
#include <vector>

namespace iolab::test {

// An unprivileged user made for one test (useradd) and deleted with it (userdel), also when the
// test fails. Needs root.
class TestUser {
public:
    TestUser();
    ~TestUser();
    TestUser(const TestUser&) = delete;
    TestUser& operator=(const TestUser&) = delete;
    TestUser(TestUser&&) = delete;
    TestUser& operator=(TestUser&&) = delete;

    const std::string& name() const { return m_name; }
    uid_t uid() const { return m_uid; }
    gid_t gid() const { return m_gid; }

    // Runs `argv` as this user (setpriv), capturing its output.
    CommandResult run(const std::vector<std::string>& argv) const;

private:
    std::string m_name;
    uid_t m_uid = 0;
    gid_t m_gid = 0;
};

} // namespace iolab::test

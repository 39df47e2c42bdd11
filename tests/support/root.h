#pragma once

namespace iolab::test {

// Catch2 2.13 has no SKIP: tests tagged [root] call this first and return when it is false.
// Not root: prints why and returns false, unless CI=true, where probe tests must run and the
// test fails instead.
bool requireRoot();

} // namespace iolab::test

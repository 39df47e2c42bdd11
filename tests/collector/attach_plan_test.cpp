#include "collector/probes/attach_plan.h"

#include <array>
#include <catch2/catch.hpp>
#include <string>

using iolab::InputError;
using iolab::SystemError;
using iolab::probes::attachBestFirst;
using iolab::probes::Mechanism;

namespace {

constexpr std::array kPlan{Mechanism::TpBtf, Mechanism::RawTp, Mechanism::Tracepoint};

} // namespace

TEST_CASE("attach plan: takes the first mechanism that works", "[probe]") {
    std::vector<Mechanism> tried;
    const auto [attached, outcome] =
        attachBestFirst("test", kPlan, std::nullopt, [&](Mechanism mechanism) {
            tried.push_back(mechanism);
            if (mechanism == Mechanism::TpBtf) {
                throw SystemError("load: Permission denied");
            }
            return std::string(toString(mechanism));
        });
    CHECK(attached == "raw_tp");
    CHECK(tried == std::vector{Mechanism::TpBtf, Mechanism::RawTp});
    CHECK(outcome.mechanism == Mechanism::RawTp);
    REQUIRE(outcome.failures.size() == 1);
    CHECK(outcome.failures[0].mechanism == Mechanism::TpBtf);
    CHECK(outcome.failures[0].reason == "load: Permission denied");
}

TEST_CASE("attach plan: names every reason when nothing works", "[probe]") {
    const auto failing = [](Mechanism mechanism) -> int {
        throw SystemError("no " + std::string(toString(mechanism)));
    };
    CHECK_THROWS_WITH(attachBestFirst("test", kPlan, std::nullopt, failing),
                      "test: no attach mechanism worked; tp_btf: no tp_btf; raw_tp: no raw_tp; "
                      "tracepoint: no tracepoint");
}

TEST_CASE("attach plan: a forced mechanism is the only one tried", "[probe]") {
    std::vector<Mechanism> tried;
    const auto attempt = [&](Mechanism mechanism) {
        tried.push_back(mechanism);
        return 0;
    };
    const auto [attached, outcome] = attachBestFirst("test", kPlan, Mechanism::Tracepoint, attempt);
    CHECK(tried == std::vector{Mechanism::Tracepoint});
    CHECK(outcome.mechanism == Mechanism::Tracepoint);
    CHECK(outcome.failures.empty());

    const std::array partialPlan{Mechanism::TpBtf};
    CHECK_THROWS_AS(attachBestFirst("test", partialPlan, Mechanism::RawTp, attempt), InputError);
}

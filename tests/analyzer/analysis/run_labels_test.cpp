#include "analyzer/analysis/run_labels.h"
#include "analyzer/errors.h"

#include <catch2/catch.hpp>

using iolab::parseRunLabels;
using iolab::Provenance;

TEST_CASE("Run labels: commit, branch and ci_job set the provenance, other keys metadata",
          "[model]") {
    const auto labels =
        parseRunLabels({}, {"commit=4f1c9e2", "branch=feature/x", "ci_job=88", "pool=nvme=2"});
    CHECK(labels.provenance == Provenance{"4f1c9e2", "feature/x", "88"});
    CHECK(labels.metadata == std::map<std::string, std::string>{{"pool", "nvme=2"}});
}

TEST_CASE("Run labels: --meta overrides what the CI system reported, later wins", "[model]") {
    const auto labels = parseRunLabels({"ci-sha", "ci-branch", "1"}, {"commit=a", "commit=b"});
    CHECK(labels.provenance == Provenance{"b", "ci-branch", "1"});
}

TEST_CASE("Run labels: an assignment without a key or '=' is refused, named", "[model]") {
    CHECK_THROWS_WITH(parseRunLabels({}, {"commit"}), "--meta 'commit': expected KEY=VALUE");
    CHECK_THROWS_AS(parseRunLabels({}, {"=x"}), iolab::InputError);
}

TEST_CASE("Run labels: the user's keys replace the run's, the provenance is set", "[model]") {
    iolab::Run run;
    run.metadata = {{"host", "ci-7"}, {"kernel", "6.18"}};
    iolab::applyRunLabels(parseRunLabels({}, {"host=bench-1", "branch=main"}), run);
    CHECK(run.metadata.at("host") == "bench-1");
    CHECK(run.metadata.at("kernel") == "6.18");
    CHECK(run.provenance.branch == "main");
}

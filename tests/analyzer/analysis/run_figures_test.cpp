#include "analyzer/analysis/run_figures.h"

#include <catch2/catch.hpp>

TEST_CASE("Counters: fractions never print as 0", "[analysis]") {
    CHECK(iolab::counterText(1523) == "1523");
    CHECK(iolab::counterText(0) == "0");
    CHECK(iolab::counterText(0.069) == "0.069");
    CHECK(iolab::counterText(2.5) == "2.500");
    CHECK(iolab::counterText(0.000042) == "4.2e-05");
}

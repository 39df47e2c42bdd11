#include "analyzer/model/duration_text.h"

#include <catch2/catch.hpp>

using iolab::formatDuration;

TEST_CASE("duration text: the unit changes at each thousand", "[model]") {
    CHECK(formatDuration(0) == "0ns");
    CHECK(formatDuration(812) == "812ns");
    CHECK(formatDuration(999.4) == "999ns");
    CHECK(formatDuration(1'000) == "1.00µs");
    CHECK(formatDuration(999'000) == "999.0µs");
    CHECK(formatDuration(1'000'000) == "1.00ms");
    CHECK(formatDuration(999'000'000) == "999.0ms");
    CHECK(formatDuration(1'500'000'000) == "1.50s");
    CHECK(formatDuration(90e9) == "90.00s");
}

TEST_CASE("duration text: two decimals below 10 of a unit, one above", "[model]") {
    CHECK(formatDuration(7'594) == "7.59µs");
    CHECK(formatDuration(45'300) == "45.3µs");
    CHECK(formatDuration(2'100'000) == "2.10ms");
    CHECK(formatDuration(45'120'000) == "45.1ms");
}

TEST_CASE("duration text: a negative change keeps its sign and its scale", "[model]") {
    CHECK(formatDuration(-500) == "-500ns");
    CHECK(formatDuration(-7'594) == "-7.59µs");
    CHECK(formatDuration(-45'120'000) == "-45.1ms");
}

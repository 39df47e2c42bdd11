#include "analyzer/importers/perf_script_parser.h"

#include <catch2/catch.hpp>

using namespace iolab;
using namespace iolab::importers;

TEST_CASE("perf script parser: header with pid/tid, cpu, time, period", "[importers][perf]") {
    const auto header = parsePerfSampleHeader(
        "known_functions 15437/15438 [001]   948.813445:    5025125                cpu-clock: ");
    REQUIRE(header);
    CHECK(header->comm == "known_functions");
    CHECK(header->pid == 15437);
    CHECK(header->tid == 15438);
    CHECK(header->cpu == 1);
    CHECK(header->period == 5025125u);
    CHECK(header->event == "cpu-clock");
    CHECK(header->rest.empty());
}

TEST_CASE("perf script parser: comm with spaces and digits", "[importers][perf]") {
    const auto header = parsePerfSampleHeader("Web Content 2  4711/4712 [000] 12.5: 1 cpu-clock:");
    REQUIRE(header);
    CHECK(header->comm == "Web Content 2");
    CHECK(header->pid == 4711);
    const auto spaced =
        parsePerfSampleHeader("known functions 15437/15437 [000]   949.1: cycles:ppp: ");
    REQUIRE(spaced);
    CHECK(spaced->comm == "known functions");
    CHECK_FALSE(spaced->period);
    CHECK(spaced->event == "cycles:ppp");
}

TEST_CASE("perf script parser: tracepoint fields and a trailing frame stay in rest",
          "[importers][perf]") {
    const auto header = parsePerfSampleHeader(
        " known_functions  3935/3935   2323.466710:          1 syscalls:sys_enter_close: fd: "
        "0x00000003     7fc222259a07 __GI___close_nocancel (/usr/lib/libc.so.6)");
    REQUIRE(header);
    CHECK(header->comm == "known_functions");
    CHECK(header->event == "syscalls:sys_enter_close");
    CHECK(header->period == 1u);
    CHECK(header->rest.starts_with("fd: 0x00000003"));
}

TEST_CASE("perf script parser: default fields without pid/tid separator", "[importers][perf]") {
    const auto header = parsePerfSampleHeader("fio  3604  2312.931769:   20408163 cpu-clock:ppp: ");
    REQUIRE(header);
    CHECK(header->comm == "fio");
    CHECK(header->pid == 3604);
    CHECK(header->event == "cpu-clock:ppp");
}

TEST_CASE("perf script parser: numbers at the edges of their range", "[importers][perf]") {
    // perf prints -1 for an unknown thread; pids span int64, periods uint64.
    const auto unknownThread =
        parsePerfSampleHeader("fio -9223372036854775808/-1 [007] 1.5: 18446744073709551615 "
                              "cpu-clock:");
    REQUIRE(unknownThread);
    CHECK(unknownThread->pid == INT64_MIN);
    CHECK(unknownThread->tid == -1);
    CHECK(unknownThread->cpu == 7);
    CHECK(unknownThread->period == UINT64_MAX);
    const auto largest = parsePerfSampleHeader("fio 9223372036854775807 [2147483648] 1.5: x:");
    REQUIRE(largest);
    CHECK(largest->pid == INT64_MAX);
    CHECK(largest->cpu == -1); // a CPU number beyond int is no CPU number
    // One past each range is no number: those fields do not match, and the search for the
    // fields after COMM goes on to the right (COMM may hold spaces).
    for (const std::string_view bad :
         {"9223372036854775808", "12/-9223372036854775809", "-", "+12", "1/"}) {
        const std::string line = "fio " + std::string(bad) + " [000] 1.5: 1 cpu-clock:";
        const auto header = parsePerfSampleHeader(line);
        REQUIRE(header);
        CHECK(header->comm == "fio " + std::string(bad) + " [000] 1.5:");
        CHECK(header->pid == 1);
    }
    CHECK_FALSE(parsePerfSampleHeader("fio 12 [000] 1.5: 18446744073709551616 cpu-clock:"));
}

TEST_CASE("perf script parser: lines that are not headers", "[importers][perf]") {
    CHECK_FALSE(parsePerfSampleHeader("this is not perf script output"));
    CHECK_FALSE(parsePerfSampleHeader("main;work;spin 12"));
    CHECK_FALSE(parsePerfSampleHeader("known fun"));
    CHECK_FALSE(parsePerfSampleHeader(""));
}

TEST_CASE("perf script parser: frames with offsets, parentheses, templates", "[importers][perf]") {
    auto frame = parsePerfFrame("1293 (anonymous namespace)::spinFor+0x7f (/tmp/known_functions)");
    REQUIRE(frame);
    CHECK(frame->ip == "1293");
    CHECK(frame->symbol == "(anonymous namespace)::spinFor");
    CHECK(frame->module == "/tmp/known_functions");

    frame = parsePerfFrame("18aa Accumulator<std::pair<int, long> >::add+0x14 (/tmp/k)");
    REQUIRE(frame);
    CHECK(frame->symbol == "Accumulator<std::pair<int, long> >::add");

    frame = parsePerfFrame("1301 main::{lambda(int)#1}::operator()+0x12 (/tmp/k)");
    REQUIRE(frame);
    CHECK(frame->symbol == "main::{lambda(int)#1}::operator()");

    frame = parsePerfFrame("0 [unknown] ([unknown])");
    REQUIRE(frame);
    CHECK(frame->symbol == "[unknown]");
    CHECK(frame->module == "[unknown]");

    frame = parsePerfFrame("ffffffff813a2313 finish_task_switch.isra.0+0x93 ([kernel.kallsyms])");
    REQUIRE(frame);
    CHECK(frame->symbol == "finish_task_switch.isra.0");
    CHECK(isKernelAddress(frame->ip));

    frame = parsePerfFrame("7f00 foo(int)");
    REQUIRE(frame);
    CHECK(frame->symbol == "foo(int)"); // no DSO printed: the parentheses belong to the name

    CHECK_FALSE(parsePerfFrame("not a frame at all"));
}

TEST_CASE("perf script parser: frame kinds", "[importers][perf]") {
    CHECK(perfFrameKind("[kernel.kallsyms]", true) == FrameKind::Kernel);
    CHECK(perfFrameKind("[xfs]", true) == FrameKind::Module);
    CHECK(perfFrameKind("/lib/modules/6.1.0/kernel/fs/xfs/xfs.ko", true) == FrameKind::Module);
    CHECK(perfFrameKind("[vdso]", false) == FrameKind::User);
    CHECK(perfFrameKind("[unknown]", false) == FrameKind::User);
    CHECK(perfFrameKind("[unknown]", true) == FrameKind::Kernel);
    CHECK(perfFrameKind("/usr/lib/x86_64-linux-gnu/libc.so.6", false) == FrameKind::User);
    CHECK_FALSE(isKernelAddress("7fc222259a07"));
    CHECK_FALSE(isKernelAddress("6e6500736c697475"));
}

TEST_CASE("perf script parser: event modifiers and kernel image names", "[importers][perf]") {
    CHECK(perfEventBase("cycles") == "cycles");
    CHECK(perfEventBase("cycles:u") == "cycles");
    CHECK(perfEventBase("cycles:ppp") == "cycles");
    CHECK(perfEventBase("sched:sched_switch") == "sched:sched_switch");
    CHECK(perfEventBase("probe_libc:malloc:u") == "probe_libc:malloc:u");
    CHECK(perfFrameKind("/home/dev/linux/vmlinux", true) == FrameKind::Kernel);
    CHECK(perfFrameKind("/usr/lib/debug/boot/vmlinux-6.1.0-13-amd64", true) == FrameKind::Kernel);
    CHECK(perfFrameKind("[kernel.kallsyms]_text", true) == FrameKind::Kernel);
    CHECK(perfFrameKind("/proc/kcore", true) == FrameKind::Kernel);
    CHECK(perfFrameKind("/usr/lib/vmlinux-tools/helper.so", false) == FrameKind::User);
}

#pragma once

#include "analyzer/analysis/comparison.h"
#include "analyzer/analysis/sweep_table.h"
#include "analyzer/version.h"

#include <string>
#include <string_view>

namespace iolab::reports {

enum class ReportFormat { Markdown, Html, Junit, Json };

// "md", "html", "junit", "json"; throws InputError for anything else.
ReportFormat reportFormatFromString(std::string_view name);

// What a report says beside the comparison: when and by what it was made.
struct ReportContext {
    std::string generated_at; // "2026-11-21T06:40:00Z"
    std::string generator = "iolab " IOLAB_VERSION;
    std::string hostname;
};

// The current UTC time, the program version and this host.
ReportContext currentContext();

// Markdown short enough for a CI job summary (GitHub step summary): the verdict, the fio jobs,
// the rest folded into <details>.
std::string renderMarkdown(const Comparison& comparison, const ReportContext& context);
// One self-contained page (no network): inline CSS, SVG charts and a differential flame graph
// with a little inline script to zoom and search.
std::string renderHtml(const Comparison& comparison, const ReportContext& context);
// JUnit XML: one test case per subject and metric, a failure per regression.
std::string renderJunit(const Comparison& comparison, const ReportContext& context);
// JSON with a fixed key order.
std::string renderJson(const Comparison& comparison, const ReportContext& context);

// A sweep as one self-contained page: per metric a heat map of the cells (two knobs vary) or
// bars with 95% whiskers, and the table `iolab sweep show` prints.
std::string renderSweepHtml(const SweepAnalysis& sweep, const ReportContext& context);

std::string render(ReportFormat format, const Comparison& comparison, const ReportContext& context);

} // namespace iolab::reports

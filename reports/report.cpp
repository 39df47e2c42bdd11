#include "reports/report.h"

#include "analyzer/errors.h"

#include <chrono>
#include <ctime>
#include <unistd.h>

namespace iolab::reports {

ReportFormat reportFormatFromString(std::string_view name) {
    if (name == "md" || name == "markdown") {
        return ReportFormat::Markdown;
    }
    if (name == "html") {
        return ReportFormat::Html;
    }
    if (name == "junit") {
        return ReportFormat::Junit;
    }
    if (name == "json") {
        return ReportFormat::Json;
    }
    throw InputError("unknown report format '" + std::string(name) +
                     "' (use md, html, junit or json)");
}

ReportContext currentContext() {
    ReportContext context;
    const auto now =
        std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    context.generated_at = text;
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) == 0) {
        context.hostname = host;
    }
    return context;
}

std::string render(ReportFormat format, const Comparison& comparison,
                   const ReportContext& context) {
    switch (format) {
    case ReportFormat::Markdown:
        return renderMarkdown(comparison, context);
    case ReportFormat::Html:
        return renderHtml(comparison, context);
    case ReportFormat::Junit:
        return renderJunit(comparison, context);
    case ReportFormat::Json:
        return renderJson(comparison, context);
    }
    return "";
}

} // namespace iolab::reports

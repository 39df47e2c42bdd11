#include "analyzer/analysis/block_breakdown.h"

#include "analyzer/model/histogram_stats.h"

#include <map>
#include <utility>

namespace iolab::analysis {
namespace {

std::string dimension(const Histogram& h, const char* name) {
    const auto it = h.dimensions.find(name);
    return it == h.dimensions.end() ? "" : it->second;
}

} // namespace

std::vector<BlockBreakdownRow> blockBreakdown(const RunRecord& record) {
    std::map<std::pair<std::string, std::string>, BlockBreakdownRow> rows;
    for (const Histogram& h : record.histograms) {
        const std::pair key{dimension(h, "device"), dimension(h, "operation")};
        BlockBreakdownRow& row = rows[key];
        row.device = key.first;
        row.operation = key.second;
        if (h.metric == "block.queue_ns") {
            row.queue = &h;
        } else if (h.metric == "block.device_ns") {
            row.service = &h;
        } else if (h.metric == "block.total_ns") {
            row.total = &h;
        } else if (h.metric == "block.size_bytes") {
            row.size = &h;
        }
    }
    std::vector<BlockBreakdownRow> result;
    for (auto& [key, row] : rows) {
        const Histogram* counted = row.total != nullptr ? row.total : row.size;
        if (counted != nullptr) {
            row.ios = totalCount(counted->buckets);
            result.push_back(std::move(row));
        }
    }
    return result;
}

} // namespace iolab::analysis

#include "analyzer/analysis/call_tree.h"
#include "reports/terminal/show_profile.h"

#include <fmt/core.h>

namespace iolab::terminal {
namespace {

analysis::CallTree treeOf(const StackProfile& profile, const std::string& event,
                          const ProfileViewOptions& options) {
    return analysis::buildCallTree(profile,
                                   {event,
                                    options.bottom_up ? analysis::CallTreeDirection::BottomUp
                                                      : analysis::CallTreeDirection::TopDown,
                                    ""});
}

std::string moduleSuffix(const Frame& frame) {
    if (!frame.module.empty()) {
        return " [" + frame.module + "]";
    }
    return frame.kind == FrameKind::Kernel ? " [kernel]" : "";
}

bool shown(const analysis::CallTreeNode& node, const ProfileViewOptions& options) {
    return options.depth == 0 || node.depth <= options.depth;
}

// Lines collect here and go to the sink in pieces of about this size.
constexpr std::size_t kPieceBytes = 1 << 20;

void renderNode(const analysis::CallTree& tree, std::size_t index,
                const ProfileViewOptions& options, std::string& out, const TextSink& sink) {
    const analysis::CallTreeNode& node = tree.nodes[index];
    const double percent = tree.total() == 0 ? 0.0
                                             : 100.0 * static_cast<double>(node.total) /
                                                   static_cast<double>(tree.total());
    const Frame& frame = tree.frameOf(node);
    // Bottom-up nodes have no self samples of their own to show: the first level's total is
    // the function's self count.
    const std::string self = options.bottom_up ? "" : fmt::format(" {:>9}", node.self);
    out += fmt::format("{:>9} {:>7.2f}%{}  {}{}{}\n", node.total, percent, self,
                       std::string(2 * (node.depth - 1), ' '), frame.symbol, moduleSuffix(frame));
    if (out.size() >= kPieceBytes) {
        sink(out);
        out.clear();
    }
    for (const std::size_t child : node.children) {
        if (shown(tree.nodes[child], options)) {
            renderNode(tree, child, options, out, sink);
        }
    }
}

nlohmann::ordered_json nodeJson(const analysis::CallTree& tree, std::size_t index,
                                const ProfileViewOptions& options) {
    const analysis::CallTreeNode& node = tree.nodes[index];
    nlohmann::ordered_json json = frameJson(tree.frameOf(node));
    json["total"] = node.total;
    json["self"] = node.self;
    nlohmann::ordered_json children = nlohmann::ordered_json::array();
    for (const std::size_t child : node.children) {
        if (shown(tree.nodes[child], options)) {
            children.push_back(nodeJson(tree, child, options));
        }
    }
    json["children"] = std::move(children);
    return json;
}

} // namespace

void writeTree(const StackProfile& profile, const ProfileViewOptions& options,
               const TextSink& sink) {
    std::string out;
    bool first = true;
    for (const std::string& event : selectEvents(profile, options.event)) {
        const analysis::CallTree tree = treeOf(profile, event, options);
        out += fmt::format("{}{}: {} samples, {}\n", first ? "" : "\n", event, tree.total(),
                           options.bottom_up ? "bottom-up" : "top-down");
        first = false;
        out += fmt::format(
            "{:>9} {:>8}{}  {}\n", "total", "%", options.bottom_up ? "" : "      self",
            options.bottom_up ? "function [module], its callers below it" : "function [module]");
        for (const std::size_t child : tree.root().children) {
            renderNode(tree, child, options, out, sink);
        }
    }
    if (first) {
        out = "no samples in this run\n";
    }
    sink(out);
}

nlohmann::ordered_json treeJson(const StackProfile& profile, const ProfileViewOptions& options) {
    nlohmann::ordered_json events = nlohmann::ordered_json::array();
    for (const std::string& event : selectEvents(profile, options.event)) {
        const analysis::CallTree tree = treeOf(profile, event, options);
        nlohmann::ordered_json roots = nlohmann::ordered_json::array();
        for (const std::size_t child : tree.root().children) {
            roots.push_back(nodeJson(tree, child, options));
        }
        nlohmann::ordered_json json;
        json["event"] = event;
        json["direction"] = options.bottom_up ? "bottom-up" : "top-down";
        json["total"] = tree.total();
        json["children"] = std::move(roots);
        events.push_back(std::move(json));
    }
    return {{"events", std::move(events)}};
}

} // namespace iolab::terminal

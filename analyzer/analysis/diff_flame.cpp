#include "analyzer/analysis/diff_flame.h"

#include <map>
#include <utility>

namespace iolab {
namespace {

// The merged tree while counting: children keyed by (symbol, module) so they come out sorted.
struct CountingNode {
    std::string symbol;
    std::string module;
    double self[2] = {0, 0};
    double total[2] = {0, 0};
    std::map<std::pair<std::string, std::string>, std::size_t> children;
};

class MergedTree {
public:
    MergedTree() { m_nodes.push_back({"all", "", {0, 0}, {0, 0}, {}}); }

    void add(const StackProfile& profile, const std::string& event,
             const std::vector<std::string>& processes, int side) {
        // Nodes come parents first, so each node's parent is mapped before the node.
        std::vector<std::size_t> mapped(profile.nodes.size());
        for (std::size_t i = 0; i < profile.nodes.size(); ++i) {
            const StackNode& node = profile.nodes[i];
            const std::size_t parent = node.parent == StackNode::kNoParent
                                           ? 0
                                           : mapped[static_cast<std::size_t>(node.parent)];
            const Frame& frame = profile.frames[static_cast<std::size_t>(node.frame)];
            // A run of unsymbolized frames (an unwinder that lost its way) says nothing more by
            // repeating: it becomes one frame, so one broken stack does not make the graph
            // dozens of levels deep.
            const CountingNode& above = m_nodes[parent];
            const bool repeatsUnknown = parent != 0 && frame.symbol == "[unknown]" &&
                                        above.symbol == frame.symbol &&
                                        above.module == frame.module;
            mapped[i] = repeatsUnknown ? parent : child(parent, frame.symbol, frame.module);
        }
        for (const Sample& sample : profile.samples) {
            if (sample.event == event && countsProcess(processes, sample.process)) {
                m_nodes[mapped[static_cast<std::size_t>(sample.node)]].self[side] +=
                    static_cast<double>(sample.count);
            }
        }
    }

    DiffFlameNode finish() {
        sumTotals(0);
        const double baseline = m_nodes[0].total[0];
        const double candidate = m_nodes[0].total[1];
        return convert(0, baseline > 0 ? baseline : 1, candidate > 0 ? candidate : 1);
    }

private:
    std::size_t child(std::size_t parent, const std::string& symbol, const std::string& module) {
        const auto key = std::make_pair(symbol, module);
        if (const auto found = m_nodes[parent].children.find(key);
            found != m_nodes[parent].children.end()) {
            return found->second;
        }
        m_nodes.push_back({symbol, module, {0, 0}, {0, 0}, {}});
        m_nodes[parent].children.emplace(key, m_nodes.size() - 1);
        return m_nodes.size() - 1;
    }

    void sumTotals(std::size_t index) {
        CountingNode& node = m_nodes[index];
        node.total[0] = node.self[0];
        node.total[1] = node.self[1];
        for (const auto& [key, childIndex] : node.children) {
            sumTotals(childIndex);
            node.total[0] += m_nodes[childIndex].total[0];
            node.total[1] += m_nodes[childIndex].total[1];
        }
    }

    DiffFlameNode convert(std::size_t index, double baseline, double candidate) const {
        const CountingNode& node = m_nodes[index];
        DiffFlameNode out{node.symbol,
                          node.module,
                          node.total[0] / baseline,
                          node.total[1] / candidate,
                          node.self[0] / baseline,
                          node.self[1] / candidate,
                          {}};
        out.children.reserve(node.children.size());
        for (const auto& [key, childIndex] : node.children) {
            if (m_nodes[childIndex].total[0] > 0 || m_nodes[childIndex].total[1] > 0) {
                out.children.push_back(convert(childIndex, baseline, candidate));
            }
        }
        return out;
    }

    std::vector<CountingNode> m_nodes;
};

} // namespace

DiffFlameNode buildDiffFlame(const std::vector<const StackProfile*>& baseline,
                             const std::vector<const StackProfile*>& candidate,
                             const std::string& event, const std::vector<std::string>& processes) {
    MergedTree tree;
    for (const StackProfile* profile : baseline) {
        tree.add(*profile, event, processes, 0);
    }
    for (const StackProfile* profile : candidate) {
        tree.add(*profile, event, processes, 1);
    }
    return tree.finish();
}

} // namespace iolab

#include "collector/probes/kernel_symbols.h"

#include "analyzer/errors.h"

#include <algorithm>
#include <fmt/core.h>
#include <fstream>
#include <sstream>

namespace iolab::probes {
namespace {

// Past the last data symbol no static object can hold an address; this bounds the
// last object ("within an object's size": kallsyms gives no sizes, so the next symbol is the
// bound).
constexpr std::uint64_t kMaxLastObjectBytes = 1 << 20;

bool isText(char type) {
    return type == 't' || type == 'T' || type == 'w' || type == 'W';
}
bool isData(char type) {
    return type == 'd' || type == 'D' || type == 'b' || type == 'B' || type == 'r' || type == 'R';
}

} // namespace

KernelSymbols::KernelSymbols() {
    std::ifstream in("/proc/kallsyms");
    if (!in) {
        throw SystemError("cannot read /proc/kallsyms");
    }
    std::string line;
    bool anyAddress = false;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string address;
        char type = 0;
        Symbol symbol;
        if (!(fields >> address >> type >> symbol.name)) {
            continue;
        }
        symbol.address = std::stoull(address, nullptr, 16);
        anyAddress = anyAddress || symbol.address != 0;
        if (std::string module; fields >> module && module.size() > 2) {
            symbol.module = module.substr(1, module.size() - 2);
        }
        if (isText(type)) {
            m_text.push_back(std::move(symbol));
        } else if (isData(type)) {
            symbol.data = true;
            m_data.push_back(std::move(symbol));
        }
    }
    if (!anyAddress) {
        throw SystemError("/proc/kallsyms shows no addresses (run as root, or lower "
                          "kernel.kptr_restrict)");
    }
    const auto byAddress = [](const Symbol& a, const Symbol& b) { return a.address < b.address; };
    std::ranges::stable_sort(m_text, byAddress);
    std::ranges::stable_sort(m_data, byAddress);
}

const KernelSymbols::Symbol* KernelSymbols::nearest(const std::vector<Symbol>& symbols,
                                                    std::uint64_t address) {
    auto it = std::upper_bound(symbols.begin(), symbols.end(), address,
                               [](std::uint64_t a, const Symbol& s) { return a < s.address; });
    if (it == symbols.begin()) {
        return nullptr;
    }
    return &*std::prev(it);
}

Frame KernelSymbols::frame(std::uint64_t address) const {
    const Symbol* symbol = nearest(m_text, address);
    if (symbol == nullptr) {
        return {"[unknown]", "[kernel.kallsyms]", FrameKind::Kernel};
    }
    if (symbol->module.empty()) {
        return {symbol->name, "[kernel.kallsyms]", FrameKind::Kernel};
    }
    return {symbol->name, "[" + symbol->module + "]", FrameKind::Module};
}

std::optional<std::string> KernelSymbols::dataSymbol(std::uint64_t address) const {
    const Symbol* symbol = nearest(m_data, address);
    if (symbol == nullptr) {
        return std::nullopt;
    }
    const std::uint64_t offset = address - symbol->address;
    const bool last = symbol == &m_data.back();
    if (last && offset >= kMaxLastObjectBytes) {
        return std::nullopt;
    }
    // A heap address far above the kernel image would otherwise land "inside" the last symbol
    // of a module: require the next symbol to lie beyond the address (true by construction
    // of `nearest`) and the gap to be that of one object, not of unrelated memory.
    if (!last) {
        const Symbol& next = *(symbol + 1);
        if (next.address - symbol->address > kMaxLastObjectBytes) {
            return std::nullopt;
        }
    }
    if (offset == 0) {
        return symbol->name;
    }
    return fmt::format("{}+{:#x}", symbol->name, offset);
}

} // namespace iolab::probes

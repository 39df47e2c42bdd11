#include "collector/probes/user_symbols.h"

#include <bcc/bcc_syms.h>
#include <elf.h>

namespace iolab::probes {

UserSymbols::~UserSymbols() {
    for (const auto& [tgid, cache] : m_caches) {
        if (cache != nullptr) {
            bcc_free_symcache(cache, tgid);
        }
    }
}

bool UserSymbols::see(pid_t tgid) {
    if (const auto it = m_caches.find(tgid); it != m_caches.end()) {
        return it->second != nullptr;
    }
    bcc_symbol_option options{};
    options.use_debug_file = 1;
    options.check_debug_file_crc = 1;
    options.lazy_symbolize = 1;
    options.use_symbol_type = (1U << STT_FUNC) | (1U << STT_GNU_IFUNC);
    void* cache = bcc_symcache_new(tgid, &options);
    m_caches[tgid] = cache;
    return cache != nullptr;
}

Frame UserSymbols::frame(pid_t tgid, std::uint64_t address) {
    Frame frame{"[unknown]", "[unknown]", FrameKind::User};
    if (!see(tgid)) {
        return frame;
    }
    bcc_symbol symbol{};
    if (bcc_symcache_resolve(m_caches[tgid], address, &symbol) == 0) {
        if (symbol.demangle_name != nullptr && symbol.demangle_name[0] != '\0') {
            frame.symbol = symbol.demangle_name;
        } else if (symbol.name != nullptr) {
            frame.symbol = symbol.name;
        }
        if (symbol.module != nullptr) {
            frame.module = symbol.module;
        }
        bcc_symbol_free_demangle_name(&symbol);
    } else if (symbol.module != nullptr && symbol.module[0] != '\0') {
        frame.module = symbol.module;
    }
    return frame;
}

} // namespace iolab::probes

#include "analyzer/importers/hash_index.h"

namespace iolab::importers {

void HashIndex::insert(std::uint64_t hash, std::uint32_t id) {
    if (2 * (m_used + 1) > m_slots.size()) {
        grow();
    }
    const auto tag = static_cast<std::uint32_t>(hash);
    std::size_t i = tag & m_mask;
    while (m_slots[i].id != kNone) {
        i = (i + 1) & m_mask;
    }
    m_slots[i] = {tag, id};
    ++m_used;
}

void HashIndex::grow() {
    constexpr std::size_t kFirstSize = 64;
    std::vector<Slot> old(m_slots.empty() ? kFirstSize : 2 * m_slots.size());
    old.swap(m_slots);
    m_mask = m_slots.size() - 1;
    for (const Slot& slot : old) {
        if (slot.id != kNone) {
            std::size_t i = slot.tag & m_mask;
            while (m_slots[i].id != kNone) {
                i = (i + 1) & m_mask;
            }
            m_slots[i] = slot;
        }
    }
}

std::uint32_t TextIds::add(std::string_view text, std::uint64_t hash) {
    const auto id = static_cast<std::uint32_t>(m_spans.size());
    m_spans.push_back({m_bytes.size(), text.size()});
    m_bytes.insert(m_bytes.end(), text.begin(), text.end());
    m_index.insert(hash, id);
    return id;
}

std::uint32_t TextIds::intern(std::string_view text) {
    const std::uint64_t hash = hashBytes(text);
    const std::uint32_t found = find(text, hash);
    return found != HashIndex::kNone ? found : add(text, hash);
}

} // namespace iolab::importers

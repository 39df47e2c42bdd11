#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace iolab::importers {

// splitmix64's finalizer: spreads integer keys over a table's slots.
inline std::uint64_t mixBits(std::uint64_t value) {
    value ^= value >> 30;
    value *= 0xbf58476d1ce4e5b9ULL;
    value ^= value >> 27;
    value *= 0x94d049bb133111ebULL;
    return value ^ (value >> 31);
}

// A 64-bit hash of bytes: FNV-1a over 8-byte words, then mixBits, so short keys (symbols,
// comms, a few frame ids) hash in a few steps.
inline std::uint64_t hashBytes(std::string_view bytes) {
    std::uint64_t hash = 0xcbf29ce484222325ULL ^ bytes.size();
    const char* data = bytes.data();
    std::size_t left = bytes.size();
    std::uint64_t word = 0;
    for (; left > 8; left -= 8, data += 8) {
        std::memcpy(&word, data, 8);
        hash = (hash ^ word) * 0x100000001b3ULL;
    }
    if (bytes.size() >= 8) {
        std::memcpy(&word, bytes.data() + bytes.size() - 8, 8); // the last 8, overlapping
    } else if (left > 0) {
        std::memcpy(&word, data, left);
    }
    return mixBits((hash ^ word) * 0x100000001b3ULL);
}

// Finds dense ids (0, 1, 2, ...) by their key's hash, with open addressing. The caller keeps the
// keys and says whether the key of an id is the one looked for: a slot holds 32 bits of the hash
// and the id only, so a lookup usually reads one cache line and compares one key.
class HashIndex {
public:
    static constexpr std::uint32_t kNone = UINT32_MAX;

    // The id stored under `hash` whose key `isKey(id)` accepts, or kNone.
    template <typename IsKey>
    std::uint32_t find(std::uint64_t hash, IsKey isKey) const {
        if (m_slots.empty()) {
            return kNone;
        }
        const auto tag = static_cast<std::uint32_t>(hash);
        for (std::size_t i = tag & m_mask;; i = (i + 1) & m_mask) {
            const Slot& slot = m_slots[i];
            if (slot.id == kNone) {
                return kNone;
            }
            if (slot.tag == tag && isKey(slot.id)) {
                return slot.id;
            }
        }
    }

    // Stores `id` under `hash`; the key must not be stored yet (find() returned kNone).
    void insert(std::uint64_t hash, std::uint32_t id);

private:
    struct Slot {
        std::uint32_t tag = 0; // the low 32 bits of the hash: the home slot and a quick check
        std::uint32_t id = kNone;
    };
    void grow();

    std::vector<Slot> m_slots; // a power of two, at most half full
    std::size_t m_mask = 0;
    std::size_t m_used = 0;
};

// Strings kept once in one buffer, each under a dense id that one hash of its text finds.
// Lookups take views, so a line's fields are looked up without a copy.
class TextIds {
public:
    // The id of `text` (hashBytes(text) passed as `hash`), or HashIndex::kNone.
    std::uint32_t find(std::string_view text, std::uint64_t hash) const {
        return m_index.find(hash, [&](std::uint32_t id) { return this->text(id) == text; });
    }
    // Adds `text`, not stored yet, and returns its id (the number of texts before it).
    std::uint32_t add(std::string_view text, std::uint64_t hash);
    std::uint32_t intern(std::string_view text);

    std::string_view text(std::uint32_t id) const {
        const Span& span = m_spans[id];
        return {m_bytes.data() + span.offset, span.size};
    }
    std::size_t size() const { return m_spans.size(); }

private:
    struct Span {
        std::size_t offset;
        std::size_t size;
    };
    std::vector<char> m_bytes;
    std::vector<Span> m_spans;
    HashIndex m_index;
};

} // namespace iolab::importers

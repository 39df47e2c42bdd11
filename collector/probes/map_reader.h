#pragma once

#include "collector/probes/libbpf_support.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <cerrno>
#include <cstdint>
#include <utility>
#include <vector>

namespace iolab::probes {

// The number of possible CPUs: the length of a per-CPU map value.
int possibleCpus();

// The values of `key` in the per-CPU map `fd`, one per possible CPU (V's size a multiple of 8,
// the kernel's per-CPU stride).
template <class Value, class Key>
std::vector<Value> readPerCpu(int fd, const Key& key) {
    std::vector<Value> values(static_cast<std::size_t>(possibleCpus()));
    if (bpf_map_lookup_elem(fd, &key, values.data()) != 0) {
        throw libbpfError("read a per-CPU map", errno);
    }
    return values;
}

// Every entry of the hash map `fd`. Per-CPU values are read as `cpus` values of V each
// (V's size a multiple of 8, the kernel's per-CPU stride); a plain map gives one value.
template <class Key, class Value>
std::vector<std::pair<Key, std::vector<Value>>> readHashMap(int fd, int cpus = 1) {
    std::vector<std::pair<Key, std::vector<Value>>> entries;
    Key key{};
    Key next{};
    const Key* previous = nullptr;
    while (bpf_map_get_next_key(fd, previous, &next) == 0) {
        std::vector<Value> values(static_cast<std::size_t>(cpus));
        // An entry deleted between the two calls is skipped, not an error.
        if (bpf_map_lookup_elem(fd, &next, values.data()) == 0) {
            entries.emplace_back(next, std::move(values));
        }
        key = next;
        previous = &key;
    }
    return entries;
}

// Removes the given keys from the hash map `fd`.
template <class Key>
void deleteKeys(int fd, const std::vector<Key>& keys) {
    for (const Key& key : keys) {
        bpf_map_delete_elem(fd, &key);
    }
}

} // namespace iolab::probes

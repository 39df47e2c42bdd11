#include "analyzer/importers/hash_index.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace iolab::importers;

TEST_CASE("hash index: texts keep their ids while the table grows", "[importers]") {
    TextIds ids;
    std::vector<std::string> texts;
    for (int i = 0; i < 5000; ++i) {
        // Lengths across the 8-byte words the hash reads, and texts that share prefixes.
        texts.push_back(std::string(static_cast<std::size_t>(i % 23), 'a') + std::to_string(i));
    }
    texts.emplace_back(""); // the empty text is a text too
    for (std::size_t i = 0; i < texts.size(); ++i) {
        CHECK(ids.find(texts[i], hashBytes(texts[i])) == HashIndex::kNone);
        CHECK(ids.intern(texts[i]) == i);
    }
    REQUIRE(ids.size() == texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i) {
        CHECK(ids.intern(texts[i]) == i);
        CHECK(ids.text(static_cast<std::uint32_t>(i)) == texts[i]);
    }
    CHECK(ids.find("not there", hashBytes("not there")) == HashIndex::kNone);
}

TEST_CASE("hash index: keys whose hashes collide are told apart by the caller's check",
          "[importers]") {
    HashIndex index;
    std::vector<int> keys;
    for (int key = 0; key < 300; ++key) {
        const auto id = static_cast<std::uint32_t>(keys.size());
        keys.push_back(key);
        index.insert(42, id); // one hash for every key: the worst case of probing
    }
    for (int key = 0; key < 300; ++key) {
        CHECK(index.find(42, [&](std::uint32_t id) { return keys[id] == key; }) ==
              static_cast<std::uint32_t>(key));
    }
    CHECK(index.find(42, [](std::uint32_t) { return false; }) == HashIndex::kNone);
    CHECK(index.find(7, [](std::uint32_t) { return true; }) == HashIndex::kNone);
}

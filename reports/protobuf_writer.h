#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace iolab::reports {

// Writes protobuf's wire format (https://protobuf.dev/programming-guides/encoding/): the few
// field kinds profile.proto needs. A nested message is written into its own writer and added
// with `message`.
class ProtobufWriter {
public:
    // A varint field (wire type 0): int64, uint64, bool. Zero is written too: callers leave out
    // fields whose value is the default.
    void varint(std::uint32_t field, std::uint64_t value);
    // A length-delimited field (wire type 2): a string or bytes.
    void bytes(std::uint32_t field, std::string_view value);
    void message(std::uint32_t field, const ProtobufWriter& nested) { bytes(field, nested.m_out); }
    // A packed repeated varint field (proto3's default for repeated scalars).
    void packed(std::uint32_t field, std::span<const std::uint64_t> values);

    const std::string& data() const { return m_out; }

private:
    void tag(std::uint32_t field, std::uint32_t wireType);
    static void appendVarint(std::string& out, std::uint64_t value);

    std::string m_out;
};

// `data` compressed in the gzip format (RFC 1952), as pprof reads profiles. Throws
// SystemError when zlib fails.
std::string gzipCompress(std::string_view data);

} // namespace iolab::reports

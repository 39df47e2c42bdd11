#include "reports/protobuf_writer.h"

#include "analyzer/errors.h"

#include <zlib.h>

namespace iolab::reports {

void ProtobufWriter::appendVarint(std::string& out, std::uint64_t value) {
    while (value >= 0x80) {
        out.push_back(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<char>(value));
}

void ProtobufWriter::tag(std::uint32_t field, std::uint32_t wireType) {
    appendVarint(m_out, (static_cast<std::uint64_t>(field) << 3) | wireType);
}

void ProtobufWriter::varint(std::uint32_t field, std::uint64_t value) {
    tag(field, 0);
    appendVarint(m_out, value);
}

void ProtobufWriter::bytes(std::uint32_t field, std::string_view value) {
    tag(field, 2);
    appendVarint(m_out, value.size());
    m_out.append(value);
}

void ProtobufWriter::packed(std::uint32_t field, std::span<const std::uint64_t> values) {
    std::string payload;
    for (const std::uint64_t value : values) {
        appendVarint(payload, value);
    }
    bytes(field, payload);
}

std::string gzipCompress(std::string_view data) {
    z_stream stream{};
    // 15 window bits + 16: a gzip header and trailer instead of zlib's.
    constexpr int kGzipWindowBits = 15 + 16;
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, kGzipWindowBits, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
        throw SystemError("zlib: deflateInit2 failed");
    }
    std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int result = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (result != Z_STREAM_END) {
        throw SystemError("zlib: deflate did not finish");
    }
    return out;
}

} // namespace iolab::reports

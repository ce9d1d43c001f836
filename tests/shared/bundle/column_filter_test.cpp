// Bundle format 1.1: index columns through codec 2 (column filter + zstd) round trip and are checked
// before use; an unknown codec is refused; RAW blocks stay one zstd frame whose window fits the block.
#define ZSTD_STATIC_LINKING_ONLY  // ZSTD_getFrameHeader
#include "bundle/column_filter.h"

#include <zstd.h>

#include <catch2/catch.hpp>

#include "../../hostile/bundle_surgery.h"
#include "bundle/section_codec.h"
#include "test_support.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

Converted sample_bundle() {
  return convert_in_memory({{"a.jsonl", read_file(data_path("agenteye/interleaved.jsonl"))}});
}

std::string zstd_frame(const std::string& content) {
  std::string frame(ZSTD_compressBound(content.size()), '\0');
  frame.resize(ZSTD_compress(frame.data(), frame.size(), content.data(), content.size(), 3));
  return frame;
}

// The sample bundle with section `tag`'s stored bytes replaced by a zstd frame of `stored_content` (codec and
// flags kept), opened.
Result<std::unique_ptr<Bundle>> open_with_section(SectionTag tag, const std::string& stored_content) {
  Converted converted = sample_bundle();
  REQUIRE(converted.status.is_ok());
  auto sections = disassemble(converted.bundle);
  ForgedSection* section = find_section(sections, tag);
  REQUIRE(section);
  section->stored = zstd_frame(stored_content);
  section->raw_size = stored_content.size();
  return open_bytes(assemble(sections));
}

}  // namespace

TEST_CASE("the column filter is a size-preserving bijection on every filtered section") {
  Converted converted = sample_bundle();
  REQUIRE(converted.status.is_ok());
  auto bundle = open_bytes(converted.bundle);
  REQUIRE(bundle.is_ok());
  const Trace& trace = bundle.value()->trace();
  REQUIRE(trace.spans.size() > 10);
  const std::pair<SectionTag, std::string> contents[] = {
      {kTagSpans, encode_spans(trace.spans)},
      {kTagRecords, encode_records(trace.spans)},
      {kTagAttributes, encode_attributes(trace.attributes)},
      {kTagStrings, encode_strings(trace.strings)},
  };
  for (const auto& [tag, content] : contents) {
    INFO(tag_name(tag));
    REQUIRE(has_column_filter(tag));
    std::string bytes = content;
    REQUIRE(filter_columns(tag, bytes).is_ok());
    CHECK(bytes.size() == content.size());
    CHECK(bytes != content);  // the columns really moved
    REQUIRE(unfilter_columns(tag, bytes).is_ok());
    CHECK(bytes == content);
  }
  CHECK_FALSE(has_column_filter(kTagRaw));
  CHECK_FALSE(has_column_filter(kTagMeta));
}

TEST_CASE("index sections are written with codec 2 and marked critical, RAW blocks stay plain zstd") {
  Converted converted = sample_bundle();
  REQUIRE(converted.status.is_ok());
  auto sections = disassemble(converted.bundle);
  for (SectionTag tag : {kTagSpans, kTagRecords, kTagAttributes, kTagStrings}) {
    INFO(tag_name(tag));
    ForgedSection* s = find_section(sections, tag);
    REQUIRE(s);
    CHECK(s->codec == kCodecZstdColumns);
    CHECK((s->flags & kSectionCritical) != 0);
  }
  CHECK(find_section(sections, kTagRaw)->codec == kCodecZstd);
  CHECK(converted.bundle[10] == kFormatMinor);
}

TEST_CASE("a codec 2 section whose count does not fit its size is refused, naming the section") {
  BinaryWriter content;
  content.u64(1000);  // 1000 spans need 30,000 bytes of columns; the section has 64
  content.raw(std::string(56, '\0').data(), 56);
  auto opened = open_with_section(kTagSpans, content.bytes);
  REQUIRE_FALSE(opened.is_ok());
  CHECK(opened.status().code() == ErrorCode::corrupt_structure);
  CHECK_THAT(opened.status().message(),
             Catch::Contains("SPAN") && Catch::Contains("codec 2") && Catch::Contains("does not fit"));

  std::string direct(4, '\xff');  // shorter than its 8-byte count
  CHECK(unfilter_columns(kTagRecords, direct).code() == ErrorCode::corrupt_structure);
  std::string no_plan = "abc";
  CHECK(unfilter_columns(kTagMeta, no_plan).code() == ErrorCode::corrupt_structure);
}

TEST_CASE("a critical section with an unknown codec is refused as a newer format") {
  Converted converted = sample_bundle();
  REQUIRE(converted.status.is_ok());
  auto sections = disassemble(converted.bundle);
  find_section(sections, kTagSpans)->codec = 3;
  auto opened = open_bytes(assemble(sections));
  REQUIRE_FALSE(opened.is_ok());
  CHECK(opened.status().code() == ErrorCode::unsupported_version);
  CHECK_THAT(opened.status().message(), Catch::Contains("SPAN") && Catch::Contains("codec 3"));
}

TEST_CASE("a damaged codec 2 section is caught by its checksum, and the trace comes back intact") {
  Converted converted = sample_bundle();
  REQUIRE(converted.status.is_ok());
  auto original = open_bytes(converted.bundle);
  REQUIRE(original.is_ok());
  for (const SectionInfo& s : original.value()->sections()) {
    if (s.tag != kTagRecords) continue;
    std::vector<uint8_t> damaged = converted.bundle;
    damaged[s.offset + kSectionHeaderSize + s.stored_size / 2] ^= 0x10;
    auto opened = open_bytes(damaged);
    REQUIRE_FALSE(opened.is_ok());
    CHECK(opened.status().code() == ErrorCode::checksum_mismatch);
    CHECK_THAT(opened.status().message(), Catch::Contains("PREF"));
  }
  CHECK(original.value()->trace().spans.begin_record.size() == original.value()->trace().spans.size());
}

TEST_CASE("a RAW block is one zstd frame whose window is no larger than the block") {
  std::string raw;
  const std::string line = read_file(data_path("agenteye/interleaved.jsonl"));
  while (raw.size() < (3u << 20)) raw += line;
  RawBlockEncoder encoder;
  for (bool long_distance : {true, false}) {
    std::string stored;
    REQUIRE(encoder.encode(raw, {3, long_distance}, stored).is_ok());
    ZSTD_frameHeader header{};
    REQUIRE(ZSTD_getFrameHeader(&header, stored.data(), stored.size()) == 0);
    CHECK(header.frameContentSize == raw.size());
    CHECK(header.windowSize <= (4u << 20));  // next power of two above 3 MiB
    CHECK(ZSTD_findFrameCompressedSize(stored.data(), stored.size()) == stored.size());
    std::string back(raw.size(), '\0');
    CHECK(ZSTD_decompress(back.data(), back.size(), stored.data(), stored.size()) == raw.size());
    CHECK(back == raw);
    if (long_distance) CHECK(stored.size() * 20 < raw.size());  // the repeated log is found
  }
}

TEST_CASE("bytes after a section's zstd frame are refused, even a valid skippable frame") {
  Converted converted = sample_bundle();
  REQUIRE(converted.status.is_ok());
  auto sections = disassemble(converted.bundle);
  ForgedSection* raw = find_section(sections, kTagRaw);
  REQUIRE(raw);
  BinaryWriter skippable;  // RFC 8878 skippable frame: magic 0x184D2A50, u32 size, payload
  skippable.u32(0x184D2A50);
  skippable.u32(4);
  skippable.u32(0);
  raw->stored += skippable.bytes;
  auto opened = open_bytes(assemble(sections));
  REQUIRE(opened.is_ok());  // blocks are inflated on demand
  const VerifyReport report = opened.value()->verify();
  REQUIRE_FALSE(report.problems.empty());
  CHECK_THAT(report.problems.front(), Catch::Contains("raw block 0") && Catch::Contains("decompress_failed") &&
                                          Catch::Contains("bytes follow the zstd frame"));
}

namespace {

// Codec 2 as docs/bundle-format.md defines it, one element and one byte at a time: the slow reference the
// tiled implementation must match byte for byte.
struct ReferenceColumn {
  unsigned width;
  bool delta;
};

std::string reference_filter(const std::string& content, unsigned count_bytes, unsigned extra,
                             const std::vector<ReferenceColumn>& columns) {
  uint64_t count = 0;
  for (unsigned b = 0; b < count_bytes; ++b) count |= uint64_t(uint8_t(content[b])) << (8 * b);
  const uint64_t n = count + extra;
  std::string out = content;
  size_t at = count_bytes;
  for (const ReferenceColumn& c : columns) {
    uint64_t previous = 0;
    for (uint64_t i = 0; i < n; ++i) {
      uint64_t v = 0;
      for (unsigned b = 0; b < c.width; ++b) v |= uint64_t(uint8_t(content[at + i * c.width + b])) << (8 * b);
      const uint64_t stored = c.delta ? v - previous : v;
      previous = v;
      for (unsigned b = 0; b < c.width; ++b) out[at + b * n + i] = char(uint8_t(stored >> (8 * b)));
    }
    at += n * c.width;
  }
  return out;
}

}  // namespace

TEST_CASE("the tiled column filter matches the one-byte-at-a-time definition at every tile edge") {
  struct Layout {
    SectionTag tag;
    unsigned count_bytes, extra;
    std::vector<ReferenceColumn> columns;
  };
  const Layout layouts[] = {
      {kTagSpans, 8, 0, {{8, true}, {8, false}, {4, false}, {4, false}, {1, false}, {1, false}, {2, false}}},
      {kTagRecords, 8, 0, {{8, true}, {4, false}, {8, true}, {4, false}}},
      {kTagAttributes, 8, 0, {{4, true}, {4, false}, {1, false}, {8, false}}},
      {kTagStrings, 4, 1, {{4, true}}},
  };
  uint64_t seed = 0x9E3779B97F4A7C15ull;
  auto next_byte = [&] {
    seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
    return char(seed >> 24);
  };
  for (const Layout& layout : layouts) {
    unsigned row = 0;
    for (const ReferenceColumn& c : layout.columns) row += c.width;
    for (uint64_t count : {0ull, 1ull, 1023ull, 1024ull, 1025ull, 3000ull}) {
      INFO(tag_name(layout.tag) << " count " << count);
      const uint64_t n = count + layout.extra;
      std::string content(layout.count_bytes + n * row + 5, '\0');  // 5 trailing bytes stay as they are
      for (char& byte : content) byte = next_byte();
      for (unsigned b = 0; b < layout.count_bytes; ++b) content[b] = char(uint8_t(count >> (8 * b)));
      std::string filtered = content;
      REQUIRE(filter_columns(layout.tag, filtered).is_ok());
      CHECK(filtered == reference_filter(content, layout.count_bytes, layout.extra, layout.columns));
      REQUIRE(unfilter_columns(layout.tag, filtered).is_ok());
      CHECK(filtered == content);
    }
  }
}

TEST_CASE("an attribute key of 2^30 or more is refused, not cut to fit the in-memory word") {
  BinaryWriter content;  // one row: span 0, key 2^30, integer 7 (columns: span u32, key u32, type u8, value i64)
  content.u64(1);
  content.u32(0);
  content.u32(Attribute::kMaxKey + 1);
  content.u8(uint8_t(AttrType::integer));
  content.u64(7);
  std::string filtered = content.bytes;  // ATTR is written with codec 2
  REQUIRE(filter_columns(kTagAttributes, filtered).is_ok());
  auto opened = open_with_section(kTagAttributes, filtered);
  REQUIRE_FALSE(opened.is_ok());
  CHECK(opened.status().code() == ErrorCode::corrupt_structure);
  CHECK_THAT(opened.status().message(), Catch::Contains("ATTR") && Catch::Contains("key out of range"));
}

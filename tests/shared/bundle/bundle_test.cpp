// Bundle format: write -> read gives the same trace; every input comes back byte for byte (CRLF,
// invalid UTF-8, no final newline, partial last line, multiple blocks); corruption is detected.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "bundle/bundle_writer.h"
#include "test_support.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

std::string sample() { return read_file(data_path("agenteye/interleaved.jsonl")); }

void require_same_trace(const Trace& a, const Trace& b) {
  REQUIRE(a.spans.size() == b.spans.size());
  CHECK(a.spans.start_ns == b.spans.start_ns);
  CHECK(a.spans.duration_ns == b.spans.duration_ns);
  CHECK(a.spans.parent == b.spans.parent);
  CHECK(a.spans.name == b.spans.name);
  CHECK(a.spans.kind == b.spans.kind);
  CHECK(a.spans.status == b.spans.status);
  CHECK(a.spans.flags == b.spans.flags);
  REQUIRE(a.sessions.size() == b.sessions.size());
  for (size_t i = 0; i < a.sessions.size(); ++i) {
    CHECK(a.sessions[i].first_span == b.sessions[i].first_span);
    CHECK(a.sessions[i].span_count == b.sessions[i].span_count);
    CHECK(a.sessions[i].start_ns == b.sessions[i].start_ns);
  }
  CHECK(a.strings.blob() == b.strings.blob());
  CHECK(a.attributes.size() == b.attributes.size());
  CHECK(a.skipped.size() == b.skipped.size());
}

}  // namespace

TEST_CASE("write then read gives the same trace") {
  VectorSink sink;
  Converter converter(sink, {});
  const std::string bytes = sample();
  REQUIRE(converter.begin_input("a.jsonl", bytes).is_ok());
  REQUIRE(converter.feed(bytes).is_ok());
  REQUIRE(converter.end_input().is_ok());
  REQUIRE(converter.finish().is_ok());
  auto bundle = open_bytes(sink.buffer);
  REQUIRE(bundle.is_ok());
  require_same_trace(*converter.built(), bundle.value()->trace());
  CHECK(bundle.value()->verify().problems.empty());
}

TEST_CASE("export reproduces every input byte for byte") {
  const std::string base = sample();
  std::string crlf;
  for (char c : base) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  std::string invalid_utf8 = base;
  invalid_utf8.insert(invalid_utf8.find("Fix it"), "\xff\xfe\xc3(");
  const std::string no_final_newline = base.substr(0, base.size() - 1);
  const std::string partial_last_line = base + "{\"timestamp\":\"2026-03-04T10:00:12.000000Z\",\"sess";
  std::string big;  // several 1 MiB raw blocks
  while (big.size() < (3u << 20)) big += base;

  const std::vector<NamedInput> inputs = {{"crlf.jsonl", crlf},
                                          {"utf8.jsonl", invalid_utf8},
                                          {"nonl.jsonl", no_final_newline},
                                          {"partial.jsonl", partial_last_line},
                                          {"big.jsonl", big},
                                          {"empty.jsonl", ""}};
  for (size_t chunk : {size_t(4093), size_t(1) << 20}) {
    Converted converted = convert_in_memory(inputs, chunk);
    REQUIRE(converted.status.is_ok());
    auto bundle = open_bytes(converted.bundle);
    REQUIRE(bundle.is_ok());
    REQUIRE(bundle.value()->trace().inputs.size() == inputs.size());
    for (size_t i = 0; i < inputs.size(); ++i) {
      INFO(inputs[i].path);
      CHECK(bundle.value()->trace().inputs[i].path == inputs[i].path);
      CHECK(export_bytes(*bundle.value(), i) == inputs[i].bytes);
    }
    // CRLF lines parse like LF lines; the partial last line is reported, not lost.
    const Trace& t = bundle.value()->trace();
    CHECK(t.inputs[0].records == t.inputs[2].records);
    CHECK(t.inputs[3].skipped == t.inputs[2].skipped + 1);
    const SkippedRecord* last_of_partial = nullptr;
    for (const SkippedRecord& s : t.skipped) {
      if (s.input == 3) last_of_partial = &s;
    }
    REQUIRE(last_of_partial);
    CHECK(last_of_partial->reason == SkipReason::partial_line);
    CHECK(last_of_partial->byte_offset == base.size());
  }
}

TEST_CASE("every single-byte corruption is refused by verify, or reads as a newer minor version") {
  Converted converted = convert_in_memory({{"a.jsonl", sample()}});
  REQUIRE(converted.status.is_ok());
  auto clean = open_bytes(converted.bundle);
  REQUIRE(clean.is_ok());
  const std::string original_export = export_bytes(*clean.value(), 0);
  std::vector<size_t> undetected;
  for (size_t at = 0; at < converted.bundle.size(); ++at) {
    std::vector<uint8_t> damaged = converted.bundle;
    damaged[at] ^= 0x40;
    auto bundle = open_bytes(damaged);
    if (!bundle.is_ok()) continue;
    // Opened: then verification must flag it, or nothing observable may differ.
    const VerifyReport report = bundle.value()->verify();
    if (!report.problems.empty()) continue;
    undetected.push_back(at);
    INFO("undetected flip at byte " << at);
    require_same_trace(clean.value()->trace(), bundle.value()->trace());
    CHECK(export_bytes(*bundle.value(), 0) == original_export);
    REQUIRE(!report.notes.empty());
    CHECK_THAT(report.notes.front(), Catch::Contains("is newer than this agentreel"));
  }
  // Only the file header's minor version (10..11) may change without a problem: it then reads as a newer minor
  // version, which verify notes. The reserved bytes (12..15) are refused.
  CHECK(undetected == std::vector<size_t>{10, 11});
}

TEST_CASE("truncation at any point is detected") {
  Converted converted = convert_in_memory({{"a.jsonl", sample()}});
  REQUIRE(converted.status.is_ok());
  for (size_t size = 0; size < converted.bundle.size(); ++size) {
    std::vector<uint8_t> cut(converted.bundle.begin(), converted.bundle.begin() + long(size));
    auto bundle = open_bytes(cut);
    INFO("cut at " << size);
    REQUIRE_FALSE(bundle.is_ok());
  }
}

TEST_CASE("not a bundle and newer versions are named as such") {
  std::vector<uint8_t> text(100, 'a');
  auto bundle = open_bytes(text);
  REQUIRE_FALSE(bundle.is_ok());
  CHECK(bundle.status().code() == ErrorCode::not_a_bundle);

  Converted converted = convert_in_memory({{"a.jsonl", sample()}});
  converted.bundle[8] = 2;  // major version 2
  auto newer = open_bytes(converted.bundle);
  REQUIRE_FALSE(newer.is_ok());
  CHECK(newer.status().code() == ErrorCode::unsupported_version);
}

TEST_CASE("a payload is read without inflating other blocks") {
  std::string big;
  while (big.size() < (4u << 20)) big += sample();
  Converted converted = convert_in_memory({{"big.jsonl", big}});
  REQUIRE(converted.status.is_ok());
  auto bundle = open_bytes(converted.bundle);
  REQUIRE(bundle.is_ok());
  const Trace& t = bundle.value()->trace();
  REQUIRE(t.spans.size() > 1000);
  const uint32_t last = uint32_t(t.spans.size() - 1);
  const RecordRef ref = t.spans.begin_record[last];
  auto record = bundle.value()->read_record(ref);
  REQUIRE(record.is_ok());
  CHECK(record.value() == big.substr(size_t(ref.offset), ref.length));
}

TEST_CASE("records read in any order through a small block cache come back exact") {
  // 4 KiB blocks, so records cross block edges; a cache of one or two blocks makes nearly every read evict a
  // block and inflate the next into its buffer (same size, except the last, shorter block).
  std::string log;
  while (log.size() < (64u << 10)) log += sample();
  ConvertOptions options;
  options.writer.raw_block_bytes = 4096;
  Converted converted = convert_in_memory({{"log.jsonl", log}}, 1 << 20, options);
  REQUIRE(converted.status.is_ok());
  auto opened = open_bytes(converted.bundle);
  REQUIRE(opened.is_ok());
  const Bundle& bundle = *opened.value();
  const Trace& t = bundle.trace();
  REQUIRE(t.spans.size() > 100);
  std::vector<RecordRef> refs;
  for (size_t i = 0; i < t.spans.size(); ++i) {
    refs.push_back(t.spans.begin_record[i]);
    if (t.spans.end_record[i].length) refs.push_back(t.spans.end_record[i]);
  }
  refs.push_back({uint64_t(log.size() - 10), 10});  // inside the last, shorter block
  uint64_t state = 12345;                           // a fixed pseudo-random order: far jumps, last block included
  for (size_t limit : {size_t(1), size_t(2)}) {
    bundle.set_block_cache_limit(limit);
    for (size_t n = 0; n < refs.size() * 2; ++n) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      const RecordRef ref = refs[size_t(state >> 33) % refs.size()];
      auto record = bundle.read_record(ref);
      REQUIRE(record.is_ok());
      REQUIRE(record.value() == log.substr(size_t(ref.offset), ref.length));
    }
  }
  CHECK(export_bytes(bundle, 0) == log);
}

TEST_CASE("opening with index sections decoded on threads gives the same trace, and the same first error") {
  Converted converted = convert_in_memory({{"a.jsonl", sample()}});
  REQUIRE(converted.status.is_ok());
  // Every task on its own thread, started in reverse so the groups finish in no particular order.
  std::atomic<int> tasks_run{0};
  const ParallelFor threads = [&](size_t count, const std::function<void(size_t)>& task) {
    std::vector<std::thread> running;
    for (size_t i = count; i-- > 0;)
      running.emplace_back([&, i] {
        task(i);
        ++tasks_run;
      });
    for (std::thread& t : running) t.join();
  };
  const auto open = [&](const std::vector<uint8_t>& file, bool parallel) {
    return Bundle::open(std::make_unique<MemorySource>(file.data(), file.size()), parallel ? threads : ParallelFor{});
  };
  auto sequential = open(converted.bundle, false);
  auto parallel = open(converted.bundle, true);
  REQUIRE(sequential.is_ok());
  REQUIRE(parallel.is_ok());
  CHECK(tasks_run > 1);
  require_same_trace(sequential.value()->trace(), parallel.value()->trace());
  CHECK(sequential.value()->trace().spans.begin_record.size() == parallel.value()->trace().spans.begin_record.size());
  for (size_t i = 0; i < parallel.value()->trace().spans.size(); ++i) {
    CHECK(sequential.value()->trace().spans.end_record[i].offset ==
          parallel.value()->trace().spans.end_record[i].offset);
  }

  // Damage the stored bytes of two sections in different groups (SPAN, then STRS, which comes first in the
  // format's order): both ways must report STRS.
  const std::vector<SectionInfo>& entries = sequential.value()->sections();
  std::vector<uint8_t> damaged = converted.bundle;
  for (SectionTag tag : {kTagSpans, kTagStrings}) {
    const auto entry = std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return e.tag == tag; });
    REQUIRE(entry != entries.end());
    damaged[entry->offset + kSectionHeaderSize] ^= 0x40;
  }
  auto bad_sequential = open(damaged, false);
  auto bad_parallel = open(damaged, true);
  REQUIRE_FALSE(bad_sequential.is_ok());
  REQUIRE_FALSE(bad_parallel.is_ok());
  CHECK_THAT(bad_sequential.status().message(), Catch::Contains("STRS"));
  CHECK(bad_parallel.status().message() == bad_sequential.status().message());
}

TEST_CASE("section tags print without their padding, garbage as hex") {
  CHECK(tag_name(kTagRaw) == "RAW");  // "RAW " in the file: messages read "section RAW at byte N"
  CHECK(tag_name(make_tag("SPAN")) == "SPAN");
  CHECK(tag_name(make_tag(" AB ")) == " AB");
  CHECK(tag_name(make_tag("    ")) == "0x20202020");
  CHECK(tag_name(0x01424152u) == "0x01424152");
}

TEST_CASE("a record of a CRLF line is the line without its line feed: it keeps the carriage return") {
  // docs/bundle-format.md, PREF: the range ends just before the "\n". Expected ranges come from the text itself.
  std::string crlf;
  for (char c : sample()) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  std::vector<std::pair<uint64_t, uint64_t>> lines;  // [begin, end) without the "\n"
  for (size_t begin = 0; begin < crlf.size();) {
    const size_t end = crlf.find('\n', begin);
    lines.push_back({begin, end});
    begin = end + 1;
  }
  Converted converted = convert_in_memory({{"crlf.jsonl", crlf}});
  REQUIRE(converted.status.is_ok());
  auto bundle = open_bytes(converted.bundle);
  REQUIRE(bundle.is_ok());
  const SpanColumns& spans = bundle.value()->trace().spans;
  size_t checked = 0;
  for (size_t i = 0; i < spans.size(); ++i) {
    for (const RecordRef ref : {spans.begin_record[i], spans.end_record[i]}) {
      if (ref.length == 0) continue;
      INFO("span " << i << " record at " << ref.offset);
      const auto line = std::find_if(lines.begin(), lines.end(), [&](const auto& l) { return l.first == ref.offset; });
      REQUIRE(line != lines.end());
      CHECK(ref.offset + ref.length == line->second);
      const auto record = bundle.value()->read_record(ref);
      REQUIRE(record.is_ok());
      CHECK(record.value().back() == '\r');
      ++checked;
    }
  }
  CHECK(checked > 10);
}

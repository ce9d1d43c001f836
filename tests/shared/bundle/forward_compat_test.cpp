// Forward compatibility (docs/bundle-format.md, "Versions"): what a later minor version may add — kinds,
// statuses, sections and codecs that are not critical — opens in this reader, reads as documented, and verify
// reports it as a problem in a bundle of a version it knows but only notes it in a newer one.
#include <zstd.h>

#include <catch2/catch.hpp>
#include <functional>

#include "../../hostile/bundle_surgery.h"
#include "bundle/bundle_writer.h"
#include "test_support.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

const std::string& sample() {
  static const std::string bytes = read_file(data_path("agenteye/interleaved.jsonl"));
  return bytes;
}

// The sample log converted, opened, given to `edit`, and written again as a bundle.
std::vector<uint8_t> rewritten(const std::function<void(Trace&)>& edit) {
  Converted converted = convert_in_memory({{"a.jsonl", sample()}});
  REQUIRE(converted.status.is_ok());
  auto opened = open_bytes(converted.bundle);
  REQUIRE(opened.is_ok());
  Trace trace = opened.value()->trace();
  edit(trace);
  VectorSink sink;
  BundleWriter writer(sink);
  REQUIRE(writer.append_raw(sample().data(), sample().size()).is_ok());
  REQUIRE(writer.finish(trace).is_ok());
  return sink.buffer;
}

void set_minor(std::vector<uint8_t>& bundle, uint16_t minor) {
  bundle[10] = uint8_t(minor);
  bundle[11] = uint8_t(minor >> 8);
}

}  // namespace

TEST_CASE("kinds and statuses of a later version open as their fallback, and verify tells the versions apart") {
  uint32_t tool = kNoSpan, other = kNoSpan;
  std::vector<uint8_t> bundle = rewritten([&](Trace& t) {
    for (uint32_t i = 0; i < t.spans.size(); ++i) {
      if (t.spans.kind[i] == SpanKind::tool && tool == kNoSpan) {
        tool = i;
      } else if (t.spans.status[i] == SpanStatus::ok && other == kNoSpan && i > 0) {
        other = i;
      }
    }
    REQUIRE(tool != kNoSpan);
    REQUIRE(other != kNoSpan);
    t.spans.kind[tool] = SpanKind(200);
    t.spans.status[tool] = SpanStatus(5);     // a failure a later version names
    t.spans.status[other] = SpanStatus(128);  // an outcome a later version names that is not a failure
  });
  auto opened = open_bytes(bundle);
  REQUIRE(opened.is_ok());
  const SpanColumns& spans = opened.value()->trace().spans;
  CHECK(spans.kind[tool] == SpanKind::event);
  CHECK(spans.status[tool] == SpanStatus::error);
  CHECK(spans.is_error(tool));
  CHECK(spans.status[other] == SpanStatus::ok);

  const VerifyReport as_1_1 = opened.value()->verify();
  CHECK(as_1_1.problems ==
        std::vector<std::string>{"corrupt_structure: section SPAN: span " + std::to_string(tool) +
                                     " has kind 200, which this version does not define (read as event; 1 span in all)",
                                 "corrupt_structure: section SPAN: span " + std::to_string(std::min(tool, other)) +
                                     " has status " + (tool < other ? "5" : "128") +
                                     ", which this version does not define (read as " +
                                     (tool < other ? "error" : "ok") + "; 2 spans in all)"});
  CHECK(as_1_1.notes.empty());

  set_minor(bundle, 4);
  auto newer = open_bytes(bundle);
  REQUIRE(newer.is_ok());
  const VerifyReport as_1_4 = newer.value()->verify();
  CHECK(as_1_4.problems.empty());
  REQUIRE(as_1_4.notes.size() == 3);
  CHECK(as_1_4.notes[0] ==
        "format 1.4 is newer than this agentreel's 1.3: what it added is checked by its checksums only");
  CHECK(as_1_4.notes[1] == "section SPAN: span " + std::to_string(tool) +
                               " has kind 200, which this version does not define (read as event; 1 span in all); "
                               "format 1.4 may define it (this agentreel knows 1.3)");
}

TEST_CASE("a section a later version adds is skipped when not critical, and refused when critical") {
  Converted converted = convert_in_memory({{"a.jsonl", sample()}});
  REQUIRE(converted.status.is_ok());
  const std::vector<ForgedSection> clean = disassemble(converted.bundle);
  const std::string content = "an index a later version adds";
  std::string stored(ZSTD_compressBound(content.size()), '\0');
  stored.resize(ZSTD_compress(stored.data(), stored.size(), content.data(), content.size(), 3));

  for (const uint16_t flags : {uint16_t(0), uint16_t(kSectionCritical)}) {
    std::vector<ForgedSection> sections = clean;
    sections.insert(sections.end() - 2, ForgedSection{make_tag("IDX2"), kCodecZstd, flags, content.size(), stored});
    const uint64_t offset = section_offsets(sections)[sections.size() - 3];
    std::vector<uint8_t> bundle = assemble(sections);
    auto opened = open_bytes(bundle);
    if (flags) {
      REQUIRE_FALSE(opened.is_ok());
      CHECK(opened.status().to_string() == "unsupported_version: section IDX2 at byte " + std::to_string(offset) +
                                               " is critical but unknown to this reader (format 1.3): a newer "
                                               "agentreel wrote it");
      continue;
    }
    REQUIRE(opened.is_ok());
    CHECK(opened.value()->trace().spans.size() == open_bytes(converted.bundle).value()->trace().spans.size());
    const std::string what = " at byte " + std::to_string(offset) + " is not a section of format ";
    const std::string skipped = " (a reader skips it: it is not marked critical)";
    CHECK(opened.value()->verify().problems ==
          std::vector<std::string>{"corrupt_structure: section IDX2" + what + "1.2" + skipped});

    set_minor(bundle, 4);  // what a later version writes: verify checks the section's checksums and says so
    auto newer = open_bytes(bundle);
    REQUIRE(newer.is_ok());
    const VerifyReport report = newer.value()->verify();
    CHECK(report.problems.empty());
    CHECK(report.notes.back() ==
          "section IDX2" + what + "1.3" + skipped + "; format 1.4 may define it (this agentreel knows 1.3)");

    bundle[offset + kSectionHeaderSize + 3] ^= 0x01;  // its stored bytes are still checked
    auto damaged = open_bytes(bundle);
    REQUIRE(damaged.is_ok());
    CHECK(damaged.value()->verify().problems ==
          std::vector<std::string>{"checksum_mismatch: section IDX2 at byte " + std::to_string(offset) +
                                   " fails its checksum"});
  }
}

TEST_CASE("an optional section with a codec a later version adds is skipped, and META's count for it with it") {
  Converted converted = convert_in_memory({{"a.jsonl", sample()}});
  REQUIRE(converted.status.is_ok());
  auto clean = open_bytes(converted.bundle);
  REQUIRE(clean.is_ok());
  REQUIRE(clean.value()->trace().attributes.size() > 0);
  std::vector<ForgedSection> sections = disassemble(converted.bundle);
  ForgedSection* attributes = find_section(sections, kTagAttributes);
  attributes->codec = 3;
  attributes->flags = 0;
  std::vector<uint8_t> bundle = assemble(sections);
  auto opened = open_bytes(bundle);
  REQUIRE(opened.is_ok());
  CHECK(opened.value()->trace().attributes.size() == 0);  // META says otherwise: not checked for a skipped section
  CHECK(opened.value()->trace().spans.size() == clean.value()->trace().spans.size());

  attributes->flags = kSectionCritical;
  auto critical = open_bytes(assemble(sections));
  REQUIRE_FALSE(critical.is_ok());
  CHECK(critical.status().code() == ErrorCode::unsupported_version);
  CHECK_THAT(critical.status().message(), Catch::Contains("section ATTR") && Catch::Contains("unknown codec 3"));

  // SPAN cannot be skipped, critical or not: without it there is nothing to read.
  attributes->codec = kCodecZstdColumns;
  find_section(sections, kTagSpans)->codec = 3;
  find_section(sections, kTagSpans)->flags = 0;
  auto spans = open_bytes(assemble(sections));
  REQUIRE_FALSE(spans.is_ok());
  CHECK(spans.status().code() == ErrorCode::unsupported_version);
  CHECK_THAT(spans.status().message(), Catch::Contains("section SPAN") && Catch::Contains("unknown codec 3"));
}

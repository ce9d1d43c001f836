// Writes tests/data/forged/: one bundle for each rule of docs/bundle-format.md that a reader or `agentreel verify`
// enforces, the exact outcome each must produce (expected.tsv, read by check_forged_bundles.sh) and a README
// table. Run it again after a format change:  build/tests/hostile/agentreel_make_forged tests/data/forged
// The base trace is built by hand (no input reader, so reader changes never move these bytes) and written with
// BundleWriter; rules about sections are broken with bundle_surgery.h. The expected messages are written out
// here by hand from the spec, with the byte offsets this program laid out: never produced by the reader.
#include <zstd.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "bundle/bundle_writer.h"
#include "bundle/section_codec.h"
#include "bundle_surgery.h"
#include "core/hash.h"
#include "find/find_index_build.h"

namespace agentreel::test {
namespace {

// One line each, back to back: two small logs (the records spans point at are their lines, without the "\n").
const std::vector<std::string> kRunLines = {
    R"({"ts":1000,"type":"agent_start","session":"s0","goal":"say hello"})",
    R"({"ts":2000,"type":"tool_use","name":"bash"})",
    R"({"ts":3000,"type":"tool_result","name":"bash"})",
    R"({"ts":3500,"type":"error","message":"disk full"})",
    R"({"ts":4000,"type":"agent_end"})",
};
const std::vector<std::string> kSecondLines = {
    R"({"ts":5000,"type":"agent_start","session":"s1"})",
    R"({"ts":5500,"type":"tool_use","name":"ls"})",
    R"({"ts":6000,"type":"agent_end"})",
};
constexpr uint64_t kBlockBytes = 128;  // several RAW blocks from a few hundred bytes

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

struct Base {
  Trace trace;
  std::string stream;
};

// Two sessions in two inputs: session 0 an agent (span 0) running a tool (1) with an instant output event (2,
// starting with the tool, one level deeper) and an error event (3); session 1 an agent (4) with a tool (5).
// Follows every rule: verify passes it (base.reel).
struct SpanSpec {
  int64_t start, duration;
  uint32_t parent;
  const char* name;
  SpanKind kind;
  SpanStatus status;
  uint16_t flags;
  int begin_line, end_line;  // index into all lines of the stream, -1 = none
};

Base make_base() {
  Base base;
  const std::string run = joined(kRunLines), second = joined(kSecondLines);
  base.stream = run + second;
  std::vector<RecordRef> lines;
  uint64_t at = 0;
  for (const auto* file : {&kRunLines, &kSecondLines}) {
    for (const std::string& line : *file) {
      lines.push_back({at, uint32_t(line.size())});
      at += line.size() + 1;
    }
  }
  Trace& t = base.trace;
  const SpanSpec specs[] = {
      {1000, 3000, kNoSpan, "main", SpanKind::agent, SpanStatus::ok, 0, 0, 4},
      {2000, 1000, 0, "bash", SpanKind::tool, SpanStatus::ok, 0, 1, 2},
      {2000, 0, 1, "tool output", SpanKind::event, SpanStatus::ok, kFlagInstant, 2, -1},
      {3500, 0, 0, "disk full", SpanKind::error, SpanStatus::error, kFlagInstant, 3, -1},
      {5000, 1000, kNoSpan, "helper", SpanKind::agent, SpanStatus::ok, 0, 5, 7},
      {5500, 100, 4, "ls", SpanKind::tool, SpanStatus::ok, 0, 6, -1},
  };
  const size_t n = std::size(specs);
  t.spans.resize(n);
  t.spans.begin_record.clear();
  t.spans.end_record.clear();
  for (size_t i = 0; i < n; ++i) {
    const SpanSpec& s = specs[i];
    t.spans.start_ns[i] = s.start;
    t.spans.duration_ns[i] = s.duration;
    t.spans.parent[i] = s.parent;
    t.spans.name[i] = t.strings.intern(s.name);
    t.spans.kind[i] = s.kind;
    t.spans.status[i] = s.status;
    t.spans.flags[i] = s.flags;
    t.spans.begin_record.push_back(s.begin_line < 0 ? RecordRef{} : lines[size_t(s.begin_line)]);
    t.spans.end_record.push_back(s.end_line < 0 ? RecordRef{} : lines[size_t(s.end_line)]);
  }
  t.sessions.push_back({t.strings.intern("s0"), 0, 0, 4, 1000, 4000, 0});
  t.sessions.push_back({t.strings.intern("s1"), 1, 4, 2, 5000, 6000, 0});
  t.inputs.push_back({"run.jsonl", "agenteye", 0, run.size(), xxh64(run.data(), run.size()), kRunLines.size(), 0});
  t.inputs.push_back({"logs/second.jsonl", "agenteye", run.size(), second.size(), xxh64(second.data(), second.size()),
                      kSecondLines.size(), 0});
  const auto attribute = [&](uint32_t span, const char* key, AttrType type, int64_t value) {
    (void)t.attributes.push_back(Attribute::make(span, t.strings.intern(key), type, value));
  };
  attribute(0, "goal", AttrType::string, t.strings.intern("say hello"));
  attribute(1, "tool_name", AttrType::string, t.strings.intern("bash"));
  attribute(4, "input_tokens", AttrType::integer, 120);
  return base;
}

std::vector<uint8_t> write_bundle(const Base& base) {
  VectorSink sink;
  BundleWriterOptions options;
  options.raw_block_bytes = kBlockBytes;
  options.producer = "agentreel forged-bundle generator";
  options.format_minor = 1;  // the rules below are 1.1's: the base is a 1.1 bundle
  BundleWriter writer(sink, options);
  if (!writer.append_raw(base.stream.data(), base.stream.size()).is_ok() || !writer.finish(base.trace).is_ok()) {
    std::cerr << "writing a bundle failed\n";
    std::exit(1);
  }
  return sink.buffer;
}

std::string inflate(const ForgedSection& s) {
  std::string raw(size_t(s.raw_size), '\0');
  const size_t made = ZSTD_decompress(raw.data(), raw.size(), s.stored.data(), s.stored.size());
  if (ZSTD_isError(made) || made != raw.size()) {
    std::cerr << "section " << tag_name(s.tag) << " does not inflate\n";
    std::exit(1);
  }
  return raw;
}

std::string deflate(const std::string& raw) {
  std::string stored(ZSTD_compressBound(raw.size()), '\0');
  stored.resize(ZSTD_compress(stored.data(), stored.size(), raw.data(), raw.size(), 3));
  return stored;
}

// META's u64 field `index` (0 spans, 1 sessions, 2 inputs, 3 strings, 4 attributes, 5 skipped, 6 block bytes).
void set_meta_field(std::vector<ForgedSection>& sections, size_t index, uint64_t value) {
  ForgedSection* meta = find_section(sections, kTagMeta);
  std::string raw = inflate(*meta);
  for (size_t b = 0; b < 8; ++b) raw[index * 8 + b] = char(uint8_t(value >> (8 * b)));
  meta->stored = deflate(raw);
}

uint64_t meta_field(std::vector<ForgedSection>& sections, size_t index) {
  const std::string raw = inflate(*find_section(sections, kTagMeta));
  uint64_t value = 0;
  for (size_t b = 0; b < 8; ++b) value |= uint64_t(uint8_t(raw[index * 8 + b])) << (8 * b);
  return value;
}

// The same zstd frame with a multi-segment header asking for a 128 MiB window (RFC 8878, 3.1.1.1): descriptor
// with an 8-byte content size and no single-segment flag, then the window descriptor, the content size, the
// original blocks.
std::string with_large_window(const std::string& frame, uint64_t content_size) {
  const uint8_t descriptor = uint8_t(frame[4]);
  const bool single_segment = descriptor & 0x20;
  const size_t dictionary_bytes[] = {0, 1, 2, 4};
  const size_t content_size_bytes[] = {size_t(single_segment ? 1 : 0), 2, 4, 8};
  const size_t header =
      5 + (single_segment ? 0 : 1) + dictionary_bytes[descriptor & 3] + content_size_bytes[descriptor >> 6];
  BinaryWriter out;
  out.raw(frame.data(), 4);
  out.u8(uint8_t(0xC0 | (descriptor & 0x04)));  // 8-byte content size, multi-segment, checksum flag kept
  out.u8(uint8_t(17 << 3));                     // window 2^(10 + 17) = 128 MiB
  out.u64(content_size);
  out.raw(frame.data() + header, frame.size() - header);
  return std::move(out.bytes);
}

// The base is a 1.1 bundle: a forged one says so too, unless its rule is about the version.
std::vector<uint8_t> assemble_1_1(const std::vector<ForgedSection>& sections) {
  std::vector<uint8_t> bytes = assemble(sections);
  bytes[10] = 1;
  return bytes;
}

ForgedSection extra_section(SectionTag tag, uint16_t flags) {
  const std::string content = "a section from a later version";
  return {tag, kCodecZstd, flags, content.size(), deflate(content)};
}

struct Expect {
  std::string command;  // verify, info or export
  int exit;
  std::string line;  // the first stderr line when exit != 0, else a line stdout must hold ("" = none)
};

struct Forged {
  std::string file;
  std::string rule;
  std::vector<uint8_t> bytes;
  std::vector<Expect> expects;
};

std::string at(uint64_t offset) { return " at byte " + std::to_string(offset); }

// What the CLI prints when a bundle does not open: info, verify and export alike.
std::string refused(const std::string& file, const std::string& status) {
  return "agentreel: error: " + file + ": " + status;
}

std::vector<Forged> forge_all() {
  const Base base = make_base();
  const std::vector<uint8_t> base_bytes = write_bundle(base);
  const std::vector<ForgedSection> base_sections = disassemble(base_bytes);
  std::vector<Forged> out;

  // Adds a bundle that opens (info exits 0) and that verify refuses with `problem` as its first line.
  const auto verify_only = [&](const std::string& file, const std::string& rule, std::vector<uint8_t> bytes,
                               const std::string& problem) {
    out.push_back({file, rule, std::move(bytes), {{"info", 0, ""}, {"verify", 1, file + ": " + problem}}});
  };
  // Adds a bundle every reader refuses: info and verify both fail to open it with `status`.
  const auto refused_by_readers = [&](const std::string& file, const std::string& rule, std::vector<uint8_t> bytes,
                                      const std::string& status) {
    out.push_back(
        {file, rule, std::move(bytes), {{"info", 1, refused(file, status)}, {"verify", 1, refused(file, status)}}});
  };
  const auto with_trace = [&](const std::function<void(Trace&)>& edit) {
    Base copy = make_base();
    edit(copy.trace);
    return write_bundle(copy);
  };
  const auto with_sections = [&](const std::function<void(std::vector<ForgedSection>&)>& edit) {
    std::vector<ForgedSection> sections = base_sections;
    edit(sections);
    return assemble_1_1(sections);
  };
  const auto offset_of = [](const std::vector<ForgedSection>& sections, SectionTag tag) {
    const std::vector<uint64_t> offsets = section_offsets(sections);
    for (size_t i = 0; i < sections.size(); ++i) {
      if (sections[i].tag == tag) return offsets[i];
    }
    return uint64_t(0);
  };
  const size_t base_count = base_sections.size();
  size_t raw_blocks = 0;
  for (const ForgedSection& s : base_sections) raw_blocks += s.tag == kTagRaw;

  out.push_back({"base.reel",
                 "none: the bundle every other one is made from (2 sessions, 6 spans, 2 inputs)",
                 base_bytes,
                 {{"info", 0, ""},
                  {"verify", 0,
                   "base.reel: " + std::to_string(base_count) + " sections (" + std::to_string(raw_blocks) +
                       " raw blocks), 2 inputs checked: ok"}}});

  // --- The file header.
  {
    std::vector<uint8_t> bytes = base_bytes;
    bytes[12] ^= 0x10;
    verify_only("reserved-bytes.reel", "file header bytes 12..15 are written 0 (a reader ignores them)", bytes,
                "corrupt_structure: file header bytes 12..15 (reserved) hold 0x00000010 (expected 0)");
  }
  {
    std::vector<uint8_t> bytes = base_bytes;
    bytes[10] = 0;
    verify_only("minor-version-0.reel", "format 1.0 has no codec 2", bytes,
                "corrupt_structure: file header bytes 10..11 say format 1.0, which has no codec 2, but section STRS" +
                    at(offset_of(base_sections, kTagStrings)) + " uses it");
  }
  {
    std::vector<ForgedSection> sections = base_sections;
    sections.push_back(extra_section(make_tag("XTRA"), 0));
    std::vector<uint8_t> bytes = assemble_1_1(sections);
    bytes[10] = 4;
    const std::string xtra = "section XTRA" + at(offset_of(sections, make_tag("XTRA")));
    out.push_back({"newer-minor-version.reel",
                   "none: a 1.4 bundle with a section 1.3 does not know, which is not critical; readers skip it, "
                   "verify checks it by checksum and says so",
                   bytes,
                   {{"info", 0, ""},
                    {"verify", 0,
                     "newer-minor-version.reel: note: format 1.4 is newer than this agentreel's 1.3: what it added is "
                     "checked by its checksums only"},
                    {"verify", 0,
                     "newer-minor-version.reel: note: " + xtra +
                         " is not a section of format 1.3 (a reader skips it: it is not marked critical); format 1.4 "
                         "may define it (this agentreel knows 1.3)"}}});
  }

  {
    // RDCT (the redaction manifest) came with 1.2: a 1.1 bundle does not carry it.
    std::vector<ForgedSection> sections = base_sections;
    sections.push_back(extra_section(kTagRedactions, 0));
    verify_only("redactions-in-1.1.reel", "a bundle that carries a section of a later minor version says that version",
                assemble_1_1(sections),
                "corrupt_structure: section RDCT" + at(offset_of(sections, kTagRedactions)) +
                    " is not a section of format 1.1: format 1.2 added it (a bundle that carries it says so)");
  }

  // --- The find index (FIDX, 1.3): session 0's one segment, as the writer builds it from the base's records.
  {
    FindIndexSegment segment;
    const StreamReader read = [&](uint64_t offset, uint64_t size, std::string& bytes_out) {
      bytes_out.append(base.stream, size_t(offset), size_t(size));
      return Status::ok();
    };
    (void)build_find_index(base.trace, 0, read, [&](FindIndexSegment& built) {
      segment = built;
      return Status::ok();
    });
    const auto with_index = [&](const FindIndexSegment& content, uint16_t flags, uint8_t minor) {
      std::vector<ForgedSection> sections = base_sections;
      const std::string bytes = encode_find_index_segment(content);
      sections.push_back({kTagFindIndex, kCodecNone, flags, bytes.size(), bytes});
      std::vector<uint8_t> bundle = assemble_1_1(sections);
      bundle[10] = minor;
      return std::make_pair(bundle, "section FIDX" + at(offset_of(sections, kTagFindIndex)));
    };
    const auto [in_1_2, in_1_2_at] = with_index(segment, 0, 2);
    verify_only("find-index-in-1.2.reel", "a bundle that carries a find index says format 1.3", in_1_2,
                "corrupt_structure: " + in_1_2_at +
                    " is not a section of format 1.2: format 1.3 added it (a bundle that carries it says so)");
    const auto [critical, critical_at] = with_index(segment, kSectionCritical, 3);
    verify_only("find-index-critical.reel", "a find index is not critical (readers that do not know it skip it)",
                critical,
                "corrupt_structure: " + critical_at +
                    " has codec 0 and flags 0x0001; a writer of format 1.3 writes codec 0 and flags 0x0000");
    // Token 0 of session 0 is "1000", only in span 0's begin record: list span 1 instead (postings byte 0x01).
    FindIndexSegment moved = segment;
    moved.postings[moved.posting_offsets[0]] = 0x01;
    const auto [postings, postings_at] = with_index(moved, 0, 3);
    verify_only("find-index-postings.reel",
                "a find index lists, for each token, exactly the spans whose records hold it", postings,
                "corrupt_structure: " + postings_at +
                    ": token 0 (\"1000\") lists spans [1] but its records put it in spans [0] (ordinals from the "
                    "segment's first span)");
    FindIndexSegment short_segment = segment;
    short_segment.span_count = 3;
    const auto [short_index, short_at] = with_index(short_segment, 0, 3);
    verify_only("find-index-spans.reel", "a session's find index segments cover its spans as the writer cuts them",
                short_index,
                "corrupt_structure: " + short_at +
                    ": holds spans 0..2 of session 0 but a writer's segment there holds spans 0..3 (a segment ends "
                    "once its spans' records hold 67108864 bytes)");
  }

  // --- Sections and the table of contents.
  {
    std::vector<ForgedSection> sections = base_sections;
    sections.push_back(extra_section(make_tag("XTRA"), kSectionCritical));
    refused_by_readers("unknown-critical-section.reel", "a reader refuses a critical section it does not know",
                       assemble_1_1(sections),
                       "unsupported_version: section XTRA" + at(offset_of(sections, make_tag("XTRA"))) +
                           " is critical but unknown to this reader (format 1.3): a newer agentreel wrote it");
  }
  {
    std::vector<ForgedSection> sections = base_sections;
    sections.push_back(extra_section(make_tag("XTRA"), 0));
    verify_only("unknown-section.reel",
                "a 1.1 writer writes only the sections of 1.1 (a reader skips an unknown one that is not critical)",
                assemble_1_1(sections),
                "corrupt_structure: section XTRA" + at(offset_of(sections, make_tag("XTRA"))) +
                    " is not a section of format 1.1 (a reader skips it: it is not marked critical)");
  }
  {
    std::vector<ForgedSection> sections = base_sections;
    find_section(sections, kTagSkipped)->codec = 3;
    verify_only("unknown-codec-not-critical.reel",
                "a 1.1 writer uses codecs 0 to 2 (a reader skips a section with another codec that is not critical)",
                assemble_1_1(sections),
                "corrupt_structure: section SKIP" + at(offset_of(sections, kTagSkipped)) +
                    " uses codec 3, which format 1.1 does not have (a reader skips it: it is not marked critical)");
  }
  {
    std::vector<ForgedSection> sections = base_sections;
    find_section(sections, kTagSpans)->codec = 3;
    refused_by_readers("unknown-codec-critical.reel",
                       "a reader refuses a critical section with a codec it does not know", assemble_1_1(sections),
                       "unsupported_version: section SPAN" + at(offset_of(sections, kTagSpans)) +
                           " uses unknown codec 3 (this reader knows codecs 0 to 2, format 1.3)");
  }
  {
    std::vector<ForgedSection> sections = base_sections;
    sections.push_back(*find_section(sections, kTagMeta));
    const std::vector<uint64_t> offsets = section_offsets(sections);
    refused_by_readers("duplicate-meta.reel", "each index section appears once", assemble_1_1(sections),
                       "corrupt_structure: section META" + at(offsets.back()) + " repeats the one" +
                           at(offset_of(sections, kTagMeta)) + ": each index section appears once");
  }
  {
    std::vector<ForgedSection> sections = base_sections;
    sections.push_back({kTagToc, kCodecNone, kSectionCritical, 4, "TOC?"});
    const std::vector<uint64_t> offsets = section_offsets(sections);
    refused_by_readers(
        "toc-lists-a-toc.reel", "the table of contents is the last section and lists only those before it",
        assemble_1_1(sections),
        "corrupt_structure: table of contents entry " + std::to_string(sections.size() - 1) +
            " is a second TOC section" + at(offsets.back()) + ": the table of contents is the last section only");
  }
  {
    // The TOC's own header with the critical flag cleared, its header checksum recomputed.
    std::vector<uint8_t> bytes = base_bytes;
    uint64_t toc = 0;
    for (size_t b = 0; b < 8; ++b) toc |= uint64_t(bytes[bytes.size() - kTrailerSize + b]) << (8 * b);
    bytes[toc + 6] = 0;
    const uint64_t check = xxh64(bytes.data() + toc, 32);
    for (size_t b = 0; b < 8; ++b) bytes[toc + 32 + b] = uint8_t(check >> (8 * b));
    refused_by_readers("toc-not-critical.reel", "the TOC is codec 0 and critical, its two sizes equal", bytes,
                       "corrupt_structure: table of contents header" + at(toc) +
                           " does not match the trailer (expected tag TOC, codec 0, critical, its bytes up to the "
                           "trailer)");
  }
  {
    std::vector<ForgedSection> sections = base_sections;
    std::vector<ForgedSection> reordered;
    for (const ForgedSection& s : sections) {
      if (s.tag == kTagMeta) reordered.push_back(s);
    }
    for (const ForgedSection& s : sections) {
      if (s.tag != kTagMeta) reordered.push_back(s);
    }
    verify_only("raw-after-index.reel", "RAW blocks come first, before every index section", assemble_1_1(reordered),
                "corrupt_structure: section RAW" + at(section_offsets(reordered)[1]) + " follows index section META" +
                    at(kFileHeaderSize) + " (expected every RAW block first)");
  }
  {
    std::vector<ForgedSection> sections = base_sections;
    find_section(sections, kTagSpans)->flags = 0;
    verify_only("section-not-critical.reel", "a 1.1 writer marks SPAN (like every section but SKIP) critical",
                assemble_1_1(sections),
                "corrupt_structure: section SPAN" + at(offset_of(sections, kTagSpans)) +
                    " has codec 2 and flags 0x0000; a writer of format 1.1 writes codec 2 and flags 0x0001");
  }
  {
    std::vector<ForgedSection> sections = base_sections;
    find_section(sections, kTagSkipped)->flags = 0x0002;
    verify_only("section-flags-undefined.reel", "section flag bits other than bit 0 are 0", assemble_1_1(sections),
                "corrupt_structure: section SKIP" + at(offset_of(sections, kTagSkipped)) +
                    " has flags 0x0002, bits this version does not define");
  }
  {
    std::vector<ForgedSection> sections = base_sections;
    find_section(sections, kTagMeta)->stored =
        with_large_window(find_section(sections, kTagMeta)->stored, find_section(sections, kTagMeta)->raw_size);
    refused_by_readers("frame-window-too-large.reel", "a zstd frame's window is at most 64 MiB", assemble_1_1(sections),
                       "limit_exceeded: section META" + at(offset_of(sections, kTagMeta)) +
                           ": zstd frame window of 134217728 bytes is over the limit (67108864)");
  }

  // --- META's counts.
  {
    std::vector<ForgedSection> sections = base_sections;
    const uint64_t strings = meta_field(sections, 3);
    set_meta_field(sections, 3, strings + 1);
    refused_by_readers("meta-strings-count.reel", "META counts the strings of STRS", assemble_1_1(sections),
                       "corrupt_structure: section META counts " + std::to_string(strings + 1) +
                           " strings but section STRS holds " + std::to_string(strings));
  }
  refused_by_readers("meta-attributes-count.reel", "META counts the rows of ATTR",
                     with_sections([&](auto& sections) { set_meta_field(sections, 4, 8); }),
                     "corrupt_structure: section META counts 8 attributes but section ATTR holds 3");
  refused_by_readers("meta-skipped-count.reel", "META counts the rows of SKIP",
                     with_sections([&](auto& sections) { set_meta_field(sections, 5, 2); }),
                     "corrupt_structure: section META counts 2 skipped records but section SKIP holds 0");
  refused_by_readers("missing-attr.reel", "META's attribute count holds when ATTR is absent (it must be 0)",
                     with_sections([&](auto& sections) {
                       set_meta_field(sections, 4, 8);
                       std::erase_if(sections, [](const ForgedSection& s) { return s.tag == kTagAttributes; });
                     }),
                     "corrupt_structure: section META counts 8 attributes but there is no ATTR section");
  verify_only("missing-skip.reel", "a 1.1 writer always writes SKIP (a reader reads none as no skipped record)",
              with_sections([&](auto& sections) {
                std::erase_if(sections, [](const ForgedSection& s) { return s.tag == kTagSkipped; });
              }),
              "corrupt_structure: section SKIP is missing (a writer of format 1.1 always writes it)");
  // Blocks larger than META says, then blocks (not the last) smaller than it says.
  for (const uint64_t said : {kBlockBytes / 2, kBlockBytes * 2}) {
    std::vector<ForgedSection> sections = base_sections;
    set_meta_field(sections, 6, said);
    verify_only(said < kBlockBytes ? "raw-blocks-larger-than-meta.reel" : "raw-blocks-smaller-than-meta.reel",
                "every RAW block but the last holds META's block size, the last 1 to that many bytes",
                assemble_1_1(sections),
                "corrupt_structure: raw block 0" + at(kFileHeaderSize) + " holds " + std::to_string(kBlockBytes) +
                    " bytes but section META gives blocks of " + std::to_string(said) +
                    " (expected every block but the last to hold exactly that, the last 1 to that)");
  }

  // --- Spans and sessions (written by BundleWriter from a trace that breaks the rule).
  refused_by_readers("parent-cycle.reel", "no parent cycles: a parent comes before its child", with_trace([](Trace& t) {
                       t.spans.parent[4] = 5;
                       t.spans.parent[5] = 4;
                     }),
                     "corrupt_structure: section SPAN: span 4 has parent 5, which does not come before it (expected "
                     "a parent below 4)");
  refused_by_readers("self-parent.reel", "no span is its own parent",
                     with_trace([](Trace& t) { t.spans.parent[1] = 1; }),
                     "corrupt_structure: section SPAN: span 1 is its own parent");
  refused_by_readers("spans-unsorted.reel", "spans are sorted by start within a session",
                     with_trace([](Trace& t) { t.spans.start_ns[3] = 1500; }),
                     "corrupt_structure: section SPAN: span 3 starts before span 2 of its session (expected spans "
                     "sorted by start within a session)");
  verify_only("sessions-unordered.reel", "sessions are ordered by start", with_trace([](Trace& t) {
                for (uint32_t i = 4; i < 6; ++i) t.spans.start_ns[i] -= 4500;
                t.sessions[1].start_ns = 500;
                t.sessions[1].end_ns = 1500;
              }),
              "corrupt_structure: section SESS: session 1 starts at 500, before session 0 (at 1000): expected sessions "
              "ordered by start");
  verify_only("session-extent.reel", "a session ends where its last-ending span ends",
              with_trace([](Trace& t) { t.sessions[0].end_ns = 4001; }),
              "corrupt_structure: section SESS: session 0 ends at 4001 but its spans end at 4000");
  verify_only("session-clock-flags.reel", "a session's flags are its spans' clock bits (3 and 4)",
              with_trace([](Trace& t) { t.sessions[0].flags = kFlagOrdinalTime; }),
              "corrupt_structure: section SESS: session 0 has flags 0x8 but its spans' clock bits (3 and 4) make 0x0");
  verify_only("tie-order.reel", "spans that start together are ordered parent first (by depth)",
              with_trace([](Trace& t) {
                t.spans.start_ns[3] = 2000;
                t.spans.parent[3] = kNoSpan;
              }),
              "corrupt_structure: section SPAN: span 3 starts with span 2 but is nested less deeply (depth 0 after "
              "2): expected spans that start together ordered parent first");
  verify_only("parent-not-covering.reel", "a parent covers its children in time", with_trace([](Trace& t) {
                t.spans.duration_ns[1] = 2500;
                t.sessions[0].end_ns = 4500;
              }),
              "corrupt_structure: section SPAN: span 1 (2000..4500) is not within its parent, span 0 (1000..4000)");
  verify_only("span-flags-undefined.reel", "span flag bits 5 to 15 are 0",
              with_trace([](Trace& t) { t.spans.flags[2] |= 0x40; }),
              "corrupt_structure: section SPAN: span 2 has flag bits 0x40, which this version does not define");
  verify_only("execution-time-without-ordinal.reel", "span flag bit 4 (execution time) only with bit 3 (ordinal)",
              with_trace([](Trace& t) {
                t.spans.flags[5] = kFlagExecutionTime;
                t.sessions[1].flags = kFlagExecutionTime;
              }),
              "corrupt_structure: section SPAN: span 5 has flag bit 4 (execution time) without bit 3 (ordinal time)");
  verify_only("unknown-kind.reel", "kinds are 0 to 7 in 1.1 (a reader reads another as 7, event)",
              with_trace([](Trace& t) { t.spans.kind[2] = SpanKind(9); }),
              "corrupt_structure: section SPAN: span 2 has kind 9, which this version does not define (read as "
              "event; 1 span in all)");
  verify_only("unknown-status.reel",
              "statuses are 0 to 4 in 1.1 (a reader reads 5..127 as 1, error, and 128..255 as 0, ok)",
              with_trace([](Trace& t) { t.spans.status[1] = SpanStatus(5); }),
              "corrupt_structure: section SPAN: span 1 has status 5, which this version does not define (read as "
              "error; 1 span in all)");

  // --- Inputs, records, skipped records.
  {
    const std::string path_problem =
        "corrupt_structure: section INPT: input 1 path \"../escape.jsonl\" has a '..' component (expected a relative "
        "/-separated path without '.' or '..')";
    std::vector<uint8_t> bytes = with_trace([](Trace& t) { t.inputs[1].path = "../escape.jsonl"; });
    out.push_back({"unsafe-path.reel",
                   "an input path is relative, /-separated, without '.' or '..' (export refuses it, writing nothing)",
                   bytes,
                   {{"info", 0, ""},
                    {"verify", 1, "unsafe-path.reel: " + path_problem},
                    {"export", 1, refused("unsafe-path.reel", path_problem + "; nothing exported")}}});
  }
  verify_only("record-crosses-inputs.reel", "a record ref lies within one input", with_trace([](Trace& t) {
                SpanColumns& spans = t.spans;
                RecordRefColumn begin;
                for (size_t i = 0; i < spans.size(); ++i) {
                  begin.push_back(i == 3 ? RecordRef{t.inputs[1].stream_offset - 10, 20} : spans.begin_record[i]);
                }
                spans.begin_record = begin;
              }),
              "corrupt_structure: section PREF: span 3's begin record (stream bytes " +
                  std::to_string(base.trace.inputs[1].stream_offset - 10) + ".." +
                  std::to_string(base.trace.inputs[1].stream_offset + 10) +
                  ") runs past the end of input 0 (stream byte " + std::to_string(base.trace.inputs[1].stream_offset) +
                  ")");
  verify_only("skipped-count.reel", "an input's skipped count is its rows in SKIP",
              with_trace([](Trace& t) { t.inputs[0].skipped = 1; }),
              "corrupt_structure: section INPT: input 0 counts 1 skipped records but section SKIP holds 0 for it");
  verify_only("skip-reason-undefined.reel", "skip reasons are 0 to 6 in 1.1 (info shows another as \"unknown\")",
              with_trace([](Trace& t) {
                t.inputs[0].skipped = 1;
                t.skipped.push_back({0, SkipReason(9), 2, 70, "a reason from a later version"});
              }),
              "corrupt_structure: section SKIP: row 0 has reason 9, which this version does not define");
  return out;
}

std::string escaped_for_table(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

void write_file(const std::string& path, const void* data, size_t size) {
  std::ofstream file(path, std::ios::binary);
  file.write(static_cast<const char*>(data), std::streamsize(size));
  if (!file) {
    std::cerr << "cannot write " << path << "\n";
    std::exit(1);
  }
}

}  // namespace
}  // namespace agentreel::test

int main(int argc, char** argv) {
  using namespace agentreel::test;
  if (argc != 2) {
    std::cerr << "usage: agentreel_make_forged DIR (tests/data/forged)\n";
    return 2;
  }
  const std::string dir = argv[1];
  const std::vector<Forged> forged = forge_all();
  std::string expected =
      "# Written by tests/hostile/make_forged_bundles.cpp; read by tests/hostile/check_forged_bundles.sh.\n"
      "# file<TAB>command<TAB>exit status<TAB>line: the first line on stderr when the exit status is not 0, else a\n"
      "# line stdout must hold (empty: stderr must be empty).\n";
  std::string readme =
      "# Forged bundles\n\n"
      "One bundle for each rule of [docs/bundle-format.md](../../../docs/bundle-format.md) that a reader or "
      "`agentreel verify` enforces, and the exact outcome it must produce (error codes: "
      "[docs/errors.md](../../../docs/errors.md)). `tests/hostile/check_forged_bundles.sh` (ctest `forged_bundles`) "
      "runs `agentreel info`, `verify` and, where listed, `export` on each and compares exit status and message "
      "with `expected.tsv`.\n\n"
      "Every file and `expected.tsv` are written by `tests/hostile/make_forged_bundles.cpp` (the expected messages "
      "are written there by hand from the spec). After a format change, regenerate them and review the diff:\n\n"
      "    cmake --build build --target agentreel_make_forged\n"
      "    build/tests/hostile/agentreel_make_forged tests/data/forged\n\n"
      "Except where the rule says \"none\", `base.reel` with one rule broken. A bundle `info` opens (exit 0) breaks "
      "a rule only `verify` checks; one `info` refuses breaks a rule every reader checks.\n\n"
      "| file | rule broken | `agentreel info` | `agentreel verify` |\n| --- | --- | --- | --- |\n";
  for (const Forged& f : forged) {
    write_file(dir + "/" + f.file, f.bytes.data(), f.bytes.size());
    std::string info, verify;
    for (const Expect& e : f.expects) {
      expected += f.file + "\t" + e.command + "\t" + std::to_string(e.exit) + "\t" + e.line + "\n";
      std::string& cell = e.command == "info" ? info : verify;
      if (e.command == "export") continue;
      if (!cell.empty()) cell += "<br>";
      cell +=
          e.exit == 0 && e.line.empty() ? "opens (exit 0)" : "exit " + std::to_string(e.exit) + ": `" + e.line + "`";
    }
    if (verify == info) verify = "the same";
    readme += "| `" + f.file + "` | " + escaped_for_table(f.rule) + " | " + escaped_for_table(info) + " | " +
              escaped_for_table(verify) + " |\n";
  }
  readme +=
      "\n`unsafe-path.reel` is also exported: `agentreel export` refuses it before writing anything (see "
      "`expected.tsv`).\n";
  write_file(dir + "/expected.tsv", expected.data(), expected.size());
  write_file(dir + "/README.md", readme.data(), readme.size());
  std::cout << "wrote " << forged.size() << " bundles, expected.tsv and README.md to " << dir << "\n";
  return 0;
}

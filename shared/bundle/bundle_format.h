// Bundle format v1: the on-disk constants and fixed-size structures (docs/bundle-format.md is
// the normative description). All integers little-endian; structures are encoded field by field,
// never memcpy'd from structs, so padding and host byte order cannot leak into files.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace agentreel {

constexpr std::array<uint8_t, 8> kBundleMagic = {0x89, 'R', 'E', 'E', 'L', '\r', '\n', 0x1A};
constexpr std::array<uint8_t, 8> kTrailerMagic = {'R', 'E', 'E', 'L', 'E', 'N', 'D', 0x1A};
constexpr uint16_t kFormatMajor = 1;  // readers refuse a newer major
constexpr uint16_t kFormatMinor = 2;  // what writers write; readers accept any minor of their major (1.1: codec 2)

constexpr size_t kFileHeaderSize = 16;     // magic[8] u16 major u16 minor u32 reserved
constexpr size_t kSectionHeaderSize = 40;  // see SectionHeader
constexpr size_t kTrailerSize = 32;        // u64 toc_offset u64 file_size u64 xxh64(first 16) magic[8]
constexpr size_t kTocEntrySize = 40;       // u32 tag u32 flags u64 offset u64 stored u64 raw u64 checksum

// Limits checked before any allocation (issue: hostile bundles must not cause giant allocations).
constexpr uint64_t kMaxIndexSectionBytes = 4ull << 30;  // decompressed index section
constexpr uint64_t kMaxRawBlockBytes = 64ull << 20;     // decompressed raw block
constexpr uint64_t kDefaultRawBlockBytes = 1ull << 20;  // what the writer produces
// A zstd frame's window (its Window_Size, or its content size when single-segment): what a streaming
// decoder must hold. The writer's frames stay within it; a reader refuses larger ones before inflating.
constexpr uint64_t kMaxFrameWindowBytes = 64ull << 20;

using SectionTag = uint32_t;
constexpr SectionTag make_tag(const char (&text)[5]) {
  return uint32_t(uint8_t(text[0])) | uint32_t(uint8_t(text[1])) << 8 | uint32_t(uint8_t(text[2])) << 16 |
         uint32_t(uint8_t(text[3])) << 24;
}
std::string tag_name(SectionTag tag);

// Section tags. A reader skips sections it does not know unless kSectionCritical is set.
constexpr SectionTag kTagRaw = make_tag("RAW ");   // one block of the raw input stream
constexpr SectionTag kTagMeta = make_tag("META");  // counts and producer
constexpr SectionTag kTagStrings = make_tag("STRS");
constexpr SectionTag kTagInputs = make_tag("INPT");
constexpr SectionTag kTagSessions = make_tag("SESS");
constexpr SectionTag kTagSpans = make_tag("SPAN");
constexpr SectionTag kTagRecords = make_tag("PREF");  // per-span payload record refs
constexpr SectionTag kTagAttributes = make_tag("ATTR");
constexpr SectionTag kTagSkipped = make_tag("SKIP");
constexpr SectionTag kTagToc = make_tag("TOC ");
// Since 1.2: the redaction manifest of a redacted bundle (shared/secrets/redaction_manifest.h), not critical.
constexpr SectionTag kTagRedactions = make_tag("RDCT");
constexpr uint16_t kFormatMinorRedactions = 2;
// Since 1.2: text facts (model/text_ref.h), codec 2 but not critical: a 1.1 reader skips them.
constexpr SectionTag kTagTexts = make_tag("TEXT");
constexpr uint16_t kFormatMinorTexts = 2;
// Since 1.3: the find index of a session's spans, one section per segment (find/find_index_format.h): codec 0,
// not critical, the one known tag besides RAW that repeats.
constexpr SectionTag kTagFindIndex = make_tag("FIDX");
constexpr uint16_t kFormatMinorFindIndex = 3;

// The newest minor version this code knows (1.2: RDCT, TEXT; 1.3: FIDX). Writers write kFormatMinor (asked for less,
// they leave out the sections the older version lacks); `verify` holds a bundle to the rules of its own version up to
// this one.
constexpr uint16_t kKnownFormatMinor = 3;

// The sections this code knows, TOC excepted (it is never listed in itself), and the minor version that added
// each. A reader refuses an unknown tag marked critical and skips any other; `verify` reports a tag its
// bundle's version does not have. A new section is one more row here (and in docs/bundle-format.md).
struct KnownSection {
  SectionTag tag;
  uint16_t since_minor;
};
constexpr KnownSection kKnownSections[] = {
    {kTagRaw, 0},
    {kTagMeta, 0},
    {kTagStrings, 0},
    {kTagInputs, 0},
    {kTagSessions, 0},
    {kTagSpans, 0},
    {kTagRecords, 0},
    {kTagAttributes, 0},
    {kTagSkipped, 0},
    {kTagRedactions, kFormatMinorRedactions},
    {kTagTexts, kFormatMinorTexts},
    {kTagFindIndex, kFormatMinorFindIndex},
};
constexpr bool is_known_section_tag(SectionTag tag) {
  for (const KnownSection& known : kKnownSections) {
    if (known.tag == tag) return true;
  }
  return false;
}
// The minor version that added a known tag (0 for 1.0's and for tags this code does not know).
constexpr uint16_t section_since_minor(SectionTag tag) {
  for (const KnownSection& known : kKnownSections) {
    if (known.tag == tag) return known.since_minor;
  }
  return 0;
}

// Codec 2 (since 1.1): zstd over the column-filtered content (column_filter.h); critical for the sections 1.0
// had (a 1.0 reader cannot decode them), not for TEXT (a reader that does not know TEXT skips it).
enum SectionCodec : uint16_t { kCodecNone = 0, kCodecZstd = 1, kCodecZstdColumns = 2 };
enum SectionFlags : uint16_t { kSectionCritical = 1 };  // other bits are 0 in this version

// Decoded section header. On disk: u32 tag, u16 codec, u16 flags, u64 stored_size, u64 raw_size,
// u64 xxh64(stored bytes), then u64 xxh64 of the preceding 32 header bytes (so lengths are trusted
// only after they are checked).
struct SectionHeader {
  SectionTag tag = 0;
  uint16_t codec = kCodecNone;
  uint16_t flags = 0;
  uint64_t stored_size = 0;
  uint64_t raw_size = 0;
  uint64_t checksum = 0;
};

}  // namespace agentreel

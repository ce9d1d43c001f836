// Test helper: take a bundle apart into its sections and put it back together with every checksum
// recomputed, so a test can forge a bundle that passes all checksums but lies about sizes or contents
// (the attacks a checksum cannot stop). Follows docs/bundle-format.md; depends on shared/ only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bundle/bundle_format.h"
#include "core/binary_codec.h"
#include "core/hash.h"

namespace agentreel::test {

struct ForgedSection {
  SectionTag tag = 0;
  uint16_t codec = kCodecNone;
  uint16_t flags = 0;
  uint64_t raw_size = 0;
  std::string stored;
};

// Splits a well-formed bundle into its sections (TOC excluded), in file order.
inline std::vector<ForgedSection> disassemble(const std::vector<uint8_t>& bundle) {
  const std::string_view bytes(reinterpret_cast<const char*>(bundle.data()), bundle.size());
  BinaryCursor trailer(bytes.substr(bytes.size() - kTrailerSize));
  uint64_t toc_offset = 0;
  (void)trailer.u64(toc_offset);
  BinaryCursor toc(bytes.substr(toc_offset + kSectionHeaderSize));
  uint32_t count = 0;
  (void)toc.u32(count);
  std::vector<ForgedSection> sections(count);
  for (ForgedSection& s : sections) {
    uint64_t offset = 0, stored = 0, checksum = 0;
    (void)(toc.u32(s.tag) && toc.u16(s.codec) && toc.u16(s.flags) && toc.u64(offset) && toc.u64(stored) &&
           toc.u64(s.raw_size) && toc.u64(checksum));
    s.stored = std::string(bytes.substr(offset + kSectionHeaderSize, stored));
  }
  return sections;
}

// Writes sections, TOC and trailer with valid checksums, whatever the sizes claim.
inline std::vector<uint8_t> assemble(const std::vector<ForgedSection>& sections) {
  BinaryWriter out;
  out.raw(kBundleMagic.data(), kBundleMagic.size());
  out.u16(kFormatMajor);
  out.u16(kFormatMinor);
  out.u32(0);
  auto header = [&](SectionTag tag, uint16_t codec, uint16_t flags, uint64_t stored, uint64_t raw, uint64_t sum) {
    BinaryWriter h;
    h.u32(tag);
    h.u16(codec);
    h.u16(flags);
    h.u64(stored);
    h.u64(raw);
    h.u64(sum);
    h.u64(xxh64(h.bytes.data(), h.bytes.size()));
    out.raw(h.bytes.data(), h.bytes.size());
  };
  BinaryWriter toc;
  toc.u32(uint32_t(sections.size()));
  for (const ForgedSection& s : sections) {
    const uint64_t sum = xxh64(s.stored.data(), s.stored.size());
    toc.u32(s.tag);
    toc.u16(s.codec);
    toc.u16(s.flags);
    toc.u64(out.bytes.size());
    toc.u64(s.stored.size());
    toc.u64(s.raw_size);
    toc.u64(sum);
    header(s.tag, s.codec, s.flags, s.stored.size(), s.raw_size, sum);
    out.raw(s.stored.data(), s.stored.size());
  }
  const uint64_t toc_offset = out.bytes.size();
  header(kTagToc, kCodecNone, kSectionCritical, toc.bytes.size(), toc.bytes.size(),
         xxh64(toc.bytes.data(), toc.bytes.size()));
  out.raw(toc.bytes.data(), toc.bytes.size());
  BinaryWriter trailer;
  trailer.u64(toc_offset);
  trailer.u64(out.bytes.size() + kTrailerSize);
  trailer.u64(xxh64(trailer.bytes.data(), 16));
  trailer.raw(kTrailerMagic.data(), kTrailerMagic.size());
  out.raw(trailer.bytes.data(), trailer.bytes.size());
  return std::vector<uint8_t>(out.bytes.begin(), out.bytes.end());
}

// Where assemble() puts each section's header: the sections lie back to back from the end of the file header.
inline std::vector<uint64_t> section_offsets(const std::vector<ForgedSection>& sections) {
  std::vector<uint64_t> offsets;
  uint64_t at = kFileHeaderSize;
  for (const ForgedSection& s : sections) {
    offsets.push_back(at);
    at += kSectionHeaderSize + s.stored.size();
  }
  return offsets;
}

inline ForgedSection* find_section(std::vector<ForgedSection>& sections, SectionTag tag) {
  for (ForgedSection& s : sections) {
    if (s.tag == tag) return &s;
  }
  return nullptr;
}

// A zstd frame (RFC 8878) whose header claims `content_size` bytes but whose one RLE block holds 1 byte:
// what an attacker writes to make a reader trust the header and allocate. Multi-segment with a 1 KiB window,
// so only its size lies; a single-segment frame's window is its content size (refused past 64 MiB).
inline std::string lying_zstd_frame(uint64_t content_size, bool single_segment = false) {
  BinaryWriter f;
  f.u32(0xFD2FB528);  // magic
  if (single_segment) {
    f.u8(0xE0);  // descriptor: 8-byte content size, single segment, no checksum, no dictionary
  } else {
    f.u8(0xC0);  // descriptor: 8-byte content size, a window descriptor follows
    f.u8(0x00);  // window 2^10
  }
  f.u64(content_size);
  const uint32_t block = 1u | (1u << 1) | (1u << 3);  // last block, RLE, size 1
  f.u8(uint8_t(block));
  f.u8(uint8_t(block >> 8));
  f.u8(uint8_t(block >> 16));
  f.u8('A');
  return std::move(f.bytes);
}

}  // namespace agentreel::test

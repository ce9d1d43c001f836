// Bundle reader (see bundle_reader.h). Trust nothing: every length is checked against the file
// size and the documented limits before anything is allocated, every section against its XXH64.
#include "bundle/bundle_reader.h"

#include <zstd.h>
#include <zstd_errors.h>

#include <algorithm>
#include <memory>

#include "bundle/column_filter.h"
#include "bundle/section_codec.h"
#include "core/binary_codec.h"
#include "core/hash.h"

namespace agentreel {
namespace {

std::string at(uint64_t offset) { return " at byte " + std::to_string(offset); }

// Largest raw/stored ratio inflated in one allocation (see Bundle::load_section).
constexpr uint64_t kTrustedRatio = 1024;

// The window a zstd frame asks its decoder to hold (RFC 8878, 3.1.1.1): its content size when the frame is one
// segment, else what its Window_Descriptor byte says. 0 when the header is too short to say (zstd refuses it).
uint64_t frame_window_size(std::string_view frame, uint64_t content_size) {
  if (frame.size() < 6) return 0;
  const uint8_t descriptor = uint8_t(frame[4]);
  if (descriptor & 0x20) return content_size;  // Single_Segment_flag
  const uint8_t window = uint8_t(frame[5]);
  const uint64_t base = uint64_t(1) << (10 + (window >> 3));
  return base + base / 8 * (window & 7);
}

Status decode_section_header(std::string_view bytes, uint64_t offset, SectionHeader& header) {
  BinaryCursor in(bytes);
  uint64_t header_check = 0;
  (void)(in.u32(header.tag) && in.u16(header.codec) && in.u16(header.flags) && in.u64(header.stored_size) &&
         in.u64(header.raw_size) && in.u64(header.checksum) && in.u64(header_check));
  if (header_check != xxh64(bytes.data(), 32)) {
    return {ErrorCode::checksum_mismatch, "section header" + at(offset) + " fails its checksum (lengths untrusted)"};
  }
  return Status::ok();
}

std::string version_text(uint16_t major, uint16_t minor) { return std::to_string(major) + "." + std::to_string(minor); }

// Sections a reader may skip when it cannot decode them: optional ones (ATTR, SKIP, RDCT, unknown tags). The raw
// stream and the required index sections cannot be skipped, whatever their flag says.
bool is_skippable(SectionTag tag) {
  for (SectionTag fixed : {kTagRaw, kTagMeta, kTagStrings, kTagInputs, kTagSessions, kTagSpans, kTagRecords}) {
    if (tag == fixed) return false;
  }
  return true;
}

// What a reader checks on table of contents entry i, before reading any section: a tag it does not know is
// skipped unless critical, a codec it does not know likewise, each index section appears once, and the TOC
// lists only the sections before it.
Status check_toc_entry(const std::vector<SectionInfo>& sections, size_t i) {
  const SectionInfo& s = sections[i];
  const std::string section = "section " + tag_name(s.tag) + at(s.offset);
  const std::string reader_version = version_text(kFormatMajor, kKnownFormatMinor);
  if (s.tag == kTagToc) {
    return {ErrorCode::corrupt_structure, "table of contents entry " + std::to_string(i) + " is a second TOC section" +
                                              at(s.offset) + ": the table of contents is the last section only"};
  }
  const bool critical = (s.flags & kSectionCritical) != 0;
  if (!is_known_section_tag(s.tag) && critical) {
    return {ErrorCode::unsupported_version, section + " is critical but unknown to this reader (format " +
                                                reader_version + "): a newer agentreel wrote it"};
  }
  if (s.codec > kCodecZstdColumns && (critical || !is_skippable(s.tag))) {
    return {ErrorCode::unsupported_version, section + " uses unknown codec " + std::to_string(s.codec) +
                                                " (this reader knows codecs 0 to 2, format " + reader_version + ")"};
  }
  if (s.tag != kTagRaw && s.tag != kTagFindIndex && is_known_section_tag(s.tag)) {
    for (size_t j = 0; j < i; ++j) {
      if (sections[j].tag == s.tag) {
        return {ErrorCode::corrupt_structure,
                section + " repeats the one" + at(sections[j].offset) + ": each index section appears once"};
      }
    }
  }
  return Status::ok();
}

// META's counts against the sections they describe. A section skipped for its unknown codec is not counted; the
// count of an absent section must be 0.
Status check_meta_counts(const MetaSection& meta, const Trace& trace,
                         const std::function<const SectionInfo*(SectionTag)>& find) {
  struct Count {
    uint64_t said;
    uint64_t held;
    SectionTag tag;
    const char* noun;
  };
  const Count counts[] = {{meta.spans, trace.spans.size(), kTagSpans, "spans"},
                          {meta.sessions, trace.sessions.size(), kTagSessions, "sessions"},
                          {meta.inputs, trace.inputs.size(), kTagInputs, "inputs"},
                          {meta.strings, trace.strings.size(), kTagStrings, "strings"},
                          {meta.attributes, trace.attributes.size(), kTagAttributes, "attributes"},
                          {meta.skipped, trace.skipped.size(), kTagSkipped, "skipped records"}};
  for (const Count& c : counts) {
    const SectionInfo* section = find(c.tag);
    if (section && section->codec > kCodecZstdColumns) continue;  // skipped: nothing to count
    if (c.said == c.held) continue;
    const std::string what = "section META counts " + std::to_string(c.said) + " " + c.noun;
    if (!section) return {ErrorCode::corrupt_structure, what + " but there is no " + tag_name(c.tag) + " section"};
    return {ErrorCode::corrupt_structure,
            what + " but section " + tag_name(c.tag) + " holds " + std::to_string(c.held)};
  }
  return Status::ok();
}

}  // namespace

Result<std::unique_ptr<Bundle>> Bundle::open(std::unique_ptr<ByteSource> source, const ParallelFor& parallel) {
  std::unique_ptr<Bundle> bundle(new Bundle(std::move(source)));
  Status status = bundle->load(parallel);
  if (!status.is_ok()) return status;
  return bundle;
}

Status Bundle::load(const ParallelFor& parallel) {
  const uint64_t file_size = source_->size();
  uint8_t head[kFileHeaderSize];
  if (file_size < kFileHeaderSize) {
    return {ErrorCode::not_a_bundle, "file is " + std::to_string(file_size) + " bytes, too short for a bundle header"};
  }
  AGENTREEL_TRY(source_->read(0, kFileHeaderSize, head));
  if (!std::equal(kBundleMagic.begin(), kBundleMagic.end(), head)) {
    return {ErrorCode::not_a_bundle, "the first 8 bytes are not the agentreel bundle magic (\\x89REEL\\r\\n\\x1a)"};
  }
  BinaryCursor header_in(std::string_view(reinterpret_cast<const char*>(head) + 8, 8));
  (void)(header_in.u16(version_major_) && header_in.u16(version_minor_) && header_in.u32(reserved_));
  if (version_major_ != kFormatMajor) {
    return {ErrorCode::unsupported_version, "bundle format version " + std::to_string(version_major_) + "." +
                                                std::to_string(version_minor_) + "; this reader understands " +
                                                std::to_string(kFormatMajor) + ".x"};
  }
  if (file_size < kFileHeaderSize + kSectionHeaderSize + kTrailerSize) {
    return {ErrorCode::truncated, "file ends at byte " + std::to_string(file_size) + ", before its trailer"};
  }

  // Trailer: where the table of contents is.
  char trailer[kTrailerSize];
  const uint64_t trailer_offset = file_size - kTrailerSize;
  AGENTREEL_TRY(source_->read(trailer_offset, kTrailerSize, trailer));
  if (!std::equal(kTrailerMagic.begin(), kTrailerMagic.end(), reinterpret_cast<uint8_t*>(trailer) + 24)) {
    return {ErrorCode::truncated, "no trailer at the end of the file (byte " + std::to_string(trailer_offset) +
                                      "): the bundle was cut short or its end is damaged"};
  }
  BinaryCursor trailer_in(std::string_view(trailer, kTrailerSize));
  uint64_t toc_offset = 0, recorded_size = 0, trailer_check = 0;
  (void)(trailer_in.u64(toc_offset) && trailer_in.u64(recorded_size) && trailer_in.u64(trailer_check));
  if (trailer_check != xxh64(trailer, 16)) {
    return {ErrorCode::checksum_mismatch, "trailer" + at(trailer_offset) + " fails its checksum"};
  }
  if (recorded_size != file_size) {
    return {ErrorCode::truncated, "trailer records a " + std::to_string(recorded_size) + "-byte file but it has " +
                                      std::to_string(file_size) + " bytes"};
  }
  if (toc_offset < kFileHeaderSize || toc_offset > trailer_offset - kSectionHeaderSize) {
    return {ErrorCode::corrupt_structure, "trailer points to a table of contents outside the file"};
  }

  // Table of contents.
  char toc_head[kSectionHeaderSize];
  AGENTREEL_TRY(source_->read(toc_offset, kSectionHeaderSize, toc_head));
  SectionHeader toc_header;
  AGENTREEL_TRY(decode_section_header(std::string_view(toc_head, kSectionHeaderSize), toc_offset, toc_header));
  if (toc_header.tag != kTagToc || toc_header.codec != kCodecNone || !(toc_header.flags & kSectionCritical) ||
      toc_header.raw_size != toc_header.stored_size ||
      toc_header.stored_size != trailer_offset - toc_offset - kSectionHeaderSize) {
    return {ErrorCode::corrupt_structure, "table of contents header" + at(toc_offset) +
                                              " does not match the trailer (expected tag TOC, codec 0, critical, "
                                              "its bytes up to the trailer)"};
  }
  toc_flags_ = toc_header.flags;
  std::string toc(size_t(toc_header.stored_size), '\0');
  AGENTREEL_TRY(source_->read(toc_offset + kSectionHeaderSize, toc.size(), toc.data()));
  if (xxh64(toc.data(), toc.size()) != toc_header.checksum) {
    return {ErrorCode::checksum_mismatch, "table of contents" + at(toc_offset) + " fails its checksum"};
  }
  BinaryCursor toc_in(toc);
  uint32_t count = 0;
  if (!toc_in.u32(count) || uint64_t(count) * kTocEntrySize != toc_in.remaining()) {
    return {ErrorCode::corrupt_structure, "table of contents length does not match its entry count"};
  }
  sections_.resize(count);
  uint64_t expected_offset = kFileHeaderSize;
  for (uint32_t i = 0; i < count; ++i) {
    SectionInfo& s = sections_[i];
    (void)(toc_in.u32(s.tag) && toc_in.u16(s.codec) && toc_in.u16(s.flags) && toc_in.u64(s.offset) &&
           toc_in.u64(s.stored_size) && toc_in.u64(s.raw_size) && toc_in.u64(s.checksum));
    if (s.offset != expected_offset || s.stored_size > toc_offset - s.offset - kSectionHeaderSize) {
      return {ErrorCode::corrupt_structure, "table of contents entry " + std::to_string(i) + " (" + tag_name(s.tag) +
                                                ") does not follow the previous section"};
    }
    AGENTREEL_TRY(check_toc_entry(sections_, i));
    if (!is_known_section_tag(s.tag) || s.codec > kCodecZstdColumns) skipped_sections_.push_back(i);
    expected_offset = s.offset + kSectionHeaderSize + s.stored_size;
    if (s.tag == kTagRaw) {
      if (s.raw_size > kMaxRawBlockBytes) {
        return {ErrorCode::limit_exceeded, "raw block " + std::to_string(raw_blocks_.size()) + at(s.offset) +
                                               " claims " + std::to_string(s.raw_size) + " bytes (limit " +
                                               std::to_string(kMaxRawBlockBytes) + ")"};
      }
      raw_blocks_.push_back(i);
    }
  }
  if (expected_offset != toc_offset) {
    return {ErrorCode::corrupt_structure, "sections end at byte " + std::to_string(expected_offset) +
                                              " but the table of contents starts at " + std::to_string(toc_offset)};
  }
  // Stream offsets of blocks: running sum of raw sizes, with an end sentinel.
  raw_block_offsets_.assign(raw_blocks_.size() + 1, 0);
  for (size_t b = 0; b < raw_blocks_.size(); ++b) {
    raw_block_offsets_[b + 1] = raw_block_offsets_[b] + sections_[raw_blocks_[b]].raw_size;
  }

  // Index sections: required ones fail loudly when absent; unknown ones are skipped.
  auto find = [&](SectionTag tag) -> const SectionInfo* {
    for (const SectionInfo& s : sections_) {
      if (s.tag == tag) return &s;
    }
    return nullptr;
  };
  auto load_into = [&](SectionTag tag, bool required, auto decode) -> Status {
    const SectionInfo* s = find(tag);
    if (!s) {
      if (required) return {ErrorCode::corrupt_structure, "required section " + tag_name(tag) + " is missing"};
      return Status::ok();
    }
    auto bytes = load_section(*s);
    if (!bytes.is_ok()) return bytes.status();
    return decode(std::string_view(bytes.value()));
  };
  // An unknown codec on a section this reader may skip: skip it rather than misread it.
  auto skippable = [&](SectionTag tag) {
    const SectionInfo* s = find(tag);
    return s && s->codec > kCodecZstdColumns;
  };
  // Index sections in the format's order, each with the group it decodes in: groups share no data (SPAN and
  // PREF fill different columns; validate_trace checks they agree) and may run at once, each in this order up to
  // its first failure. The failure reported is the first in this order, so the message does not depend on
  // scheduling.
  MetaSection meta;
  struct Step {
    SectionTag tag;
    size_t group;
    bool required;
    std::function<Status(std::string_view)> decode;
  };
  std::vector<Step> steps = {
      {kTagMeta, 0, true, [&](std::string_view b) { return decode_meta(b, meta); }},
      {kTagStrings, 1, true, [&](std::string_view b) { return decode_strings(b, trace_.strings); }},
      {kTagInputs, 0, true, [&](std::string_view b) { return decode_inputs(b, trace_.inputs); }},
      {kTagSessions, 0, true, [&](std::string_view b) { return decode_sessions(b, trace_.sessions); }},
      {kTagSpans, 2, true, [&](std::string_view b) { return decode_spans(b, trace_.spans, &unknown_span_values_); }},
      {kTagRecords, 4, true,
       [&](std::string_view b) { return decode_records(b, trace_.spans.begin_record, trace_.spans.end_record); }},
  };
  if (!skippable(kTagAttributes)) {
    // Decoded beside SPAN, so bounded by what SPAN's size allows (28 bytes a span), not its count.
    const SectionInfo* spans = find(kTagSpans);
    const uint64_t max_spans = spans ? spans->raw_size / 28 : 0;
    steps.push_back({kTagAttributes, 3, false, [&, max_spans](std::string_view b) {
                       return decode_attributes(b, trace_.attributes, max_spans);
                     }});
  }
  if (!skippable(kTagSkipped)) {
    steps.push_back({kTagSkipped, 0, false, [&](std::string_view b) { return decode_skipped(b, trace_.skipped); }});
  }
  if (!skippable(kTagTexts)) {
    const SectionInfo* spans = find(kTagSpans);
    const uint64_t max_spans = spans ? spans->raw_size / 28 : 0;
    steps.push_back(
        {kTagTexts, 5, false, [&, max_spans](std::string_view b) { return decode_texts(b, trace_.texts, max_spans); }});
  }
  constexpr size_t kGroups = 6;
  std::vector<Status> results(steps.size(), Status::ok());
  const auto run_group = [&](size_t group) {
    for (size_t i = 0; i < steps.size(); ++i) {
      if (steps[i].group != group) continue;
      results[i] = load_into(steps[i].tag, steps[i].required, steps[i].decode);
      if (!results[i].is_ok()) return;
    }
  };
  run_tasks(parallel, kGroups, run_group);
  for (const Status& result : results) AGENTREEL_TRY(result);
  AGENTREEL_TRY(check_meta_counts(meta, trace_, find));
  meta_ = std::move(meta);
  AGENTREEL_TRY(validate_trace(trace_, raw_block_offsets_.back()));
  return route_find_index();
}

Status Bundle::route_find_index() {
  find_index_.by_session.assign(trace_.sessions.size(), {});
  for (size_t i = 0; i < sections_.size(); ++i) {
    const SectionInfo& s = sections_[i];
    if (s.tag != kTagFindIndex || s.codec != kCodecNone || s.stored_size < 16) continue;
    char head[16];
    AGENTREEL_TRY(source_->read(s.offset + kSectionHeaderSize, sizeof head, head));
    FindIndexHeader header;
    // Another version, or a session that does not exist: not used (verify reports it); queries scan.
    if (!peek_find_index_header(std::string_view(head, sizeof head), header)) continue;
    if (header.session < trace_.sessions.size()) find_index_.by_session[header.session].push_back(i);
  }
  return Status::ok();
}

Status Bundle::FindIndexSections::read_segment(uint32_t session, size_t i, std::string& out) const {
  if (i >= segment_count(session)) return {ErrorCode::invalid_argument, "no such find index segment"};
  return bundle_.load_section_into(bundle_.sections_[by_session[session][i]], out);
}

Result<std::string> Bundle::load_section(const SectionInfo& section) const {
  std::string raw;
  AGENTREEL_TRY(load_section_into(section, raw));
  return raw;
}

Status Bundle::read_stored(const SectionInfo& section, std::string& stored) const {
  char head[kSectionHeaderSize];
  AGENTREEL_TRY(source_->read(section.offset, kSectionHeaderSize, head));
  SectionHeader header;
  AGENTREEL_TRY(decode_section_header(std::string_view(head, kSectionHeaderSize), section.offset, header));
  if (header.tag != section.tag || header.codec != section.codec || header.flags != section.flags ||
      header.stored_size != section.stored_size || header.raw_size != section.raw_size ||
      header.checksum != section.checksum) {
    return Status{ErrorCode::corrupt_structure,
                  "section " + tag_name(section.tag) + at(section.offset) + " disagrees with the table of contents"};
  }
  const uint64_t limit = header.tag == kTagRaw ? kMaxRawBlockBytes : kMaxIndexSectionBytes;
  if (header.raw_size > limit) {
    return Status{ErrorCode::limit_exceeded, "section " + tag_name(section.tag) + at(section.offset) + " claims " +
                                                 std::to_string(header.raw_size) + " bytes (limit " +
                                                 std::to_string(limit) + ")"};
  }
  stored.assign(size_t(header.stored_size), '\0');
  AGENTREEL_TRY(source_->read(section.offset + kSectionHeaderSize, stored.size(), stored.data()));
  if (xxh64(stored.data(), stored.size()) != header.checksum) {
    return Status{ErrorCode::checksum_mismatch,
                  "section " + tag_name(section.tag) + at(section.offset) + " fails its checksum"};
  }
  return Status::ok();
}

Status Bundle::load_section_into(const SectionInfo& section, std::string& raw) const {
  if (section.codec == kCodecNone && section.tag != kTagRaw) {
    // Stored as is: read straight into the caller's buffer (a find index segment a query reads each time).
    AGENTREEL_TRY(read_stored(section, raw));
    if (section.raw_size != section.stored_size) {
      return Status{ErrorCode::corrupt_structure, "uncompressed section " + tag_name(section.tag) + " has two sizes"};
    }
    return Status::ok();
  }
  std::string stored;
  AGENTREEL_TRY(read_stored(section, stored));
  const SectionInfo& header = section;  // read_stored checked that the header agrees with it
  if (header.codec > kCodecZstdColumns) {
    return Status{ErrorCode::unsupported_version, "section " + tag_name(section.tag) + at(section.offset) +
                                                      " uses unknown codec " + std::to_string(header.codec)};
  }
  if (header.codec == kCodecNone) {
    if (header.raw_size != header.stored_size) {
      return Status{ErrorCode::corrupt_structure, "uncompressed section " + tag_name(section.tag) + " has two sizes"};
    }
    raw = std::move(stored);
    return Status::ok();
  }
  const unsigned long long frame_size = ZSTD_getFrameContentSize(stored.data(), stored.size());
  if (frame_size != header.raw_size) {
    return Status{ErrorCode::decompress_failed, "section " + tag_name(section.tag) + at(section.offset) +
                                                    ": zstd frame size does not match the header"};
  }
  if (const uint64_t window = frame_window_size(stored, header.raw_size); window > kMaxFrameWindowBytes) {
    return Status{ErrorCode::limit_exceeded, "section " + tag_name(section.tag) + at(section.offset) +
                                                 ": zstd frame window of " + std::to_string(window) +
                                                 " bytes is over the limit (" + std::to_string(kMaxFrameWindowBytes) +
                                                 ")"};
  }
  // The frame header is attacker-controlled and agrees with raw_size by construction, so it cannot size the
  // buffer: inflate in steps and grow the output only as zstd actually produces bytes (a 20-byte frame
  // claiming 3 GiB fails after one step, not after a 3 GiB allocation).
  std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> context(ZSTD_createDCtx(), ZSTD_freeDCtx);
  if (!context) {
    return Status{ErrorCode::out_of_memory, "section " + tag_name(section.tag) + at(section.offset) +
                                                ": no memory for zstd's decompression state"};
  }
  if (header.raw_size <= kMaxRawBlockBytes && header.raw_size / kTrustedRatio <= header.stored_size) {
    // A size within the raw block cap and a ratio real logs reach (a payload block inflates 5-50x) is
    // allocated at once and inflated in one call straight into place: streaming into a growing buffer
    // goes through zstd's own window buffer, 5-10x slower for a 16 MiB block. A frame claiming more than
    // kTrustedRatio times its bytes takes the stepwise path below.
    const size_t frame_bytes = ZSTD_findFrameCompressedSize(stored.data(), stored.size());
    if (!ZSTD_isError(frame_bytes) && frame_bytes != stored.size()) {
      return Status{ErrorCode::decompress_failed,
                    "section " + tag_name(section.tag) + at(section.offset) + ": bytes follow the zstd frame"};
    }
    // A recycled buffer (the block the cache just evicted) is inflated over as it is: resizing from empty would
    // zero-fill all of it first, a fifth of a payload-heavy analysis' time. Blocks differ in size (a block ends
    // where a record does), so one of another size is resized in place: a smaller one zero-fills only its tail.
    if (raw.size() != header.raw_size) {
      if (raw.capacity() < header.raw_size) raw.clear();  // reallocating: nothing worth copying over
      raw.resize(size_t(header.raw_size));
    }
    const size_t made = ZSTD_decompressDCtx(context.get(), raw.data(), raw.size(), stored.data(), stored.size());
    if (ZSTD_isError(made) || made != header.raw_size) {
      const char* why = !ZSTD_isError(made) ? "holds fewer bytes than its header claims"
                        : ZSTD_getErrorCode(made) == ZSTD_error_dstSize_tooSmall ? "inflates past its recorded size"
                        : ZSTD_getErrorCode(made) == ZSTD_error_srcSize_wrong ? "frame ends early, or bytes follow it"
                                                                              : ZSTD_getErrorName(made);
      return Status{ErrorCode::decompress_failed, "section " + tag_name(section.tag) + at(section.offset) + ": " + why};
    }
    if (header.codec == kCodecZstdColumns) AGENTREEL_TRY(unfilter_columns(header.tag, raw));
    return Status::ok();
  }
  raw.clear();
  ZSTD_inBuffer in{stored.data(), stored.size(), 0};
  size_t produced = 0, result = 0;
  while (true) {
    if (produced == raw.size() && raw.size() < header.raw_size) {
      const uint64_t step = std::max<uint64_t>(raw.size(), std::max<uint64_t>(stored.size() * 4, 1 << 16));
      raw.resize(size_t(std::min<uint64_t>(header.raw_size, raw.size() + step)));
    }
    ZSTD_outBuffer out{raw.data(), raw.size(), produced};
    const size_t consumed_before = in.pos, produced_before = produced;
    result = ZSTD_decompressStream(context.get(), &out, &in);
    produced = out.pos;
    if (ZSTD_isError(result)) {
      return Status{ErrorCode::decompress_failed,
                    "section " + tag_name(section.tag) + at(section.offset) + ": " + ZSTD_getErrorName(result)};
    }
    if (result == 0 || (in.pos == consumed_before && produced == produced_before)) break;  // done, or stuck
  }
  if (result != 0 || produced != header.raw_size || in.pos != in.size) {
    const char* why = result != 0
                          ? (produced == header.raw_size ? "inflates past its recorded size" : "frame ends early")
                      : produced != header.raw_size ? "holds fewer bytes than its header claims"
                                                    : "bytes follow the zstd frame";
    return Status{ErrorCode::decompress_failed, "section " + tag_name(section.tag) + at(section.offset) + ": " + why};
  }
  if (header.codec == kCodecZstdColumns) AGENTREEL_TRY(unfilter_columns(header.tag, raw));
  return Status::ok();
}

void RawBlockCache::set_limit(size_t blocks) {
  limit_ = std::max<size_t>(blocks, 1);
  blocks_.clear();
}

void Bundle::set_block_cache_limit(size_t blocks) const { block_cache_.set_limit(blocks); }

Result<const std::string*> Bundle::raw_block(size_t block, RawBlockCache& cache) const {
  for (RawBlockCache::CachedBlock& cached : cache.blocks_) {
    if (cached.block == block) {
      cached.last_use = ++cache.clock_;
      return &cached.bytes;
    }
  }
  const SectionInfo& section = sections_[raw_blocks_[block]];
  // At most limit_ blocks and limit_ x 4 MiB of inflated bytes, so a bundle of 16 MiB blocks holds fewer of
  // them; the newest block is always kept. Evicted first, so the new block inflates into the evicted one's
  // buffer (same size but for the last block: no zero-fill, no fresh pages).
  constexpr uint64_t kBudgetPerBlock = 4ull << 20;
  const uint64_t byte_budget = uint64_t(cache.limit_) * kBudgetPerBlock;
  uint64_t cached_bytes = section.raw_size;
  for (const RawBlockCache::CachedBlock& cached : cache.blocks_) cached_bytes += cached.bytes.size();
  std::string bytes;
  while (!cache.blocks_.empty() && (cache.blocks_.size() >= cache.limit_ || cached_bytes > byte_budget)) {
    auto oldest = std::min_element(cache.blocks_.begin(), cache.blocks_.end(),
                                   [](const auto& a, const auto& b) { return a.last_use < b.last_use; });
    cached_bytes -= oldest->bytes.size();
    if (oldest->bytes.size() == section.raw_size || bytes.empty()) bytes = std::move(oldest->bytes);
    cache.blocks_.erase(oldest);
  }
  AGENTREEL_TRY(load_section_into(section, bytes));
  cache.blocks_.push_back({block, ++cache.clock_, std::move(bytes)});
  return &cache.blocks_.back().bytes;
}

Status Bundle::read_stream(uint64_t offset, uint64_t size, std::string& out) const {
  return read_stream(offset, size, out, block_cache_);
}

Status Bundle::read_stream(uint64_t offset, uint64_t size, std::string& out, RawBlockCache& cache) const {
  const uint64_t stream_size = raw_block_offsets_.back();
  if (offset > stream_size || size > stream_size - offset) {
    return {ErrorCode::invalid_argument, "stream range past the end of the raw stream"};
  }
  auto it = std::upper_bound(raw_block_offsets_.begin(), raw_block_offsets_.end(), offset);
  size_t block = size_t(it - raw_block_offsets_.begin()) - 1;
  while (size) {
    auto bytes = raw_block(block, cache);
    if (!bytes.is_ok()) return bytes.status();
    const uint64_t within = offset - raw_block_offsets_[block];
    const uint64_t take = std::min<uint64_t>(size, bytes.value()->size() - within);
    out.append(*bytes.value(), size_t(within), size_t(take));
    offset += take;
    size -= take;
    ++block;
  }
  return Status::ok();
}

Result<std::optional<std::string>> Bundle::read_section(SectionTag tag) const {
  for (const SectionInfo& section : sections_) {
    if (section.tag != tag) continue;
    auto bytes = load_section(section);
    if (!bytes.is_ok()) return bytes.status();
    return std::optional<std::string>(bytes.take());
  }
  return std::optional<std::string>();
}

Result<std::string> Bundle::read_record(RecordRef ref) const { return read_record(ref, block_cache_); }

Result<std::string> Bundle::read_record(RecordRef ref, RawBlockCache& cache) const {
  std::string out;
  AGENTREEL_TRY(read_stream(ref.offset, ref.length, out, cache));
  return out;
}

Status Bundle::export_input(size_t index, ByteSink& out) const {
  if (index >= trace_.inputs.size()) return {ErrorCode::invalid_argument, "no input " + std::to_string(index)};
  const InputFile& input = trace_.inputs[index];
  StreamingHash hash;
  uint64_t offset = input.stream_offset, left = input.size;
  std::string chunk;
  while (left) {
    chunk.clear();
    const uint64_t take = std::min<uint64_t>(left, kDefaultRawBlockBytes);
    AGENTREEL_TRY(read_stream(offset, take, chunk));
    hash.update(chunk.data(), chunk.size());
    AGENTREEL_TRY(out.write(chunk.data(), chunk.size()));
    offset += take;
    left -= take;
  }
  if (hash.digest() != input.content_hash) {
    return {ErrorCode::checksum_mismatch, "input " + input.path + " does not hash to the value recorded at conversion"};
  }
  return Status::ok();
}

}  // namespace agentreel

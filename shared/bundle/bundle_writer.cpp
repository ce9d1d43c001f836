// Streaming bundle writer (see bundle_writer.h; layout in docs/bundle-format.md).
#include "bundle/bundle_writer.h"

#include <zstd.h>

#include <algorithm>

#include "bundle/column_filter.h"
#include "bundle/section_codec.h"
#include "core/binary_codec.h"
#include "core/hash.h"

namespace agentreel {

struct RawBlockEncoder::State {
  ZSTD_CCtx* context = ZSTD_createCCtx();
  std::string scratch;  // compressBound-sized output, reused so no block pays for zero-filling it
  ~State() { ZSTD_freeCCtx(context); }
};

RawBlockEncoder::RawBlockEncoder() : state_(new State) {}
RawBlockEncoder::~RawBlockEncoder() { delete state_; }

Status RawBlockEncoder::encode(std::string_view raw, const RawBlockParams& params, std::string& stored) {
  ZSTD_CCtx* context = state_->context;
  if (!context) return {ErrorCode::io, "zstd compression of a RAW block failed: out of memory"};
  // Window = the whole block (at least zstd's minimum of 2^10), so a match anywhere earlier in the block
  // is in reach; the frame then records the block size as its window and decoders need no more memory.
  int window_log = 10;
  while (window_log < 26 && (uint64_t(1) << window_log) < raw.size()) ++window_log;
  ZSTD_CCtx_reset(context, ZSTD_reset_session_and_parameters);
  size_t r = ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, params.level);
  if (!ZSTD_isError(r)) r = ZSTD_CCtx_setParameter(context, ZSTD_c_contentSizeFlag, 1);
  if (!ZSTD_isError(r)) r = ZSTD_CCtx_setParameter(context, ZSTD_c_windowLog, window_log);
  if (!ZSTD_isError(r) && params.long_distance) {
    r = ZSTD_CCtx_setParameter(context, ZSTD_c_enableLongDistanceMatching, 1);
    // One long-match candidate every 2^6 positions instead of zstd's 2^7 for an 8 MiB window: 5% smaller
    // on AgentEye logs for about 10% more compression time.
    if (!ZSTD_isError(r)) r = ZSTD_CCtx_setParameter(context, ZSTD_c_ldmHashRateLog, 6);
  }
  if (!ZSTD_isError(r)) {
    const size_t bound = ZSTD_compressBound(raw.size());
    if (state_->scratch.size() < bound) state_->scratch.resize(bound);
    r = ZSTD_compress2(context, state_->scratch.data(), state_->scratch.size(), raw.data(), raw.size());
  }
  if (ZSTD_isError(r))
    return {ErrorCode::io, std::string("zstd compression of a RAW block failed: ") + ZSTD_getErrorName(r)};
  stored.assign(state_->scratch.data(), r);
  return Status::ok();
}

struct BundleWriter::Compressor {
  ZSTD_CCtx* context = ZSTD_createCCtx();
  RawBlockEncoder raw;  // inline RAW compression (no block_compressor)
  ~Compressor() { ZSTD_freeCCtx(context); }
};

BundleWriter::BundleWriter(ByteSink& sink, BundleWriterOptions options)
    : sink_(sink), options_(std::move(options)), compressor_(new Compressor) {
  if (options_.raw_block_bytes == 0 || options_.raw_block_bytes > kMaxRawBlockBytes) {
    options_.raw_block_bytes = kDefaultRawBlockBytes;
  }
  // zstd's "ultra" levels (20-22) size windows up to 128 MiB, past what readers accept (kMaxFrameWindowBytes).
  options_.index_level = std::min(options_.index_level, 19);
}

BundleWriter::~BundleWriter() { delete compressor_; }

Status BundleWriter::put(const void* data, size_t size) {
  AGENTREEL_TRY(sink_.write(data, size));
  written_ += size;
  return Status::ok();
}

Status BundleWriter::write_header() {
  BinaryWriter out;
  out.raw(kBundleMagic.data(), kBundleMagic.size());
  out.u16(kFormatMajor);
  out.u16(options_.format_minor);
  out.u32(0);
  header_written_ = true;
  return put(out.bytes.data(), out.bytes.size());
}

// Index sections with fixed-width columns go through the column filter (codec 2), which also makes them
// critical so that a 1.0 reader refuses them instead of decoding filtered bytes.
Status BundleWriter::write_section(SectionTag tag, uint16_t flags, std::string content, int level) {
  uint16_t codec = kCodecZstd;
  if (has_column_filter(tag)) {
    AGENTREEL_TRY(filter_columns(tag, content));
    codec = kCodecZstdColumns;
    if (tag != kTagTexts) flags |= kSectionCritical;
  }
  std::string stored(ZSTD_compressBound(content.size()), '\0');
  const size_t compressed =
      ZSTD_compressCCtx(compressor_->context, stored.data(), stored.size(), content.data(), content.size(), level);
  if (ZSTD_isError(compressed)) {
    return {ErrorCode::io,
            "zstd compression of section " + tag_name(tag) + " failed: " + ZSTD_getErrorName(compressed)};
  }
  stored.resize(compressed);
  return write_stored_section(tag, codec, flags, stored, content.size());
}

Status BundleWriter::write_stored_section(SectionTag tag, uint16_t codec, uint16_t flags, const std::string& stored,
                                          uint64_t raw_size) {
  if (!header_written_) AGENTREEL_TRY(write_header());
  SectionHeader header{tag, codec, flags, stored.size(), raw_size, xxh64(stored.data(), stored.size())};
  BinaryWriter out;
  out.u32(header.tag);
  out.u16(header.codec);
  out.u16(header.flags);
  out.u64(header.stored_size);
  out.u64(header.raw_size);
  out.u64(header.checksum);
  out.u64(xxh64(out.bytes.data(), out.bytes.size()));
  toc_.push_back({header, written_});
  AGENTREEL_TRY(put(out.bytes.data(), out.bytes.size()));
  return put(stored.data(), stored.size());
}

// Writes the blocks the compressor has finished, in stream order: all of them when `wait_all`, otherwise
// those already done (waiting only while the compressor is at capacity, which bounds memory).
Status BundleWriter::drain_blocks(bool wait_all) {
  BlockCompressor* pool = options_.block_compressor;
  if (!pool) return Status::ok();
  BlockCompressor::Block block;
  while (in_flight_ > 0) {
    const bool wait = wait_all || in_flight_ >= pool->capacity();
    if (!pool->next(block, wait)) break;
    --in_flight_;
    AGENTREEL_TRY(block.status);
    AGENTREEL_TRY(write_stored_section(kTagRaw, kCodecZstd, kSectionCritical, block.stored, block.raw_size));
  }
  return Status::ok();
}

Status BundleWriter::flush_block() {
  if (pending_.empty()) return Status::ok();
  if (BlockCompressor* pool = options_.block_compressor) {
    std::string block = pool->spare_buffer();
    block.clear();
    block.reserve(size_t(options_.raw_block_bytes));
    block.swap(pending_);
    pool->submit(std::move(block), raw_params());
    ++in_flight_;
    return drain_blocks(false);
  }
  std::string stored;
  AGENTREEL_TRY(compressor_->raw.encode(pending_, raw_params(), stored));
  AGENTREEL_TRY(write_stored_section(kTagRaw, kCodecZstd, kSectionCritical, stored, pending_.size()));
  pending_.clear();
  return Status::ok();
}

Status BundleWriter::append_raw(const void* data, size_t size) {
  const char* bytes = static_cast<const char*>(data);
  raw_total_ += size;
  while (size) {
    const size_t room = size_t(options_.raw_block_bytes) - pending_.size();
    const size_t take = size < room ? size : room;
    pending_.append(bytes, take);
    bytes += take;
    size -= take;
    if (pending_.size() == options_.raw_block_bytes) AGENTREEL_TRY(flush_block());
  }
  return Status::ok();
}

Status BundleWriter::finish_raw() { return flush_block(); }

Status BundleWriter::write_blocks() {
  written_block_starts_.clear();
  AGENTREEL_TRY(flush_block());
  return drain_blocks(true);
}

Status BundleWriter::read_written_stream(uint64_t offset, uint64_t size, std::string& out) {
  // RAW blocks are the first toc_ entries, in stream order (their starts computed once, with an end sentinel).
  if (written_block_starts_.empty()) {
    written_block_starts_.push_back(0);
    for (const TocEntry& entry : toc_) {
      if (entry.header.tag != kTagRaw) break;
      written_block_starts_.push_back(written_block_starts_.back() + entry.header.raw_size);
    }
  }
  const uint64_t end = written_block_starts_.back();
  if (offset > end || size > end - offset) {
    return {ErrorCode::invalid_argument, "stream range past the RAW blocks written"};
  }
  auto it = std::upper_bound(written_block_starts_.begin(), written_block_starts_.end(), offset);
  size_t block = size_t(it - written_block_starts_.begin()) - 1;
  while (size) {
    auto cached = std::find_if(written_cache_.begin(), written_cache_.end(),
                               [&](const WrittenBlock& b) { return b.block == block; });
    if (cached == written_cache_.end()) {
      const TocEntry& entry = toc_[block];
      std::string stored(size_t(entry.header.stored_size), '\0');
      AGENTREEL_TRY(sink_.read_back(entry.offset + kSectionHeaderSize, stored.size(), stored.data()));
      WrittenBlock inflated{block, {}};
      if (written_cache_.size() >= 4) {
        inflated.bytes = std::move(written_cache_.front().bytes);
        written_cache_.erase(written_cache_.begin());
      }
      inflated.bytes.resize(size_t(entry.header.raw_size));
      const size_t made = ZSTD_decompress(inflated.bytes.data(), inflated.bytes.size(), stored.data(), stored.size());
      if (ZSTD_isError(made) || made != entry.header.raw_size) {
        return {ErrorCode::io, "RAW block " + std::to_string(block) + " read back from the output does not inflate"};
      }
      written_cache_.push_back(std::move(inflated));
      cached = written_cache_.end() - 1;
    }
    const uint64_t within = offset - written_block_starts_[block];
    const uint64_t take = std::min<uint64_t>(size, cached->bytes.size() - within);
    out.append(cached->bytes, size_t(within), size_t(take));
    offset += take;
    size -= take;
    ++block;
  }
  return Status::ok();
}

Status BundleWriter::write_find_index_segment(const std::string& content) {
  needed_minor_ = std::max(needed_minor_, kFormatMinorFindIndex);
  return write_stored_section(kTagFindIndex, kCodecNone, 0, content, content.size());
}

Status BundleWriter::finish(const Trace& trace) {
  AGENTREEL_TRY(flush_block());
  // All RAW blocks are written before the index is encoded, so the blocks' buffers are free by then. Encoding
  // the index sections side by side during the last blocks' compression took 0.24 s off the tail of a 1 GB
  // AgentEye conversion but raised its peak RSS by 35 MB (docs/benchmarks.md), so they are encoded here.
  AGENTREEL_TRY(drain_blocks(true));
  MetaSection meta{trace.spans.size(),      trace.sessions.size(), trace.inputs.size(),      trace.strings.size(),
                   trace.attributes.size(), trace.skipped.size(),  options_.raw_block_bytes, options_.producer};
  const int level = options_.index_level;
  AGENTREEL_TRY(write_section(kTagMeta, kSectionCritical, encode_meta(meta), level));
  AGENTREEL_TRY(write_section(kTagStrings, kSectionCritical, encode_strings(trace.strings), level));
  AGENTREEL_TRY(write_section(kTagInputs, kSectionCritical, encode_inputs(trace.inputs), level));
  AGENTREEL_TRY(write_section(kTagSessions, kSectionCritical, encode_sessions(trace.sessions), level));
  AGENTREEL_TRY(write_section(kTagSpans, kSectionCritical, encode_spans(trace.spans), level));
  AGENTREEL_TRY(write_section(kTagRecords, kSectionCritical, encode_records(trace.spans), level));
  AGENTREEL_TRY(write_section(kTagAttributes, 0, encode_attributes(trace.attributes), level));
  AGENTREEL_TRY(write_section(kTagSkipped, 0, encode_skipped(trace.skipped), level));
  if (!trace.texts.empty() && options_.format_minor >= kFormatMinorTexts) {
    AGENTREEL_TRY(write_section(kTagTexts, 0, encode_texts(trace.texts), level));
  }
  for (ExtraSection& extra : extra_sections_) {
    AGENTREEL_TRY(write_section(extra.tag, 0, std::move(extra.content), level));
  }
  extra_sections_.clear();

  // Table of contents: stored uncompressed so a reader can check it before trusting any length.
  BinaryWriter toc;
  toc.u32(uint32_t(toc_.size()));
  for (const TocEntry& entry : toc_) {
    toc.u32(entry.header.tag);
    toc.u16(entry.header.codec);
    toc.u16(entry.header.flags);
    toc.u64(entry.offset);
    toc.u64(entry.header.stored_size);
    toc.u64(entry.header.raw_size);
    toc.u64(entry.header.checksum);
  }
  written_cache_.clear();
  if (needed_minor_ > options_.format_minor) {
    BinaryWriter minor;
    minor.u16(needed_minor_);
    AGENTREEL_TRY(sink_.rewrite(10, minor.bytes.data(), minor.bytes.size()));
  }
  const uint64_t toc_offset = written_;
  BinaryWriter header;
  header.u32(kTagToc);
  header.u16(kCodecNone);
  header.u16(kSectionCritical);
  header.u64(toc.bytes.size());
  header.u64(toc.bytes.size());
  header.u64(xxh64(toc.bytes.data(), toc.bytes.size()));
  header.u64(xxh64(header.bytes.data(), header.bytes.size()));
  AGENTREEL_TRY(put(header.bytes.data(), header.bytes.size()));
  AGENTREEL_TRY(put(toc.bytes.data(), toc.bytes.size()));

  BinaryWriter trailer;
  trailer.u64(toc_offset);
  trailer.u64(written_ + kTrailerSize);
  trailer.u64(xxh64(trailer.bytes.data(), trailer.bytes.size()));
  trailer.raw(kTrailerMagic.data(), kTrailerMagic.size());
  return put(trailer.bytes.data(), trailer.bytes.size());
}

}  // namespace agentreel

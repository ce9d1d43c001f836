// Writes a bundle as a stream: the file header, then raw input bytes in compressed blocks as they
// arrive (memory stays flat whatever the input size), then the index sections, the table of
// contents and the trailer once the Trace is built.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bundle/bundle_format.h"
#include "core/byte_io.h"
#include "core/status.h"
#include "model/trace.h"

namespace agentreel {

// How RAW blocks are compressed. The window always covers the whole block; long-distance matching finds
// the repeats a fast level's hash tables miss (a prompt or file content seen megabytes earlier).
struct RawBlockParams {
  int level = 3;
  bool long_distance = true;
};

// Compresses one RAW block into one zstd frame with its content size (reusable; one per thread).
class RawBlockEncoder {
 public:
  RawBlockEncoder();
  ~RawBlockEncoder();
  RawBlockEncoder(const RawBlockEncoder&) = delete;
  RawBlockEncoder& operator=(const RawBlockEncoder&) = delete;
  Status encode(std::string_view raw, const RawBlockParams& params, std::string& stored);

 private:
  struct State;
  State* state_;
};

// Compresses RAW blocks on the writer's behalf, e.g. on a thread pool supplied by the CLI (shared/ has no
// threads). Each stored block must be one zstd frame with the content size in its header, as the format
// requires. The writer bounds how many blocks are in flight, so memory stays flat.
class BlockCompressor {
 public:
  struct Block {
    uint64_t raw_size = 0;
    std::string stored;  // the zstd frame
    Status status;
  };
  virtual ~BlockCompressor() = default;
  // Queues `raw` for compression with `params` (RawBlockEncoder gives the reference result); must not block.
  virtual void submit(std::string raw, const RawBlockParams& params) = 0;
  // The oldest queued block, in submission order. Blocks until it is done when `wait`; otherwise returns
  // false if it is not done yet. Returns false when nothing is queued.
  virtual bool next(Block& out, bool wait) = 0;
  // How many blocks may be queued and unfinished at once.
  virtual size_t capacity() const = 0;
  // A finished block's raw buffer to fill next (its capacity kept, so big blocks do not fault in fresh
  // pages every time), or an empty string.
  virtual std::string spare_buffer() { return {}; }
};

struct BundleWriterOptions {
  uint64_t raw_block_bytes = kDefaultRawBlockBytes;  // the CLI passes 8 MiB (--block-mib)
  int raw_level = 3;                                 // zstd level of payload blocks
  bool raw_long_distance = true;                     // zstd long-distance matching inside each payload block
  int index_level = 3;  // zstd level of index sections (9 is 4% smaller on them and 3x slower)
  std::string producer = "agentreel";
  BlockCompressor* block_compressor = nullptr;  // not owned; null = compress RAW blocks inline
  uint16_t format_minor = kFormatMinor;         // 1 writes a 1.1 bundle: no TEXT section (nor RDCT)
};

class BundleWriter {
 public:
  BundleWriter(ByteSink& sink, BundleWriterOptions options = {});
  ~BundleWriter();
  BundleWriter(const BundleWriter&) = delete;
  BundleWriter& operator=(const BundleWriter&) = delete;

  // Appends bytes to the raw stream (all inputs back to back).
  Status append_raw(const void* data, size_t size);
  uint64_t raw_stream_size() const { return raw_total_; }
  // Hands the last, partial block to the compressor; call when no raw bytes will follow, so that block
  // compresses while the caller builds the Trace. finish() does it too.
  Status finish_raw();
  // Flushes the last block and writes index, table of contents and trailer. Call once.
  Status finish(const Trace& trace);
  // Writes every RAW block still pending or in flight, so that read_written_stream can read all of them back.
  Status write_blocks();
  // Appends raw-stream bytes [offset, offset + size) to `out`, inflated from the RAW blocks already written
  // (write_blocks), read back through the sink.
  Status read_written_stream(uint64_t offset, uint64_t size, std::string& out);
  // Writes one find index segment (FIDX, codec 0, not critical) now, after the RAW blocks; the header then
  // says format 1.3 (rewritten through the sink by finish()).
  Status write_find_index_segment(const std::string& content);
  // A non-critical section `finish` writes after the index sections (codec 1), for additions such as the
  // redaction manifest (RDCT) that readers which do not know them skip. Call before finish().
  void add_section(SectionTag tag, std::string content) { extra_sections_.push_back({tag, std::move(content)}); }
  uint64_t bytes_written() const { return written_; }

 private:
  Status write_header();
  Status flush_block();
  Status write_section(SectionTag tag, uint16_t flags, std::string content, int level);
  Status write_stored_section(SectionTag tag, uint16_t codec, uint16_t flags, const std::string& stored,
                              uint64_t raw_size);
  Status drain_blocks(bool wait_all);
  RawBlockParams raw_params() const { return {options_.raw_level, options_.raw_long_distance}; }
  Status put(const void* data, size_t size);

  ByteSink& sink_;
  BundleWriterOptions options_;
  struct Compressor;
  Compressor* compressor_;
  bool header_written_ = false;
  uint64_t written_ = 0;
  uint64_t raw_total_ = 0;
  std::string pending_;   // raw bytes of the block being filled
  size_t in_flight_ = 0;  // blocks handed to options_.block_compressor and not yet written
  struct TocEntry {
    SectionHeader header;
    uint64_t offset;
  };
  std::vector<TocEntry> toc_;
  struct ExtraSection {
    SectionTag tag;
    std::string content;
  };
  std::vector<ExtraSection> extra_sections_;
  uint16_t needed_minor_ = 0;  // the minor version the sections written so far need, when above the options'
  // read_written_stream's inflated blocks, most recent last (records of neighbouring spans share blocks).
  struct WrittenBlock {
    size_t block;
    std::string bytes;
  };
  std::vector<WrittenBlock> written_cache_;
  std::vector<uint64_t> written_block_starts_;  // stream offset of each RAW block written, by toc_ order
};

}  // namespace agentreel

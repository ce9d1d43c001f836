// Opens a bundle: reads the trailer, the table of contents and the index sections (checksummed),
// giving the Trace without touching payload blocks. Payload bytes are decompressed on demand,
// one raw block at a time, so a 1M-span bundle opens without inflating its payloads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bundle/bundle_format.h"
#include "bundle/section_codec.h"
#include "core/byte_io.h"
#include "core/parallel_for.h"
#include "core/status.h"
#include "find/find_index_format.h"
#include "model/trace.h"

namespace agentreel {

struct SectionInfo {
  SectionTag tag{};
  uint16_t codec = 0;        // SectionCodec
  uint16_t flags = 0;        // SectionFlags
  uint64_t offset = 0;       // of the section header in the file
  uint64_t stored_size = 0;  // bytes after the header
  uint64_t raw_size = 0;     // bytes once decompressed
  uint64_t checksum = 0;     // XXH64 of the stored bytes
};

struct VerifyReport {
  uint64_t sections_checked = 0;
  uint64_t blocks_checked = 0;
  uint64_t inputs_checked = 0;
  // One line each: which bytes (section, block, input, span) are not what a writer of the bundle's version
  // wrote, and why. Empty for an intact bundle.
  std::vector<std::string> problems;
  // What could only be checked by checksum: the parts of a newer minor version that this reader does not know.
  std::vector<std::string> notes;
};

// Inflated raw blocks kept for reuse, least recently used evicted first: neighbouring spans, and sessions
// interleaved in one log, keep hitting the same few blocks. A Bundle has one of its own; a thread that reads
// records beside others brings its own (Bundle::read_record(ref, cache)).
class RawBlockCache {
 public:
  explicit RawBlockCache(size_t blocks = 4) { set_limit(blocks); }
  // How many inflated blocks to keep, and at most that many times 4 MiB of inflated bytes (fewer blocks when
  // they are bigger). Empties the cache.
  void set_limit(size_t blocks);

 private:
  friend class Bundle;
  struct CachedBlock {
    size_t block;
    uint64_t last_use;
    std::string bytes;
  };
  std::vector<CachedBlock> blocks_;
  size_t limit_ = 4;
  uint64_t clock_ = 0;
};

class Bundle {
 public:
  // Takes ownership of the source. Fails with a Status naming the bad section on any corruption; with
  // several, the first in the order of docs/bundle-format.md's index sections, parallel or not.
  // With `parallel` (core/parallel_for.h), index sections inflate and decode side by side; the source's
  // read() must then be safe to call from several threads at once.
  static Result<std::unique_ptr<Bundle>> open(std::unique_ptr<ByteSource> source, const ParallelFor& parallel = {});

  const Trace& trace() const { return trace_; }
  uint16_t version_major() const { return version_major_; }
  uint16_t version_minor() const { return version_minor_; }
  const std::vector<SectionInfo>& sections() const { return sections_; }
  uint64_t file_size() const { return source_->size(); }

  // The exact bytes of a record (e.g. a span's begin_record), decompressing only the blocks it touches.
  Result<std::string> read_record(RecordRef ref) const;
  // The same through the caller's cache: safe beside other threads doing the same with their own caches
  // when the source's read() is safe from several threads (as Bundle::open's `parallel` asks).
  Result<std::string> read_record(RecordRef ref, RawBlockCache& cache) const;
  // The decoded content of the first section with this tag, checksum-checked (e.g. the redaction manifest RDCT);
  // an empty optional when the bundle has none.
  Result<std::optional<std::string>> read_section(SectionTag tag) const;
  // The find index (FIDX sections) for find_in_session (FindOptions::index): the sessions it covers and their
  // segments, each read and checksum-checked when a query asks for it. Safe from several threads when the
  // source's read() is (it touches no block cache).
  const FindIndexSource& find_index() const { return find_index_; }
  // Appends raw-stream bytes [offset, offset + size) to out.
  Status read_stream(uint64_t offset, uint64_t size, std::string& out) const;
  Status read_stream(uint64_t offset, uint64_t size, std::string& out, RawBlockCache& cache) const;
  // Writes input `index`'s original bytes to `out`, checking its content hash.
  Status export_input(size_t index, ByteSink& out) const;
  // How many inflated blocks to keep (default 4; a whole-bundle analysis wants more), and at most that many
  // times 4 MiB of inflated bytes (fewer blocks when they are bigger). Empties the cache.
  void set_block_cache_limit(size_t blocks) const;
  // Everything open() checks and more (docs/bundle-format.md, "Verifying a bundle"): every section checksum,
  // every block decompressed, every input re-hashed, and every rule a writer of the bundle's version follows.
  VerifyReport verify() const;

 private:
  explicit Bundle(std::unique_ptr<ByteSource> source) : source_(std::move(source)) {}
  Status load(const ParallelFor& parallel);
  Result<std::string> load_section(const SectionInfo& section) const;
  // The section's stored bytes, after checking its header against the TOC entry and both checksums.
  Status read_stored(const SectionInfo& section, std::string& stored) const;
  // load_section into `raw`, whose buffer is reused as it is when it already has the section's raw size.
  Status load_section_into(const SectionInfo& section, std::string& raw) const;
  Result<const std::string*> raw_block(size_t block, RawBlockCache& cache) const;
  // Which session each FIDX section indexes, from the first bytes of its content (open() reads only those).
  Status route_find_index();
  // verify(): each FIDX section decodes, and holds exactly what the writer builds from its session's records.
  void verify_find_index(VerifyReport& report) const;

  class FindIndexSections final : public FindIndexSource {
   public:
    explicit FindIndexSections(const Bundle& bundle) : bundle_(bundle) {}
    size_t segment_count(uint32_t session) const override {
      return session < by_session.size() ? by_session[session].size() : 0;
    }
    Status read_segment(uint32_t session, size_t i, std::string& out) const override;
    std::vector<std::vector<size_t>> by_session;  // indices into sections_, in file order

   private:
    const Bundle& bundle_;
  };
  FindIndexSections find_index_{*this};

  std::unique_ptr<ByteSource> source_;
  uint16_t version_major_ = 0;
  uint16_t version_minor_ = 0;
  uint32_t reserved_ = 0;   // file header bytes 12..15: written 0, ignored by reading, reported by verify
  uint16_t toc_flags_ = 0;  // the TOC's: critical, other bits reported by verify
  std::vector<SectionInfo> sections_;
  std::vector<size_t> skipped_sections_;  // indices into sections_ not decoded: unknown tag or codec
  MetaSection meta_;
  UnknownSpanValues unknown_span_values_;    // kinds and statuses read as their fallback (model/span.h)
  std::vector<size_t> raw_blocks_;           // indices into sections_, in stream order
  std::vector<uint64_t> raw_block_offsets_;  // stream offset where each block starts (+ end sentinel)
  Trace trace_;
  mutable RawBlockCache block_cache_;  // read_record and read_stream without a cache of the caller's
};

}  // namespace agentreel

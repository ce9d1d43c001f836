// A bundle opened from bytes the platform hands over, plus the UI data derived from it once (SpanLayout).
// Opening never aborts: every failure becomes a Status with a message for the UI. No ImGui here.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "app/rail/span_layout.h"
#include "bundle/bundle_reader.h"
#include "core/byte_io.h"
#include "core/status.h"

namespace agentreel::viewer {

class Document {
 public:
  // `name` is what the UI calls the file (its base name, or "embedded bundle").
  static Result<std::unique_ptr<Document>> open(std::unique_ptr<ByteSource> bytes, std::string name,
                                                const ParallelFor& parallel = {});

  const Trace& trace() const { return bundle_->trace(); }
  const Bundle& bundle() const { return *bundle_; }
  const SpanLayout& layout() const { return layout_; }
  const std::string& name() const { return name_; }
  uint64_t file_size() const { return bundle_->file_size(); }
  uint32_t error_span_count() const { return error_spans_; }
  // A record's bytes (Bundle::read_record) under a lock: the bundle's block cache is not thread-safe, and a
  // big session's diagnosis may read records on a worker thread while the details panel reads on the UI's.
  Result<std::string> read_record(RecordRef ref) const {
    std::lock_guard<std::mutex> lock(records_mutex_);
    Result<std::string> record = bundle_->read_record(ref);
    if (record.is_ok()) note_glyphs(record.value());
    return record;
  }
  // Bytes of the raw stream (Bundle::read_stream), under the same lock.
  Status read_stream(uint64_t offset, uint64_t size, std::string& out) const {
    std::lock_guard<std::mutex> lock(records_mutex_);
    const size_t before = out.size();
    Status status = bundle_->read_stream(offset, size, out);
    note_glyphs(std::string_view(out).substr(std::min(before, out.size())));
    return status;
  }

 private:
  Document() = default;
  // Every text the UI may draw passes here, so the font atlas gets glyphs for it (app/fonts/fallback_fonts.h).
  static void note_glyphs(std::string_view text);
  std::unique_ptr<Bundle> bundle_;
  SpanLayout layout_;
  std::string name_;
  uint32_t error_spans_ = 0;
  mutable std::mutex records_mutex_;
};

}  // namespace agentreel::viewer

// The texts the conversation view shows, read once: a span's facts (prompt, reply, a call's summary and
// output) resolved from its records through the document and kept by (span, role, nth); past its byte budget it
// starts over at the next frame. Rows scrolled back into view cost a hash lookup, not a record read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "app/document.h"
#include "model/span_text.h"

namespace agentreel::viewer {

class TextCache {
 public:
  // The `nth` fact of `role` on `span` ("" when it has none or its record cannot be read), at most max_bytes.
  const std::string& text(const Document& doc, uint32_t span, TextRole role, size_t nth = 0,
                          size_t max_bytes = kDefaultMaxBytes);
  // call_summary(), cached.
  const std::string& summary(const Document& doc, uint32_t span);
  // Starts over when past the budget. Call between frames only: references returned earlier die with it.
  void trim();
  void clear();
  size_t bytes() const { return bytes_; }

  static constexpr size_t kDefaultMaxBytes = 256 * 1024;

 private:
  std::unordered_map<uint64_t, std::string> entries_;
  size_t bytes_ = 0;
  size_t budget_ = 32u << 20;
};

// A RecordReader over the document's bundle (its block cache, under the document's lock).
RecordReader document_reader(const Document& doc);

}  // namespace agentreel::viewer

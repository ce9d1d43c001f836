// Redaction of one input stream: bytes fed in chunks come out with every secret replaced by its placeholder
// (placeholder_book.h), and each replacement is recorded for the bundle's redaction manifest. A secret inside
// a base64 payload is replaced inside the decoded text and the quads that carried it re-encoded, so the payload
// stays valid base64. The original bytes are only read.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "secrets/placeholder_book.h"
#include "secrets/secret_stream.h"

namespace agentreel::secrets {

// One replaced secret, in the coordinates of the input it was in.
struct Replacement {
  uint32_t secret = 0;           // placeholder number - 1
  uint64_t original_offset = 0;  // where the replaced bytes were in the original input
  uint32_t original_length = 0;
  uint64_t redacted_offset = 0;  // where the placeholder (or re-encoded quads) is in the redacted input
  uint32_t redacted_length = 0;
  Encoding encoding = Encoding::plain;
};

// Appends to `out` the bytes of `stretch` (which starts at `offset` of the original stream) with `findings`
// (stream offsets, sorted, disjoint, inside the stretch) replaced, numbering them in `book`. `redacted_offset` is
// where `out`'s new bytes start in the redacted stream; each replacement is appended to `replacements`.
void redact_stretch(uint64_t offset, std::string_view stretch, std::span<const Finding> findings, PlaceholderBook& book,
                    uint64_t redacted_offset, std::string& out, std::vector<Replacement>& replacements);

class StreamRedactor {
 public:
  using Output = std::function<Status(std::string_view redacted)>;
  StreamRedactor(const Scanner& scanner, PlaceholderBook& book, Output output);
  // Both return the first error `output` returned; after one, nothing more is written.
  Status feed(std::string_view chunk);
  Status finish();
  const std::vector<Replacement>& replacements() const { return replacements_; }
  uint64_t redacted_size() const { return redacted_size_; }

 private:
  PlaceholderBook& book_;
  Output output_;
  Status status_;
  std::string buffer_;
  uint64_t redacted_size_ = 0;
  std::vector<Replacement> replacements_;
  SecretStream stream_;
};

}  // namespace agentreel::secrets

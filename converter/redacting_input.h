// Redaction on the way into a bundle: one input's bytes go through a StreamRedactor (shared/secrets/redactor.h)
// and only the redacted bytes reach the Converter, so the bundle, its index and its export are of the redacted
// input. Used by `convert --redact`, `redact` and `html --redact`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "convert/converter.h"
#include "secrets/placeholder_book.h"
#include "secrets/redactor.h"

namespace agentreel::cli {

class RedactingInput {
 public:
  // `reader`: as Converter::begin_input's (empty: detect).
  RedactingInput(Converter& converter, const secrets::Scanner& scanner, secrets::PlaceholderBook& book,
                 std::string stored_path, Converter::Origin origin, std::string reader = {});
  Status feed(std::string_view chunk);
  // Flushes the redactor and ends the input in the converter.
  Status finish();
  const std::vector<secrets::Replacement>& replacements() const { return redactor_.replacements(); }

 private:
  static constexpr size_t kHeadBytes = 64 * 1024;  // what format detection reads (cmd_convert.cpp)
  Status deliver(std::string_view redacted);
  Status begin();

  Converter& converter_;
  std::string stored_path_;
  Converter::Origin origin_;
  std::string reader_;
  bool begun_ = false;
  std::string head_;  // redacted bytes held back until the head is complete
  secrets::StreamRedactor redactor_;
};

}  // namespace agentreel::cli

// Standard base64 (RFC 4648 alphabet, padded): the encoding `agentreel html` embeds a bundle in, and the
// decoder the web viewer reads it back with (a 90 MB embedded bundle decodes in wasm in a fraction of the time
// a JavaScript byte loop takes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace agentreel {

std::string base64_encode(std::string_view bytes);

// Decodes base64 text fed in pieces of any length (a quad may straddle two pieces). ASCII whitespace is
// skipped, as HTML may wrap the text; '=' may only end the text. After an error every call fails.
class Base64Decoder {
 public:
  // Writes the bytes of `text` that complete a quad to `out` (room for text.size() / 4 * 3 + 3 bytes)
  // and returns how many; -1 on a character outside the alphabet or data after padding.
  int64_t feed(std::string_view text, uint8_t* out);
  // True when the text ended on a quad boundary (padding included) and nothing was wrong.
  bool finish() const { return !failed_ && pending_ == 0; }
  // Where the first bad character was, counted over all pieces (valid after feed returned -1).
  uint64_t error_offset() const { return error_offset_; }

 private:
  uint32_t quad_ = 0;  // sextets gathered so far, high first
  int pending_ = 0;    // sextets in quad_ (0-3)
  int padding_ = 0;    // '=' seen; any later non-'=' character is an error
  bool failed_ = false;
  uint64_t consumed_ = 0;  // characters fed before this piece
  uint64_t error_offset_ = 0;
};

}  // namespace agentreel

// Base64: what `agentreel html` embeds, and the streaming decoder the web viewer reads it back with.
#include "core/base64.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace agentreel;

namespace {

// Decodes `text` fed in pieces of `piece` characters; nullopt-like: {ok, bytes}.
std::pair<bool, std::string> decode_in_pieces(std::string_view text, size_t piece) {
  Base64Decoder decoder;
  std::string out;
  for (size_t at = 0; at < text.size(); at += piece) {
    const std::string_view part = text.substr(at, piece);
    std::vector<uint8_t> buffer(part.size() / 4 * 3 + 3);
    const int64_t made = decoder.feed(part, buffer.data());
    if (made < 0) return {false, out};
    out.append(reinterpret_cast<const char*>(buffer.data()), size_t(made));
  }
  return {decoder.finish(), out};
}

}  // namespace

TEST_CASE("base64 encodes the RFC 4648 test vectors") {
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foo") == "Zm9v");
  CHECK(base64_encode("foob") == "Zm9vYg==");
  CHECK(base64_encode("fooba") == "Zm9vYmE=");
  CHECK(base64_encode("foobar") == "Zm9vYmFy");
}

TEST_CASE("base64 decodes what it encodes, fed in pieces of any size") {
  std::string bytes;
  uint32_t x = 12345;
  for (int i = 0; i < 1000; ++i) bytes += char((x = x * 1103515245 + 12345) >> 16);
  for (size_t length : {0u, 1u, 2u, 3u, 4u, 5u, 997u, 1000u}) {
    const std::string text = base64_encode(std::string_view(bytes).substr(0, length));
    for (size_t piece : {1u, 2u, 3u, 4u, 5u, 7u, 64u, 4096u}) {
      INFO("length " << length << " piece " << piece);
      const auto [ok, out] = decode_in_pieces(text, piece);
      CHECK(ok);
      CHECK(out == bytes.substr(0, length));
    }
  }
}

TEST_CASE("base64 decoding skips whitespace, as HTML may wrap the text") {
  const auto [ok, out] = decode_in_pieces("Zm9v\nYmE=\r\n", 3);
  CHECK(ok);
  CHECK(out == "fooba");
}

TEST_CASE("base64 decoding refuses bad characters, misplaced padding and cut text, saying where") {
  CHECK_FALSE(decode_in_pieces("Zm9v!mFy", 64).first);
  CHECK_FALSE(decode_in_pieces("Zg==Zm8=", 64).first);  // data after the padded quad
  CHECK_FALSE(decode_in_pieces("Zg===", 64).first);     // a third '='
  CHECK_FALSE(decode_in_pieces("Z===", 64).first);      // '=' in the second place
  CHECK_FALSE(decode_in_pieces("Zm9vYg", 64).first);    // cut inside a quad
  CHECK_FALSE(decode_in_pieces("Zm9vYg=", 64).first);   // padding cut short
  Base64Decoder decoder;
  uint8_t out[16];
  CHECK(decoder.feed("Zm9v", out) == 3);
  CHECK(decoder.feed("Ym\x80y", out) == -1);
  CHECK(decoder.error_offset() == 6);
  CHECK(decoder.feed("Zm9v", out) == -1);  // stays failed
}

// Base64 encoding and streaming decoding (see base64.h).
#include "core/base64.h"

#include <array>

namespace agentreel {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr uint8_t kWhitespace = 0xFE;
constexpr uint8_t kPad = 0xFD;
constexpr uint8_t kBad = 0xFF;
constexpr int kDone = 5;  // Base64Decoder::padding_ once the padded last quad is complete

constexpr std::array<uint8_t, 256> make_sextets() {
  std::array<uint8_t, 256> table{};
  for (auto& v : table) v = kBad;
  for (int i = 0; i < 64; ++i) table[uint8_t(kAlphabet[i])] = uint8_t(i);
  for (char c : {' ', '\t', '\n', '\r', '\f'}) table[uint8_t(c)] = kWhitespace;
  table[uint8_t('=')] = kPad;
  return table;
}
constexpr std::array<uint8_t, 256> kSextets = make_sextets();

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v = uint32_t(uint8_t(bytes[i])) << 16 | uint32_t(uint8_t(bytes[i + 1])) << 8 | uint8_t(bytes[i + 2]);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < bytes.size()) {
    uint32_t v = uint32_t(uint8_t(bytes[i])) << 16;
    if (i + 1 < bytes.size()) v |= uint32_t(uint8_t(bytes[i + 1])) << 8;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

int64_t Base64Decoder::feed(std::string_view text, uint8_t* out) {
  if (failed_) return -1;
  const auto* in = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  uint8_t* const start = out;
  size_t i = 0;
  const auto fail = [&](size_t at) {
    failed_ = true;
    error_offset_ = consumed_ + at;
    return int64_t(-1);
  };
  while (i < n) {
    // Fast path: whole quads of alphabet characters, the bulk of any real input.
    if (pending_ == 0 && padding_ == 0) {
      while (i + 4 <= n) {
        const uint8_t a = kSextets[in[i]], b = kSextets[in[i + 1]], c = kSextets[in[i + 2]], d = kSextets[in[i + 3]];
        if ((a | b | c | d) & 0xC0) break;  // whitespace, padding or a bad character: the slow path below
        const uint32_t v = uint32_t(a) << 18 | uint32_t(b) << 12 | uint32_t(c) << 6 | d;
        out[0] = uint8_t(v >> 16), out[1] = uint8_t(v >> 8), out[2] = uint8_t(v);
        out += 3, i += 4;
      }
      if (i == n) break;
    }
    const uint8_t s = kSextets[in[i]];
    if (s == kWhitespace) {
      ++i;
      continue;
    }
    if (s == kBad) return fail(i);
    if (s == kPad) {
      // '=' fills the third or fourth place of the last quad only.
      if (padding_ == kDone || pending_ + padding_ < 2) return fail(i);
      ++padding_;
      if (pending_ + padding_ == 4) {
        const int bytes = pending_ - 1;  // "xx==" -> 1 byte, "xxx=" -> 2
        const uint32_t v = quad_ << (6 * (4 - pending_));
        out[0] = uint8_t(v >> 16);
        if (bytes == 2) out[1] = uint8_t(v >> 8);
        out += bytes;
        quad_ = 0, pending_ = 0;
        padding_ = kDone;  // anything but whitespace after this is an error
      }
      ++i;
      continue;
    }
    if (padding_ != 0) return fail(i);  // data after '='
    quad_ = quad_ << 6 | s;
    if (++pending_ == 4) {
      out[0] = uint8_t(quad_ >> 16), out[1] = uint8_t(quad_ >> 8), out[2] = uint8_t(quad_);
      out += 3;
      quad_ = 0, pending_ = 0;
    }
    ++i;
  }
  consumed_ += n;
  return int64_t(out - start);
}

}  // namespace agentreel

// Byte classes the detectors test with one table lookup: which bytes may continue a token, a base64 body, a
// hex string. constexpr, so the tables cost nothing at startup and stay in the scanner's cache lines.
#pragma once

#include <array>
#include <cstdint>

namespace agentreel::secrets {

enum ByteClass : uint16_t {
  kUpper = 1 << 0,
  kLower = 1 << 1,
  kDigit = 1 << 2,
  kUnderscore = 1 << 3,
  kDash = 1 << 4,
  kDot = 1 << 5,
  kPlus = 1 << 6,
  kSlash = 1 << 7,
  kEquals = 1 << 8,
  kTilde = 1 << 9,
  kHexLetter = 1 << 10,  // a-f A-F
  kSpace = 1 << 11,      // space and tab (not line breaks)
};

constexpr uint16_t kAlnum = kUpper | kLower | kDigit;
constexpr uint16_t kWord = kAlnum | kUnderscore;               // what may not touch a token's start
constexpr uint16_t kTokenBody = kAlnum | kUnderscore | kDash;  // base64url and most provider key bodies
constexpr uint16_t kBase64Body = kAlnum | kPlus | kSlash;      // standard base64, without padding
constexpr uint16_t kIdentifier = kAlnum | kUnderscore | kDash | kDot;

constexpr std::array<uint16_t, 256> make_byte_classes() {
  std::array<uint16_t, 256> table{};
  for (int c = 'A'; c <= 'Z'; ++c) table[c] |= kUpper;
  for (int c = 'a'; c <= 'z'; ++c) table[c] |= kLower;
  for (int c = '0'; c <= '9'; ++c) table[c] |= kDigit;
  for (int c = 'a'; c <= 'f'; ++c) table[c] |= kHexLetter;
  for (int c = 'A'; c <= 'F'; ++c) table[c] |= kHexLetter;
  table['_'] |= kUnderscore;
  table['-'] |= kDash;
  table['.'] |= kDot;
  table['+'] |= kPlus;
  table['/'] |= kSlash;
  table['='] |= kEquals;
  table['~'] |= kTilde;
  table[' '] |= kSpace;
  table['\t'] |= kSpace;
  return table;
}
inline constexpr std::array<uint16_t, 256> kByteClasses = make_byte_classes();

inline bool in_class(uint8_t byte, uint16_t classes) { return (kByteClasses[byte] & classes) != 0; }
inline bool is_hex(uint8_t byte) { return in_class(byte, kDigit | kHexLetter); }
inline uint8_t ascii_lower(uint8_t byte) { return byte >= 'A' && byte <= 'Z' ? uint8_t(byte + 32) : byte; }

}  // namespace agentreel::secrets

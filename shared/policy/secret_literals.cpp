// find_secret_literals (see secret_literals.h): one pass that stops only at a few trigger bytes, each the rarest
// or most telling byte of its fragments, and compares the neighbours there.
#include "policy/secret_literals.h"

#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace agentreel::policy {
namespace {

struct TriggerTable {
  bool trigger[256] = {};
  constexpr TriggerTable() {
    for (char c : {'J', 'k', '_', 'K', 'z', ':', 'B', '\x0e', '\x1a', '\x1e', '\xed'}) {
      trigger[static_cast<unsigned char>(c)] = true;
    }
  }
};
constexpr TriggerTable kTriggers;

bool before_is(const char* text, size_t at, const char* fragment, size_t length) {
  return at >= length && std::memcmp(text + at - length, fragment, length) == 0;
}
bool after_is(const char* text, size_t size, size_t at, const char* fragment, size_t length) {
  return at + 1 + length <= size && std::memcmp(text + at + 1, fragment, length) == 0;
}

// "authorization" ending just before `at`, ASCII letters in any case (the bearer regex has the i flag).
bool authorization_before(const char* text, size_t at) {
  static const char kWord[] = "authorization";
  constexpr size_t kLength = sizeof(kWord) - 1;
  if (at < kLength) return false;
  for (size_t i = 0; i < kLength; ++i) {
    if ((text[at - kLength + i] | 0x20) != kWord[i]) return false;
  }
  return true;
}

// Index of the first trigger byte at or after `from`, or `size`; 16 bytes per step where SSE2 exists.
size_t next_trigger(const char* text, size_t from, size_t size) {
  size_t i = from;
#if defined(__SSE2__)
  const __m128i triggers[] = {_mm_set1_epi8('J'),    _mm_set1_epi8('k'),    _mm_set1_epi8('_'),   _mm_set1_epi8('K'),
                              _mm_set1_epi8('z'),    _mm_set1_epi8(':'),    _mm_set1_epi8('B'),   _mm_set1_epi8('\x0e'),
                              _mm_set1_epi8('\x1a'), _mm_set1_epi8('\x1e'), _mm_set1_epi8('\xed')};
  for (; i + 16 <= size; i += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + i));
    __m128i hit = _mm_cmpeq_epi8(chunk, triggers[0]);
    for (int t = 1; t < 11; ++t) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(chunk, triggers[t]));
    const int mask = _mm_movemask_epi8(hit);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; i < size; ++i) {
    if (kTriggers.trigger[static_cast<unsigned char>(text[i])]) return i;
  }
  return size;
}

}  // namespace

uint32_t find_secret_literals(std::string_view view) {
  const char* text = view.data();
  const size_t size = view.size();
  uint32_t found = 0;
  for (size_t i = next_trigger(text, 0, size); i < size; i = next_trigger(text, i + 1, size)) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case 'J':
        if (before_is(text, i, "ey", 2)) found |= kLiteralEyJ;
        break;
      case 'k':
        if (before_is(text, i, "s", 1) && i + 1 < size) {
          if (text[i + 1] == '-') found |= kLiteralSkDash;
          if (text[i + 1] == '_') found |= kLiteralSkUnderscore;
        }
        break;
      case '_':
        if (before_is(text, i, "ghp", 3)) found |= kLiteralGhp;
        if (before_is(text, i, "github_pat", 10)) found |= kLiteralGithubPat;
        break;
      case 'K':
        if (before_is(text, i, "A", 1) && after_is(text, size, i, "IA", 2)) found |= kLiteralAkia;
        break;
      case 'z':
        if (before_is(text, i, "AI", 2) && after_is(text, size, i, "a", 1)) found |= kLiteralAiza;
        break;
      case ':':
        if (after_is(text, size, i, "//", 2)) found |= kLiteralScheme;
        if (authorization_before(text, i)) found |= kLiteralAuthorization;
        break;
      case 'B':
        if (before_is(text, i, "-----", 5) && after_is(text, size, i, "EGIN ", 5)) found |= kLiteralPrivateKey;
        break;
      case 0x0e:
      case 0x1a:
      case 0x1e: found |= kLiteralEyJ | kLiteralAuthorization; break;
      case 0xed:
        if (i + 1 < size && static_cast<unsigned char>(text[i + 1]) >= 0xa0)
          found |= kLiteralEyJ | kLiteralAuthorization;
        break;
      default: break;
    }
  }
  return found;
}

uint32_t find_secret_literals_in(const JsonValue& value) {
  switch (value.kind()) {
    case JsonValue::Kind::string: return find_secret_literals(value.as_string());
    case JsonValue::Kind::array: {
      uint32_t found = 0;
      for (const JsonValue& item : value.items()) found |= find_secret_literals_in(item);
      return found;
    }
    case JsonValue::Kind::object: {
      uint32_t found = 0;
      for (const JsonMember& member : value.members()) {
        found |= find_secret_literals(member.key) | find_secret_literals_in(member.value);
      }
      return found;
    }
    default: return 0;  // numbers, booleans and null print no fragment
  }
}

}  // namespace agentreel::policy

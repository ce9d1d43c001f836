// RepeatedCallCounter (see repeated_calls.h). Depends on json_stringify and xxhash.
#include "policy/repeated_calls.h"

#include <xxhash.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "policy/json_stringify.h"

namespace agentreel::policy {
namespace {

size_t decimal_digits(uint32_t value) {
  size_t digits = 1;
  while (value >= 10) {
    value /= 10;
    ++digits;
  }
  return digits;
}

}  // namespace

void append_repeated_call_fingerprint(std::string_view tool_name, const JsonValue& tool_input, std::string& out) {
  out += "{\"tool\":";
  json_quote_append(tool_name, out);
  out += ",\"input\":";
  json_stringify_append(tool_input, out);
  out.push_back('}');
}

size_t json_quoted_utf16_length(std::string_view text) {
  size_t length = 2;
  size_t i = 0;
#if defined(__SSE2__)
  // 16 bytes at a time while they hold no control character and no 0xED: each byte counts 1, a continuation byte
  // 0, a 4-byte lead 2 (its surrogate pair), and '"' or '\\' 2 (escaped).
  const __m128i control_max = _mm_set1_epi8(0x1f);
  const __m128i surrogate_lead = _mm_set1_epi8(static_cast<char>(0xed));
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i top_two = _mm_set1_epi8(static_cast<char>(0xc0));
  const __m128i continuation = _mm_set1_epi8(static_cast<char>(0x80));
  const __m128i four_lead_min = _mm_set1_epi8(static_cast<char>(0xf0));
  const __m128i four_lead_max = _mm_set1_epi8(static_cast<char>(0xf4));
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const __m128i odd = _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(chunk, control_max), control_max),
                                     _mm_cmpeq_epi8(chunk, surrogate_lead));
    if (_mm_movemask_epi8(odd) != 0) break;  // finish byte by byte
    // Each comparison gives 0xff per matching byte; adding up its low bits (psadbw) counts them without POPCNT,
    // which the x86-64 baseline lacks.
    const __m128i ones = _mm_set1_epi8(1);
    const __m128i continuations = _mm_cmpeq_epi8(_mm_and_si128(chunk, top_two), continuation);
    const __m128i escaped = _mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash));
    // 0xf0..0xf4 (unsigned): max(chunk, 0xf0) == chunk and min(chunk, 0xf4) == chunk.
    const __m128i four_leads = _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(chunk, four_lead_min), chunk),
                                             _mm_cmpeq_epi8(_mm_min_epu8(chunk, four_lead_max), chunk));
    const __m128i added = _mm_sad_epu8(_mm_and_si128(_mm_or_si128(escaped, four_leads), ones), _mm_setzero_si128());
    const __m128i removed = _mm_sad_epu8(_mm_and_si128(continuations, ones), _mm_setzero_si128());
    const auto sum = [](__m128i halves) {
      return static_cast<size_t>(_mm_cvtsi128_si32(halves)) + static_cast<size_t>(_mm_extract_epi16(halves, 4));
    };
    length += 16 + sum(added) - sum(removed);
  }
#endif
  for (; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
      length += 2;
    } else if (c < 0x20) {
      length += 6;  // \u00xx
    } else if (c == 0xed && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0xa0) {
      length += 6;  // a lone surrogate, written \udxxx
      i += 2;
    } else if ((c & 0xc0) != 0x80) {
      length += (c >= 0xf0 && c <= 0xf4) ? 2 : 1;  // continuation bytes add nothing
    }
  }
  return length;
}

RepeatedCallCounter::Key RepeatedCallCounter::key_of(std::string_view fingerprint) {
  return {XXH64(fingerprint.data(), fingerprint.size(), 0),
          XXH64(fingerprint.data(), fingerprint.size(), 0x9e3779b97f4a7c15ull)};
}

uint32_t RepeatedCallCounter::count(std::string_view transcript_path, const Key& key) const {
  auto sidecar = sidecars_.find(transcript_path);
  if (sidecar == sidecars_.end()) return 0;
  auto it = sidecar->second.counts.find(key);
  return it == sidecar->second.counts.end() ? 0 : it->second;
}

bool RepeatedCallCounter::record(std::string_view transcript_path, const Key& key, std::string_view fingerprint) {
  auto found = sidecars_.find(transcript_path);
  if (found == sidecars_.end()) found = sidecars_.emplace(std::string(transcript_path), Sidecar()).first;
  Sidecar& sidecar = found->second;
  auto it = sidecar.counts.find(key);
  size_t length = sidecar.serialized_length;
  if (it == sidecar.counts.end()) {
    // A new member: its quoted key, ':', the digit "1", and a ',' unless it is the first.
    length += json_quoted_utf16_length(fingerprint) + 2 + (sidecar.counts.empty() ? 0 : 1);
  } else {
    length += decimal_digits(it->second + 1) - decimal_digits(it->second);
  }
  if (length > kMaxSerializedLength) return false;
  sidecar.serialized_length = length;
  if (it == sidecar.counts.end()) {
    sidecar.counts.emplace(key, 1);
  } else {
    ++it->second;
  }
  return true;
}

size_t RepeatedCallCounter::serialized_length(std::string_view transcript_path) const {
  auto sidecar = sidecars_.find(transcript_path);
  return sidecar == sidecars_.end() ? 2 : sidecar->second.serialized_length;
}

}  // namespace agentreel::policy

// Formats random bits into the three id shapes declared in ids.h.
// No allocation, no global state.
#include "agenteye_gen/ids.h"

namespace agentreel::gen {
namespace {

constexpr std::string_view kHexDigits = "0123456789abcdef";
constexpr std::string_view kBase62Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

void append(Id& id, std::string_view text) {
  for (char c : text) id.text[id.length++] = c;
}

void append_hex(Id& id, uint64_t bits, int digits) {
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) id.text[id.length++] = kHexDigits[(bits >> shift) & 0xF];
}

}  // namespace

Id make_uuid(Rng& rng) {
  const uint64_t high = (rng.next_u64() & ~0xF000ull) | 0x4000ull;                        // version 4
  const uint64_t low = (rng.next_u64() & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // RFC 4122 variant
  Id id;
  append_hex(id, high >> 32, 8);
  append(id, "-");
  append_hex(id, high >> 16, 4);
  append(id, "-");
  append_hex(id, high, 4);
  append(id, "-");
  append_hex(id, low >> 48, 4);
  append(id, "-");
  append_hex(id, low, 12);
  return id;
}

Id make_agent_id(Rng& rng) {
  Id id;
  append(id, "agent-");
  append_hex(id, rng.next_u64(), 4);
  return id;
}

Id make_tool_call_id(Rng& rng) {
  Id id;
  append(id, "toolu_01");
  for (int i = 0; i < 22; ++i) id.text[id.length++] = kBase62Digits[rng.below(kBase62Digits.size())];
  return id;
}

}  // namespace agentreel::gen

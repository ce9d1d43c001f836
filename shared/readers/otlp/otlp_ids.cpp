// OTLP id normalisation (see otlp_ids.h).
#include "readers/otlp/otlp_ids.h"

namespace agentreel {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

bool hex_to_lower(std::string_view text, std::string& out) {
  if (text.empty() || text.size() % 2 != 0) return false;
  out.clear();
  for (char c : text) {
    const int v = hex_value(c);
    if (v < 0) return false;
    out.push_back("0123456789abcdef"[v]);
  }
  return true;
}

bool base64_to_hex(std::string_view text, std::string& out) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.empty() || text.size() % 4 == 1) return false;
  out.clear();
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    const int v = base64_value(c);
    if (v < 0) return false;
    bits = (bits << 6) | uint32_t(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      const uint32_t byte = (bits >> count) & 0xFF;
      out.push_back("0123456789abcdef"[byte >> 4]);
      out.push_back("0123456789abcdef"[byte & 0xF]);
    }
  }
  return true;
}

}  // namespace

std::string normalize_otlp_id(std::string_view text, size_t expected_bytes) {
  std::string out;
  if (text.size() == 2 * expected_bytes && hex_to_lower(text, out)) return out;
  if (base64_to_hex(text, out) && out.size() == 2 * expected_bytes) return out;
  if (hex_to_lower(text, out) && out.size() <= 64) return out;  // a hex id of another width (e.g. 64-bit)
  return {};
}

bool is_zero_otlp_id(std::string_view hex) { return hex.find_first_not_of('0') == std::string_view::npos; }

}  // namespace agentreel

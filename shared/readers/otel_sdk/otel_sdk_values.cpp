// OpenTelemetry SDK span JSON values (see otel_sdk_values.h).
#include "readers/otel_sdk/otel_sdk_values.h"

#include <array>

#include "core/timestamp.h"

namespace agentreel::otel_sdk {
namespace {

constexpr size_t kMaxSmallDigits = 18;  // every integer of this many digits fits an int64

bool is_hex_digit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Calls `visit(begin, end)` for each integer literal of more than kMaxSmallDigits digits outside strings; stops
// when it returns false.
template <typename Visit>
void for_each_big_integer(std::string_view text, Visit&& visit) {
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
      continue;
    }
    if (c != '-' && (c < '0' || c > '9')) continue;
    size_t end = i + (c == '-' ? 1 : 0);
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    const bool fraction = end < text.size() && (text[end] == '.' || text[end] == 'e' || text[end] == 'E');
    const size_t digits = end - i - (c == '-' ? 1 : 0);
    if (!fraction && digits > kMaxSmallDigits && !visit(i, end)) return;
    while (end < text.size() && (text[end] == '.' || text[end] == 'e' || text[end] == 'E' || text[end] == '+' ||
                                 text[end] == '-' || (text[end] >= '0' && text[end] <= '9'))) {
      ++end;
    }
    i = end - 1;
  }
}

}  // namespace

std::string id_hex(std::string_view text, size_t bytes) {
  const size_t width = bytes * 2;
  if (text.starts_with("0x") || text.starts_with("0X")) {
    text.remove_prefix(2);
    if (text.empty() || text.size() > width) return {};
    std::string out(width - text.size(), '0');
    for (const char c : text) {
      if (!is_hex_digit(c)) return {};
      out += char(c >= 'A' && c <= 'F' ? c + 32 : c);
    }
    return out;
  }
  bool decimal = !text.empty();
  for (const char c : text) decimal = decimal && c >= '0' && c <= '9';
  if (!decimal || text.size() == width) {
    // Plain hex (an id of exactly the width, or anything with a letter in it).
    if (text.empty() || text.size() > width) return {};
    std::string out(width - text.size(), '0');
    for (const char c : text) {
      if (!is_hex_digit(c)) return {};
      out += char(c >= 'A' && c <= 'F' ? c + 32 : c);
    }
    return out;
  }
  // Decimal: multiply-add into 32-bit limbs, most significant first.
  std::array<uint32_t, 4> limbs{};
  const size_t used = bytes / 4;
  for (const char c : text) {
    uint64_t carry = uint64_t(c - '0');
    for (size_t k = limbs.size(); k-- > limbs.size() - used;) {
      const uint64_t value = uint64_t(limbs[k]) * 10 + carry;
      limbs[k] = uint32_t(value);
      carry = value >> 32;
    }
    if (carry) return {};  // wider than the id
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t k = limbs.size() - used; k < limbs.size(); ++k) {
    for (int shift = 28; shift >= 0; shift -= 4) out += kHex[(limbs[k] >> shift) & 0xF];
  }
  return out;
}

bool has_big_integers(std::string_view text) {
  bool found = false;
  for_each_big_integer(text, [&](size_t, size_t) {
    found = true;
    return false;
  });
  return found;
}

std::string quote_big_integers(std::string_view text) {
  std::string out;
  size_t copied = 0;
  for_each_big_integer(text, [&](size_t begin, size_t end) {
    out.append(text.substr(copied, begin - copied));
    out += '"';
    out.append(text.substr(begin, end - begin));
    out += '"';
    copied = end;
    return true;
  });
  out.append(text.substr(copied));
  return out;
}

std::optional<int64_t> time_text_ns(std::string_view text) {
  if (auto ns = parse_rfc3339_ns(text)) return ns;
  bool digits = !text.empty() && text.size() <= 19;
  int64_t value = 0;
  for (const char c : text) {
    digits = digits && c >= '0' && c <= '9';
    if (digits) value = value * 10 + (c - '0');
  }
  return digits ? time_number_ns(value) : std::nullopt;
}

std::optional<int64_t> time_number_ns(int64_t value) {
  if (value <= 0) return std::nullopt;
  if (value >= 100'000'000'000'000'000) return value;
  if (value >= 100'000'000'000'000) return value * 1000;
  if (value >= 100'000'000'000) return value * 1'000'000;
  if (value > 9'223'372'036) return std::nullopt;
  return value * 1'000'000'000;
}

}  // namespace agentreel::otel_sdk

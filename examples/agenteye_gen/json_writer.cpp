// JSON escaping (8 bytes at a time, byte table only in words that need it; unescaped runs copied in one
// append) and the comma bookkeeping of JsonWriter. Hot path: every payload byte goes through append_json_escaped.
#include "agenteye_gen/json_writer.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace agentreel::gen {
namespace {

// 0: byte is copied; otherwise the character after the backslash ('u' means a \u00XX escape).
constexpr std::array<char, 256> make_escape_table() {
  std::array<char, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = 'u';
  table['\b'] = 'b';
  table['\f'] = 'f';
  table['\n'] = 'n';
  table['\r'] = 'r';
  table['\t'] = 't';
  table['"'] = '"';
  table['\\'] = '\\';
  return table;
}
constexpr std::array<char, 256> kEscapeTable = make_escape_table();

// True if any of the 8 bytes is a control character, '"' or '\\' (exact yes/no; bytes >= 0x80 never match).
bool word_needs_escape(uint64_t word) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHighBits = 0x8080808080808080ull;
  const uint64_t below_space = (word - kOnes * 0x20) & ~word & kHighBits;
  const uint64_t quotes = word ^ (kOnes * '"');
  const uint64_t backslashes = word ^ (kOnes * '\\');
  const uint64_t has_quote = (quotes - kOnes) & ~quotes & kHighBits;
  const uint64_t has_backslash = (backslashes - kOnes) & ~backslashes & kHighBits;
  return (below_space | has_quote | has_backslash) != 0;
}

}  // namespace

void append_json_escaped(std::string& out, std::string_view text) {
  const char* run_start = text.data();
  const char* cursor = text.data();
  const char* const end = text.data() + text.size();
  auto escape_byte = [&](const char* at) {
    const char escape = kEscapeTable[static_cast<unsigned char>(*at)];
    if (escape == 0) return;
    out.append(run_start, at);
    if (escape == 'u') {
      constexpr std::string_view kHex = "0123456789abcdef";
      const auto byte = static_cast<unsigned char>(*at);
      const char unicode_escape[6] = {'\\', 'u', '0', '0', kHex[byte >> 4], kHex[byte & 0xF]};
      out.append(unicode_escape, 6);
    } else {
      const char short_escape[2] = {'\\', escape};
      out.append(short_escape, 2);
    }
    run_start = at + 1;
  };
  // Most payload text needs no escaping: test 8 bytes at once and look at single bytes only in flagged words.
  for (; end - cursor >= 8; cursor += 8) {
    uint64_t word;
    std::memcpy(&word, cursor, 8);
    if (!word_needs_escape(word)) continue;
    for (int i = 0; i < 8; ++i) escape_byte(cursor + i);
  }
  for (; cursor != end; ++cursor) escape_byte(cursor);
  out.append(run_start, end);
}

void append_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  append_json_escaped(out, text);
  out.push_back('"');
}

void JsonWriter::before_value() {
  if (value_follows_key_) {
    value_follows_key_ = false;
    return;
  }
  if (depth_ > 0 && container_has_items_[depth_]) out_.push_back(',');
  container_has_items_[depth_] = true;
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_.push_back('{');
  container_has_items_[++depth_] = false;
  return *this;
}

JsonWriter& JsonWriter::resume_object() {
  container_has_items_[++depth_] = true;
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  out_.push_back('}');
  --depth_;
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_.push_back('[');
  container_has_items_[++depth_] = false;
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  out_.push_back(']');
  --depth_;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  if (container_has_items_[depth_]) out_.push_back(',');
  container_has_items_[depth_] = true;
  out_.push_back('"');
  out_.append(name);
  out_.append("\":", 2);
  value_follows_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view text) {
  before_value();
  append_json_string(out_, text);
  return *this;
}

JsonWriter& JsonWriter::integer(int64_t value) {
  before_value();
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  out_.append(digits, result.ptr);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  before_value();
  out_.append(value ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_.append("null", 4);
  return *this;
}

JsonWriter& JsonWriter::raw_json(std::string_view json) {
  before_value();
  out_.append(json);
  return *this;
}

}  // namespace agentreel::gen

// Appends JSON text to a std::string: string escaping plus a small writer that places commas and colons.
// It writes, never parses; keys must be plain ASCII needing no escapes (they are all literals here).
// Output is valid JSON as long as the caller balances begin_*/end_* and passes valid UTF-8 text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace agentreel::gen {

// Escapes quotes, backslashes and every control character (U+0000–U+001F); other UTF-8 bytes pass through.
void append_json_escaped(std::string& out, std::string_view text);
void append_json_string(std::string& out, std::string_view text);  // escaped and quoted

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& resume_object();  // continue an object whose '{' and first fields the caller wrote by hand
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& string(std::string_view text);
  JsonWriter& integer(int64_t value);
  JsonWriter& boolean(bool value);
  JsonWriter& null();
  JsonWriter& raw_json(std::string_view json);  // an already-rendered JSON value, copied as is

  // Shorthands for `key(name).value(...)`.
  JsonWriter& field(std::string_view name, std::string_view text) { return key(name).string(text); }
  JsonWriter& field(std::string_view name, const char* text) { return key(name).string(text); }
  JsonWriter& field(std::string_view name, int64_t value) { return key(name).integer(value); }

 private:
  void before_value();

  static constexpr int kMaxDepth = 32;
  std::string& out_;
  bool container_has_items_[kMaxDepth] = {};
  int depth_ = 0;
  bool value_follows_key_ = false;
};

}  // namespace agentreel::gen

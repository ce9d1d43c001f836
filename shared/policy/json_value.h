// An order-preserving JSON value with JavaScript's object semantics: members in the order JSON.parse gives
// them (array-index keys such as "0" or "42" first, ascending; then the other keys in insertion order; a repeated
// key keeps its first place and its last value). Plain data, no parsing or printing here (json_parse.h,
// json_stringify.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agentreel::policy {

struct JsonMember;

class JsonValue {
 public:
  enum class Kind : uint8_t { null, boolean, number, string, array, object };

  JsonValue() = default;  // null
  static JsonValue boolean(bool value);
  static JsonValue number(double value);
  static JsonValue string(std::string value);
  static JsonValue array(std::vector<JsonValue> items = {});
  static JsonValue object(std::vector<JsonMember> members = {});

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::null; }
  bool is_bool() const { return kind_ == Kind::boolean; }
  bool is_number() const { return kind_ == Kind::number; }
  bool is_string() const { return kind_ == Kind::string; }
  bool is_array() const { return kind_ == Kind::array; }
  bool is_object() const { return kind_ == Kind::object; }

  bool as_bool() const { return boolean_; }
  double as_number() const { return number_; }
  const std::string& as_string() const { return text_; }
  const std::vector<JsonValue>& items() const { return items_; }
  std::vector<JsonValue>& items() { return items_; }
  const std::vector<JsonMember>& members() const { return members_; }

  // The member named `key` of an object, or nullptr (also for a non-object).
  const JsonValue* find(std::string_view key) const;
  // The string member `key`, or nullptr when it is absent or not a string.
  const std::string* find_string(std::string_view key) const;

  // Sets member `key` the way a JavaScript assignment does: replaces the value in place when the key exists,
  // otherwise appends (or, for an array-index key, inserts in index order). Requires is_object().
  void set(std::string key, JsonValue value);

  // JavaScript truthiness: false for null, false, 0, NaN and "".
  bool truthy() const;

 private:
  Kind kind_ = Kind::null;
  bool boolean_ = false;
  double number_ = 0;
  std::string text_;
  std::vector<JsonValue> items_;
  std::vector<JsonMember> members_;
};

struct JsonMember {
  std::string key;
  JsonValue value;
};

// A canonical array index ("0", "7", "4294967294"; not "07" or "4294967295"), which JavaScript objects keep
// ahead of every other key, in numeric order. Sets `index` when true.
bool is_array_index_key(std::string_view key, uint32_t& index);

}  // namespace agentreel::policy

// JsonValue (see json_value.h): construction, member lookup and JavaScript's property order.
#include "policy/json_value.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace agentreel::policy {

JsonValue JsonValue::boolean(bool value) {
  JsonValue v;
  v.kind_ = Kind::boolean;
  v.boolean_ = value;
  return v;
}

JsonValue JsonValue::number(double value) {
  JsonValue v;
  v.kind_ = Kind::number;
  v.number_ = value;
  return v;
}

JsonValue JsonValue::string(std::string value) {
  JsonValue v;
  v.kind_ = Kind::string;
  v.text_ = std::move(value);
  return v;
}

JsonValue JsonValue::array(std::vector<JsonValue> items) {
  JsonValue v;
  v.kind_ = Kind::array;
  v.items_ = std::move(items);
  return v;
}

JsonValue JsonValue::object(std::vector<JsonMember> members) {
  JsonValue v;
  v.kind_ = Kind::object;
  std::vector<JsonMember>& out = v.members_;
  out.reserve(members.size());
  // A repeated key keeps its first place and takes the later value (JSON.parse's assignment order). Large objects
  // (hostile input) use a hash index so this stays linear.
  std::unordered_map<std::string, size_t> position;
  const bool use_index = members.size() > 16;
  bool has_index_key = false;
  for (JsonMember& member : members) {
    size_t found = out.size();
    if (use_index) {
      auto [it, inserted] = position.try_emplace(member.key, out.size());
      if (!inserted) found = it->second;
    } else {
      for (size_t i = 0; i < out.size(); ++i) {
        if (out[i].key == member.key) found = i;
      }
    }
    if (found < out.size()) {
      out[found].value = std::move(member.value);
      continue;
    }
    uint32_t index = 0;
    has_index_key = has_index_key || is_array_index_key(member.key, index);
    out.push_back(std::move(member));
  }
  if (has_index_key) {
    std::stable_sort(out.begin(), out.end(), [](const JsonMember& a, const JsonMember& b) {
      uint32_t ia = 0, ib = 0;
      const bool a_index = is_array_index_key(a.key, ia);
      const bool b_index = is_array_index_key(b.key, ib);
      if (a_index != b_index) return a_index;
      return a_index && ia < ib;
    });
  }
  return v;
}

const JsonValue* JsonValue::find(std::string_view key) const {
  if (kind_ != Kind::object) return nullptr;
  for (const JsonMember& member : members_) {
    if (member.key == key) return &member.value;
  }
  return nullptr;
}

const std::string* JsonValue::find_string(std::string_view key) const {
  const JsonValue* value = find(key);
  return value != nullptr && value->is_string() ? &value->as_string() : nullptr;
}

void JsonValue::set(std::string key, JsonValue value) {
  for (JsonMember& member : members_) {
    if (member.key == key) {
      member.value = std::move(value);
      return;
    }
  }
  uint32_t index = 0;
  if (!is_array_index_key(key, index)) {
    members_.push_back({std::move(key), std::move(value)});
    return;
  }
  // Index keys sit before the first non-index key or the first larger index.
  size_t at = 0;
  for (uint32_t other = 0; at < members_.size(); ++at) {
    if (!is_array_index_key(members_[at].key, other) || other > index) break;
  }
  members_.insert(members_.begin() + static_cast<std::ptrdiff_t>(at), {std::move(key), std::move(value)});
}

bool JsonValue::truthy() const {
  switch (kind_) {
    case Kind::null: return false;
    case Kind::boolean: return boolean_;
    case Kind::number: return number_ != 0 && !std::isnan(number_);
    case Kind::string: return !text_.empty();
    default: return true;
  }
}

bool is_array_index_key(std::string_view key, uint32_t& index) {
  if (key.empty() || key.size() > 10 || (key.size() > 1 && key[0] == '0')) return false;
  uint64_t value = 0;
  for (char c : key) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  if (value > 4294967294u) return false;  // 2^32 - 2, the largest array index
  index = static_cast<uint32_t>(value);
  return true;
}

}  // namespace agentreel::policy

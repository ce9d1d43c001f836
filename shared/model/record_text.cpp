// Text facts read back from records (see record_text.h).
#include "model/record_text.h"

#include <cstdint>

#include "core/json_extents.h"
#include "core/json_string.h"
#include "core/text.h"

namespace agentreel {
namespace {

namespace je = json_extents;

// One reference token of a JSON pointer, unescaped ("~1" -> "/", "~0" -> "~").
std::string pointer_token(std::string_view raw) {
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
      out += raw[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += raw[i];
    }
  }
  return out;
}

// A member key as written between its quotes, compared with a pointer token (keys with escapes are decoded).
bool key_matches(std::string_view raw_key, std::string_view token) {
  if (raw_key.find('\\') == std::string_view::npos) return raw_key == token;
  std::string decoded;
  decode_json_string(raw_key, decoded);
  return decoded == token;
}

bool parse_index(std::string_view token, size_t& index) {
  if (token.empty() || token.size() > 9 || (token.size() > 1 && token[0] == '0')) return false;
  index = 0;
  for (const char c : token) {
    if (c < '0' || c > '9') return false;
    index = index * 10 + size_t(c - '0');
  }
  return true;
}

// Appends `piece` to `out` without passing max_bytes; false once full.
bool append_capped(std::string& out, std::string_view piece, size_t max_bytes) {
  if (out.size() >= max_bytes) return false;
  const std::string_view fits = utf8_prefix(piece, max_bytes - out.size());
  out.append(fits);
  return fits.size() == piece.size();
}

void append_value_text(std::string& out, std::string_view json, size_t max_bytes, int depth);

// One element of a content-block array: text, thinking, a tool result's own content, an image.
void append_block_text(std::string& out, std::string_view block, size_t max_bytes, int depth) {
  const size_t start = je::skip_whitespace(block, 0);
  if (start >= block.size() || block[start] != '{') {
    append_value_text(out, block, max_bytes, depth + 1);
    return;
  }
  const std::vector<je::Member> members = je::object_members(block, start);
  const je::Member* type = je::find_member(members, "type");
  std::string type_name;
  if (type && type->value.complete() && type->value.size() >= 2) {
    decode_json_string(block.substr(type->value.begin + 1, type->value.size() - 2), type_name);
  }
  if (type_name == "image" || type_name == "image_url" || type_name == "input_image") {
    append_capped(out, "[image]", max_bytes);
    return;
  }
  for (std::string_view key : {"text", "thinking", "content", "output", "input_text", "output_text"}) {
    const je::Member* m = je::find_member(members, key);
    if (!m || !m->value.complete()) continue;
    append_value_text(out, block.substr(m->value.begin, m->value.size()), max_bytes, depth + 1);
    return;
  }
  append_capped(out, block.substr(start), max_bytes);  // an unknown block: its JSON
}

void append_value_text(std::string& out, std::string_view json, size_t max_bytes, int depth) {
  const size_t start = je::skip_whitespace(json, 0);
  if (start >= json.size()) return;
  json.remove_prefix(start);
  while (!json.empty() && (json.back() == ' ' || json.back() == '\n' || json.back() == '\r' || json.back() == '\t')) {
    json.remove_suffix(1);
  }
  if (json.front() == '"') {
    if (json.size() < 2) return;
    std::string decoded;
    decode_json_string(json.substr(1, json.size() - 2), decoded);
    append_capped(out, decoded, max_bytes);
    return;
  }
  if (json.front() == '[' && depth < 8) {
    bool first = true;
    for (const je::Extent& element : je::array_elements(json, 0)) {
      if (!element.complete() || out.size() >= max_bytes) break;
      if (!first) append_capped(out, "\n\n", max_bytes);
      first = false;
      append_block_text(out, json.substr(element.begin, element.size()), max_bytes, depth);
    }
    return;
  }
  append_capped(out, json, max_bytes);  // number, boolean, null, object: its source
}

}  // namespace

std::optional<std::string_view> record_json_at(std::string_view record, std::string_view pointer) {
  size_t begin = je::skip_whitespace(record, 0);
  size_t end = je::value_end(record, begin);
  if (end == je::kNpos) return std::nullopt;
  while (!pointer.empty()) {
    if (pointer.front() != '/') return std::nullopt;
    pointer.remove_prefix(1);
    const size_t slash = pointer.find('/');
    const std::string token = pointer_token(pointer.substr(0, slash));
    pointer = slash == std::string_view::npos ? std::string_view() : pointer.substr(slash);
    if (begin >= record.size()) return std::nullopt;
    if (record[begin] == '{') {
      const je::Member* found = nullptr;
      const std::vector<je::Member> members = je::object_members(record, begin);
      for (const je::Member& m : members) {
        if (key_matches(m.key, token)) {
          found = &m;
          break;
        }
      }
      if (!found || !found->value.complete()) return std::nullopt;
      begin = found->value.begin;
      end = found->value.end;
    } else if (record[begin] == '[') {
      size_t index = 0;
      if (!parse_index(token, index)) return std::nullopt;
      const std::vector<je::Extent> elements = je::array_elements(record, begin);
      if (index >= elements.size() || !elements[index].complete()) return std::nullopt;
      begin = elements[index].begin;
      end = elements[index].end;
    } else {
      return std::nullopt;
    }
  }
  return record.substr(begin, end - begin);
}

std::string json_value_text(std::string_view json, size_t max_bytes) {
  std::string out;
  append_value_text(out, json, max_bytes, 0);
  return out;
}

std::optional<std::string> record_text_at(std::string_view record, std::string_view pointer, size_t max_bytes) {
  const std::optional<std::string_view> json = record_json_at(record, pointer);
  if (!json) return std::nullopt;
  return json_value_text(*json, max_bytes);
}

}  // namespace agentreel

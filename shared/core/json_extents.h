// Byte extents of JSON values inside a text (so a span's RecordRef can point at the exact bytes of
// one element of a larger document) and a syntax check that locates the first error. Works on a
// truncated text (a sniffer's head): it reports what it saw. Pure functions on string_views; no
// simdjson, no allocation beyond the returned vectors. Used by readers that point records at parts of a larger
// document (swe_agent, openhands) and by record_text, which walks a JSON pointer inside a record.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agentreel::json_extents {

constexpr size_t kNpos = std::string_view::npos;

// [begin, end) in the scanned text; end == kNpos when the text ends inside the value.
struct Extent {
  size_t begin = 0;
  size_t end = kNpos;
  bool complete() const { return end != kNpos; }
  size_t size() const { return end - begin; }
};

struct Member {
  std::string_view key;  // the raw bytes between the key's quotes (escapes are not decoded)
  Extent value;
};

size_t skip_whitespace(std::string_view text, size_t pos);
// One past the end of the value that starts at or after `pos` (leading whitespace skipped). The text
// is assumed to be valid JSON as far as it goes; returns kNpos if it ends first.
size_t value_end(std::string_view text, size_t pos);
// Members of the object whose '{' is at `pos` (after whitespace), in order. Stops early on
// truncation (the last member's value may then be incomplete) or on anything that is not an object.
std::vector<Member> object_members(std::string_view text, size_t pos);
// Elements of the array whose '[' is at `pos` (after whitespace); same truncation rule.
std::vector<Extent> array_elements(std::string_view text, size_t pos);
// The first member with this raw key, or nullptr.
const Member* find_member(const std::vector<Member>& members, std::string_view key);

struct SyntaxError {
  size_t offset = 0;     // byte where the text stops being valid JSON
  std::string expected;  // what was expected there
};
// The first error in `text` read as one JSON document (RFC 8259 grammar, UTF-8 inside strings
// checked), or nullopt when the text is valid.
std::optional<SyntaxError> find_syntax_error(std::string_view text);

// 1-based line number of the byte at `offset`.
uint64_t line_of(std::string_view text, size_t offset);

}  // namespace agentreel::json_extents

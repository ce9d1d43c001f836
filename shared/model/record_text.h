// Reading a text fact back (text_ref.h): the JSON value at a JSON pointer inside a record, as a person reads
// it. Works on the record's raw bytes with core/json_extents (no JSON library, so the viewer, the CLI and the
// analysis share it natively and in wasm); only the path to the value is scanned, not the whole record.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace agentreel {

// The raw JSON source of the value at `pointer` (RFC 6901: "/message/content/0/text", "" = the whole
// record, "~1" and "~0" escapes), or nullopt when the path does not lead to a complete value.
std::optional<std::string_view> record_json_at(std::string_view record, std::string_view pointer);

// The value at `pointer` as text: a string decoded; an array of content blocks ({"type":"text","text":…},
// thinking, tool results, images as "[image]") as the text of each joined by blank lines; a number, boolean
// or null as its source; an object as its JSON source. At most `max_bytes` bytes are produced (cut at a
// UTF-8 character boundary): a preview of a huge output need not decode all of it.
std::optional<std::string> record_text_at(std::string_view record, std::string_view pointer,
                                          size_t max_bytes = SIZE_MAX);

// The same for a JSON value's source text (what record_json_at returned).
std::string json_value_text(std::string_view json, size_t max_bytes = SIZE_MAX);

}  // namespace agentreel

// JSON string literals both ways: appending text as an escaped literal (what every --json output and the
// viewer's state JSON write), and decoding the body of a literal read from a record back to UTF-8 text.
// No dependencies; works on any bytes (invalid UTF-8 is escaped, never passed through).
#pragma once

#include <string>
#include <string_view>

namespace agentreel {

// Appends `text` as a JSON string literal, quotes included. Control characters and bytes that are not valid
// UTF-8 become \u00XX escapes, so the output is always valid JSON.
void append_json_string(std::string& out, std::string_view text);
std::string json_string(std::string_view text);

// Decodes the body of a JSON string literal (the bytes between the quotes) into `out` (appended). \uXXXX
// escapes, surrogate pairs included, become UTF-8; a lone surrogate or a malformed escape becomes U+FFFD and
// decoding goes on. Returns false when anything had to be replaced.
bool decode_json_string(std::string_view body, std::string& out);

}  // namespace agentreel

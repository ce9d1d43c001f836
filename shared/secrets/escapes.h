// Reading secrets where agent logs keep them: inside JSON strings, often JSON inside JSON. A file the agent read
// arrives as "line1\nAPI_KEY=...\n" (escaped newlines), a tool call's arguments as "{\"password\": \"...\"}"
// (escaped quotes, one level deeper). These helpers let detectors see line starts, quotes and boundaries through
// any number of escape levels, and undo the escapes of a value. No dependencies beyond the standard library.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace agentreel::secrets {

// How many backslashes end right before `at`.
size_t backslashes_before(std::string_view text, size_t at);

// A line break at `at`: a real \n or \r, or a backslash run followed by n or r (an escaped newline at any JSON
// level, "\n" or "\\n"). Returns its length in bytes, 0 if there is none.
size_t line_break_at(std::string_view text, size_t at);
// A line break or escaped tab ending right before `at` (so `at` starts a new line or field).
bool line_break_before(std::string_view text, size_t at);

// `at` may start a token: it is the first byte, or the byte before is not a letter, digit or underscore, or it is
// the letter of an escape sequence (the 'n' of "\nsk-ant-..." does not glue the key to a word).
bool token_boundary_before(std::string_view text, size_t at);

// `at` starts a logical line: after optional spaces, a cat -n or Read-tool line number ("  12→", "12\t"), or an
// "export " keyword, there is the start of the text, a line break, or the opening quote of a JSON string.
bool starts_logical_line(std::string_view text, size_t at);

// A quote at `at`, possibly escaped: returns the number of backslashes before it (its JSON nesting level marker:
// 0 for ", 1 for \", 3 for \\\") or -1 when text[at] is not '"'.
int quote_depth_at(std::string_view text, size_t at);

// The value with JSON escapes undone at every level: \" and \\\" become ", \/ becomes /, \uXXXX becomes UTF-8,
// and a run of 2k backslashes before another character becomes k. Used to compare and preview values; the bytes
// in the log are what redaction replaces.
std::string unescape_value(std::string_view raw);

}  // namespace agentreel::secrets

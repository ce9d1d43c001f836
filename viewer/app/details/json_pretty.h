// Re-indents one JSON value (a record's payload) for reading: two-space indent, one member per line.
// Tolerant and linear-time: it re-flows tokens without validating them, and reports input it cannot be sure of.
#pragma once

#include <string>
#include <string_view>

namespace agentreel::viewer {

struct PrettyOptions {
  // Show "\n" escapes inside strings as real line breaks, continued at the string's indentation: multi-line
  // tool output and file contents become readable (the text is then no longer valid JSON).
  bool expand_newlines = false;
};

// Returns false (and leaves `out` empty) when `json` does not start with '{' or '[' or its brackets do not
// balance; the caller then shows the raw text.
bool pretty_print_json(std::string_view json, std::string& out, PrettyOptions options = {});

}  // namespace agentreel::viewer

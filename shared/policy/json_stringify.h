// JSON.stringify and String() as JavaScript computes them: compact output, members in stored order, JavaScript's
// string escapes (\u00xx in lowercase hex for control characters, \udxxx for a lone surrogate, everything else
// literal) and Number.prototype.toString's shortest round-trip digits. The sanitizer policies match regexes
// against this exact text, so every byte matters. No I/O.
#pragma once

#include <string>
#include <string_view>

#include "policy/json_value.h"

namespace agentreel::policy {

// JSON.stringify(value) with no replacer and no indentation; non-finite numbers print as null.
std::string json_stringify(const JsonValue& value);
void json_stringify_append(const JsonValue& value, std::string& out);

// An upper bound of json_stringify(value).size(), computed without building the text (every string byte counted
// as its longest escape): enough to show most payloads are far below failproofai's 1 MiB stdin cap.
size_t json_stringify_size_bound(const JsonValue& value);

// JSON.stringify of a string: the quoted, escaped form.
void json_quote_append(std::string_view text, std::string& out);

// Number.prototype.toString(): "1", "0.1", "1e+21", "1.5e-7", "-0" printed as "0", "NaN", "Infinity".
std::string js_number_to_string(double value);

// String(value): strings as they are, numbers as above, arrays joined with "," (null elements empty), objects as
// "[object Object]".
std::string js_to_string(const JsonValue& value);

}  // namespace agentreel::policy

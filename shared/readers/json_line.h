// Parses one JSON line with simdjson's DOM parser (full validation, UTF-8 included) into a
// reusable padded buffer. Shared by the JSONL readers.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>

namespace agentreel {

class JsonLineParser {
 public:
  // On failure returns the simdjson error; `element` is valid until the next parse.
  simdjson::error_code parse(std::string_view text, simdjson::dom::element& element) {
    padded_.assign(text);
    padded_.append(simdjson::SIMDJSON_PADDING, '\0');
    return parser_.parse(padded_.data(), text.size(), false).get(element);
  }

 private:
  simdjson::dom::parser parser_;
  std::string padded_;
};

// A string field, or empty if absent or not a string.
inline std::string_view string_field(simdjson::dom::object object, std::string_view key) {
  std::string_view value;
  if (object[key].get_string().get(value)) return {};
  return value;
}

}  // namespace agentreel

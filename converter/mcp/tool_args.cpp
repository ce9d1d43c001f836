// Reading a tools/call's arguments (see tool.h) and the list of tools.
#include "mcp/tool.h"

namespace agentreel::mcp {

const std::vector<Tool>& all_tools() {
  static const std::vector<Tool> tools = {kListSessionsTool, kSessionSummaryTool, kFindTool, kSpanRecordsTool,
                                          kAuditTool};
  return tools;
}

bool ToolArgs::lookup(std::string_view key, simdjson::dom::element& value) const {
  simdjson::dom::object object;
  if (!present_ || arguments_.get_object().get(object) != simdjson::SUCCESS) return false;
  if (object.at_key(key).get(value) != simdjson::SUCCESS) return false;
  return value.type() != simdjson::dom::element_type::NULL_VALUE;  // null reads as absent
}

std::string ToolArgs::unknown_argument(std::initializer_list<std::string_view> known) const {
  if (!present_) return {};
  simdjson::dom::object object;
  if (arguments_.get_object().get(object) != simdjson::SUCCESS) return "the arguments must be a JSON object";
  for (auto field : object) {
    bool found = false;
    for (std::string_view k : known) found = found || k == field.key;
    if (found) continue;
    std::string names;
    for (std::string_view k : known) names += (names.empty() ? "" : ", ") + std::string(k);
    return "unknown argument \"" + std::string(field.key) + "\"; this tool takes " +
           (names.empty() ? std::string("none") : names);
  }
  return {};
}

bool ToolArgs::has(std::string_view key) const {
  simdjson::dom::element value;
  return lookup(key, value);
}

std::string ToolArgs::text(std::string_view key, std::string_view fallback) {
  simdjson::dom::element value;
  if (!lookup(key, value)) return std::string(fallback);
  std::string_view text;
  if (value.get(text) == simdjson::SUCCESS) return std::string(text);
  // A number where a string is expected (a session number, "#3" written as 3) reads as its text.
  int64_t number = 0;
  if (value.get(number) == simdjson::SUCCESS) return std::to_string(number);
  if (error_.empty()) error_ = "argument \"" + std::string(key) + "\" must be a string";
  return std::string(fallback);
}

int64_t ToolArgs::integer(std::string_view key, int64_t fallback, int64_t min, int64_t max) {
  simdjson::dom::element value;
  if (!lookup(key, value)) return fallback;
  int64_t number = 0;
  double real = 0;
  if (value.get(number) != simdjson::SUCCESS) {
    if (value.get(real) == simdjson::SUCCESS && real == double(int64_t(real))) {
      number = int64_t(real);  // 20.0 is 20
    } else {
      if (error_.empty()) error_ = "argument \"" + std::string(key) + "\" must be an integer";
      return fallback;
    }
  }
  if (number < min || number > max) {
    if (error_.empty())
      error_ = "argument \"" + std::string(key) + "\" must be from " + std::to_string(min) + " to " +
               std::to_string(max) + " (got " + std::to_string(number) + ")";
    return fallback;
  }
  return number;
}

bool ToolArgs::flag(std::string_view key, bool fallback) {
  simdjson::dom::element value;
  if (!lookup(key, value)) return fallback;
  bool result = false;
  if (value.get(result) == simdjson::SUCCESS) return result;
  if (error_.empty()) error_ = "argument \"" + std::string(key) + "\" must be true or false";
  return fallback;
}

}  // namespace agentreel::mcp

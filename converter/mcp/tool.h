// One MCP tool: its name, description, input JSON schema and the function that answers a call. A call's answer is
// a JSON object (the result's structuredContent, also sent as its text) or an error the model can read and act on
// (isError). Arguments are read through ToolArgs, which names any argument of the wrong type or not in the schema.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace agentreel::mcp {

class ServedRun;

struct ToolResult {
  std::string json;   // ok: the result object as JSON text
  std::string error;  // not empty: the call failed, this says why and what to do
  static ToolResult ok(std::string json) { return {std::move(json), {}}; }
  static ToolResult failure(std::string message) { return {{}, std::move(message)}; }
};

// The `arguments` of a tools/call. Each getter returns the default when the argument is absent, and records the
// first problem (wrong type, out of range) for error().
class ToolArgs {
 public:
  ToolArgs(simdjson::dom::element arguments, bool present) : arguments_(arguments), present_(present) {}

  // The first argument not in `known`, as an error message; "" when all are known.
  std::string unknown_argument(std::initializer_list<std::string_view> known) const;
  bool has(std::string_view key) const;
  std::string text(std::string_view key, std::string_view fallback = {});
  int64_t integer(std::string_view key, int64_t fallback, int64_t min, int64_t max);
  bool flag(std::string_view key, bool fallback);
  const std::string& error() const { return error_; }

 private:
  bool lookup(std::string_view key, simdjson::dom::element& value) const;
  simdjson::dom::element arguments_;
  bool present_ = false;
  std::string error_;
};

struct Tool {
  std::string_view name;
  std::string_view title;
  std::string_view description;
  std::string_view input_schema;  // a JSON Schema object, as JSON text
  ToolResult (*call)(ServedRun& run, ToolArgs& args);
};

// Every tool the server offers, in the order tools/list gives them.
const std::vector<Tool>& all_tools();

// The tools, one file each.
extern const Tool kListSessionsTool;    // tool_list_sessions.cpp
extern const Tool kSessionSummaryTool;  // tool_session_summary.cpp
extern const Tool kFindTool;            // tool_find.cpp
extern const Tool kSpanRecordsTool;     // tool_span_records.cpp
extern const Tool kAuditTool;           // tool_audit.cpp

}  // namespace agentreel::mcp

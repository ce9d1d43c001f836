// Helpers for the policy tests: reading JSONL test data, building hook payloads in Claude Code's key order, and
// running one call through an engine.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "policy/json_parse.h"
#include "policy/json_stringify.h"
#include "policy/policy_engine.h"
#include "test_support.h"

namespace agentreel::policy::test {

// The non-empty lines of a JSONL file under tests/data/, each parsed (a parse failure fails the test).
inline std::vector<JsonValue> read_jsonl(const std::string& relative) {
  const std::string text = agentreel::test::read_file(agentreel::test::data_path(relative));
  REQUIRE(!text.empty());
  std::vector<JsonValue> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line = std::string_view(text).substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    auto parsed = parse_json(line, relative);
    INFO(parsed.status().to_string());
    REQUIRE(parsed.is_ok());
    lines.push_back(parsed.take());
  }
  return lines;
}

inline JsonValue parse_or_fail(std::string_view text) {
  auto parsed = parse_json(text, "test");
  INFO(parsed.status().to_string());
  REQUIRE(parsed.is_ok());
  return parsed.take();
}

// A hook payload in the key order Claude Code sends: session_id, transcript_path, cwd, permission_mode,
// hook_event_name, tool_name, tool_input, tool_response (PostToolUse), tool_use_id. Empty strings and null
// pointers leave a key out.
struct PayloadParts {
  std::string event = "PreToolUse";
  std::string tool_name;
  const JsonValue* tool_input = nullptr;
  const JsonValue* tool_response = nullptr;
  std::string cwd = "/home/u/proj";
  std::string transcript_path = "/home/u/.claude/projects/-home-u-proj/sess-1.jsonl";
  std::string session_id = "sess-1";
};

inline JsonValue claude_payload(const PayloadParts& parts) {
  JsonValue payload = JsonValue::object();
  if (!parts.session_id.empty()) payload.set("session_id", JsonValue::string(parts.session_id));
  if (!parts.transcript_path.empty()) payload.set("transcript_path", JsonValue::string(parts.transcript_path));
  if (!parts.cwd.empty()) payload.set("cwd", JsonValue::string(parts.cwd));
  payload.set("permission_mode", JsonValue::string("default"));
  payload.set("hook_event_name", JsonValue::string(parts.event));
  if (!parts.tool_name.empty()) payload.set("tool_name", JsonValue::string(parts.tool_name));
  if (parts.tool_input != nullptr) payload.set("tool_input", *parts.tool_input);
  if (parts.tool_response != nullptr) payload.set("tool_response", *parts.tool_response);
  if (!parts.tool_name.empty()) payload.set("tool_use_id", JsonValue::string("toolu_01ABC"));
  return payload;
}

// An engine with exactly the named policies and, optionally, a policyParams object.
inline PolicyEngine engine_for(const std::string& names, std::string_view policy_params_json = "{}",
                               EngineOptions options = {}) {
  PolicyConfig config;
  config.policy_params = parse_or_fail(policy_params_json);
  auto engine = PolicyEngine::create(PolicySelection::parse_list(names), config, options);
  INFO(engine.status().to_string());
  REQUIRE(engine.is_ok());
  return engine.take();
}

inline const PolicyOutcome* find_outcome(const Evaluation& evaluation, PolicyId id) {
  for (const PolicyOutcome& outcome : evaluation.outcomes) {
    if (outcome.policy == id) return &outcome;
  }
  return nullptr;
}

}  // namespace agentreel::policy::test

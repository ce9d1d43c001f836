// Every test vector of the failproofai policy spec (section 6: a positive and a negative vector per policy, and
// the extra edge vectors) and the quirks section 2 states, from tests/data/policy/hooks/spec_vectors.jsonl. The
// expected verdicts and reason texts were obtained by running failproofai's own code (see SOURCES.md).
#include <catch2/catch.hpp>
#include <string>

#include "policy/policy_engine.h"
#include "policy_test_support.h"

using namespace agentreel::policy;
using namespace agentreel::policy::test;

namespace {

std::string string_field(const JsonValue& object, std::string_view key, std::string fallback = "") {
  const std::string* value = object.find_string(key);
  return value != nullptr ? *value : fallback;
}

}  // namespace

TEST_CASE("policy spec vectors: each policy alone gives failproofai's verdict and exact reason", "[policy]") {
  const std::vector<JsonValue> vectors = read_jsonl("policy/hooks/spec_vectors.jsonl");
  CHECK(vectors.size() >= 270);
  size_t line = 0;
  for (const JsonValue& vector : vectors) {
    ++line;
    const std::string policy = string_field(vector, "policy");
    const std::string expect = string_field(vector, "expect");
    const std::string reason = string_field(vector, "reason");
    INFO("spec_vectors.jsonl line " << line << ": " << policy << " (" << string_field(vector, "source") << ")");

    const std::optional<PolicyId> id = find_builtin_policy(policy);
    REQUIRE(id);
    std::string params = "{}";
    if (const JsonValue* value = vector.find("params")) params = "{\"" + policy + "\":" + json_stringify(*value) + "}";
    EngineOptions options;
    if (const JsonValue* limit = vector.find("stdin_limit")) options.apply_stdin_limit = limit->as_bool();
    const PolicyEngine engine = engine_for(policy, params, options);

    JsonValue tool_input;
    if (const JsonValue* input = vector.find("tool_input"); input != nullptr && !input->is_null()) tool_input = *input;
    if (const JsonValue* repeat = vector.find("repeat")) {
      std::string text;
      const std::string& piece = *repeat->find_string("text");
      for (int i = 0; i < static_cast<int>(repeat->find("count")->as_number()); ++i) text += piece;
      tool_input.set(*repeat->find_string("field"), JsonValue::string(std::move(text)));
    }
    PayloadParts parts;
    parts.event = string_field(vector, "event", "PreToolUse");
    parts.tool_name = string_field(vector, "tool");
    parts.tool_input = tool_input.is_null() ? nullptr : &tool_input;
    parts.tool_response = vector.find("tool_response");
    parts.cwd = string_field(vector, "cwd", parts.cwd);
    parts.transcript_path = string_field(vector, "transcript_path", parts.transcript_path);
    const JsonValue payload = claude_payload(parts);

    SessionState session;
    session.environment.home = string_field(vector, "home", "/root");
    session.environment.project_dir = string_field(vector, "project_dir");
    RecordedCommands commands;
    if (const JsonValue* recorded = vector.find("commands")) {
      for (const JsonMember& member : recorded->members()) {
        commands.record(member.key, {static_cast<int>(member.value.find("exit")->as_number()),
                                     *member.value.find_string("stdout")});
      }
    }
    HookCall call;
    call.event = parts.event;
    call.payload = &payload;
    call.commands = &commands;
    if (const std::string* branch = vector.find_string("git_branch")) call.git_branch = *branch;

    const JsonValue* history = vector.find("history");
    for (int i = 0; history != nullptr && i < static_cast<int>(history->as_number()); ++i) {
      (void)engine.evaluate(call, session, EvaluationMode::live);
    }
    const Evaluation evaluation = engine.evaluate(call, session, EvaluationMode::what_if);
    const bool discarded = vector.find("payload_discarded") != nullptr;
    CHECK(evaluation.payload_discarded == discarded);

    const PolicyOutcome* outcome = find_outcome(evaluation, *id);
    if (expect == "n/a") {
      CHECK(outcome == nullptr);
      continue;
    }
    REQUIRE(outcome != nullptr);
    CHECK(std::string(verdict_kind_name(outcome->verdict.kind)) == expect);
    if (expect != "not_replayable") CHECK(outcome->shown_reason == reason);

    // With one policy, the live aggregate is that policy's verdict.
    const HookDecision& decision = evaluation.decision;
    if (expect == "deny" || expect == "instruct") {
      CHECK(std::string(decision_name(decision.decision)) == expect);
      CHECK(decision.policy_name == canonical_policy_name(*id));
      CHECK(decision.reason == reason);
    } else {
      CHECK(decision.decision == Decision::allow);
      CHECK(decision.reason == (reason.empty() ? std::optional<std::string>() : reason));
      CHECK(evaluation.live_uncertain == (expect == "not_replayable"));
    }
  }
}

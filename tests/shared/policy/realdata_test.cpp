// failproofai's own decisions on real Claude Code hook calls (tests/data/policy/hooks/realdata_calls.jsonl: 458
// PreToolUse and PostToolUse payloads from real hook logs and transcripts, with the verdicts failproofai's TypeScript
// gave each of its 34 non-Stop policies alone, and the live result of its 11 default policies and of all 34 together,
// response text included). The engine must agree on every one.
#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "policy_test_support.h"

using namespace agentreel::policy;
using namespace agentreel::policy::test;

namespace {

std::optional<std::string> optional_string(const JsonValue* value) {
  if (value == nullptr || value->is_null()) return std::nullopt;
  return value->as_string();
}

struct Replay {
  PolicyEngine engine;
  SessionState session;
};

Evaluation run(Replay& replay, const JsonValue& call) {
  replay.session.environment.project_dir = *call.find_string("project_dir");
  replay.session.environment.home = *call.find_string("home");
  HookCall hook;
  hook.event = *call.find_string("event");
  hook.payload = call.find("payload");
  if (const std::string* branch = call.find_string("git_branch")) hook.git_branch = *branch;
  return replay.engine.evaluate(hook, replay.session, EvaluationMode::live);
}

void check_live(const Evaluation& evaluation, const JsonValue& expected) {
  CHECK(std::string(decision_name(evaluation.decision.decision)) == *expected.find_string("decision"));
  CHECK(evaluation.decision.policy_name == optional_string(expected.find("policyName")).value_or(""));
  std::vector<std::string> names;
  if (const JsonValue* list = expected.find("policyNames"); list != nullptr && list->is_array()) {
    for (const JsonValue& name : list->items()) names.push_back(name.as_string());
  }
  CHECK(evaluation.decision.policy_names == names);
  CHECK(evaluation.decision.reason == optional_string(expected.find("reason")));
  CHECK(evaluation.response.exit_code == static_cast<int>(expected.find("exitCode")->as_number()));
  CHECK(evaluation.response.stdout_text == *expected.find_string("stdout"));
  CHECK(evaluation.response.stderr_text == *expected.find_string("stderr"));
}

}  // namespace

TEST_CASE("policy real data: every verdict failproofai gave on 458 real hook calls", "[policy]") {
  const std::vector<JsonValue> calls = read_jsonl("policy/hooks/realdata_calls.jsonl");
  REQUIRE(calls.size() == 458);

  // One engine per non-Stop policy, fed every call in order (warn-repeated-tool-calls keeps its counts).
  std::map<PolicyId, Replay> alone;
  std::string all_names;
  for (const PolicyInfo& info : policy_catalog()) {
    if (info.events == kStop) continue;
    alone.emplace(info.id, Replay{engine_for(std::string(info.short_name)), {}});
    all_names += std::string(all_names.empty() ? "" : ",") + std::string(info.short_name);
  }
  REQUIRE(alone.size() == 34);
  Replay defaults{engine_for("defaults"), {}};
  Replay all{engine_for(all_names), {}};

  size_t verdicts = 0;
  size_t line = 0;
  for (const JsonValue& call : calls) {
    ++line;
    INFO("realdata_calls.jsonl line " << line << " (" << *call.find_string("source") << ", "
                                      << *call.find_string("event") << ")");
    const JsonValue& expect = *call.find("expect");
    for (auto& [id, replay] : alone) {
      INFO(policy_info(id).short_name);
      const Evaluation evaluation = run(replay, call);
      const JsonValue* expected = expect.find(policy_info(id).short_name);
      if (expected == nullptr) {
        CHECK(evaluation.decision.decision == Decision::allow);
        CHECK_FALSE(evaluation.decision.reason);
        continue;
      }
      ++verdicts;
      CHECK(std::string(decision_name(evaluation.decision.decision)) == expected->items()[0].as_string());
      CHECK(evaluation.decision.reason == optional_string(&expected->items()[1]));
    }
    {
      INFO("the 11 default policies");
      check_live(run(defaults, call), *call.find("defaults"));
    }
    {
      INFO("all 34 non-Stop policies");
      check_live(run(all, call), *call.find("all"));
    }
  }
  CHECK(verdicts == 5);
}

// The engine's evaluation semantics (section 3 of the spec): fixed order, the first deny wins and discards earlier
// instructs, instructs accumulate, what-if evaluates every policy on its own, warn-repeated-tool-calls counts only
// the calls it really sees, the 1 MiB stdin rule, and the handler's own failures.
#include <catch2/catch.hpp>
#include <string>

#include "policy/hook_payload.h"
#include "policy_test_support.h"

using namespace agentreel::policy;
using namespace agentreel::policy::test;

namespace {

JsonValue bash_input(const std::string& command) {
  return parse_or_fail("{\"command\":" + json_stringify(JsonValue::string(command)) + "}");
}

Evaluation run(const PolicyEngine& engine, SessionState& session, const std::string& tool, const JsonValue& input,
               EvaluationMode mode, const std::string& transcript = "/t/s1.jsonl") {
  PayloadParts parts;
  parts.tool_name = tool;
  parts.tool_input = &input;
  parts.transcript_path = transcript;
  const JsonValue payload = claude_payload(parts);
  HookCall call;
  call.event = "PreToolUse";
  call.payload = &payload;
  return engine.evaluate(call, session, mode);
}

std::vector<std::string> outcome_names(const Evaluation& evaluation) {
  std::vector<std::string> names;
  for (const PolicyOutcome& outcome : evaluation.outcomes) {
    names.push_back(std::string(policy_info(outcome.policy).short_name) + ":" +
                    std::string(verdict_kind_name(outcome.verdict.kind)) + (outcome.ran_live ? "" : "(what-if)"));
  }
  return names;
}

}  // namespace

TEST_CASE("policy engine: the first deny in catalog order wins, even over a later policy that would deny too",
          "[policy]") {
  // Spec 3.2: protect-env-vars (#6) comes before block-sudo (#9).
  const PolicyEngine engine = engine_for("warn-background-process,block-sudo,protect-env-vars");
  SessionState session;
  const JsonValue input = bash_input("sudo printenv &");
  const Evaluation live = run(engine, session, "Bash", input, EvaluationMode::live);
  CHECK(live.decision.decision == Decision::deny);
  CHECK(live.decision.policy_name == "failproofai/protect-env-vars");
  CHECK(live.decision.policy_names.empty());
  CHECK(outcome_names(live) == std::vector<std::string>{"protect-env-vars:deny"});

  const Evaluation what_if = run(engine, session, "Bash", input, EvaluationMode::what_if);
  CHECK(what_if.decision.policy_name == "failproofai/protect-env-vars");  // the live result is unchanged
  CHECK(outcome_names(what_if) == std::vector<std::string>{"protect-env-vars:deny", "block-sudo:deny(what-if)",
                                                           "warn-background-process:instruct(what-if)"});
  CHECK(what_if.response.stdout_text == live.response.stdout_text);
}

TEST_CASE("policy engine: a deny discards the instructs gathered before it, instructs alone accumulate", "[policy]") {
  const PolicyEngine engine = engine_for(
      "warn-all-files-staged,block-push-master,warn-git-amend,"
      "warn-background-process");
  SessionState session;
  const Evaluation denied =
      run(engine, session, "Bash", bash_input("git add . && git push origin main"), EvaluationMode::live);
  CHECK(denied.decision.decision == Decision::deny);
  CHECK(denied.decision.policy_name == "failproofai/block-push-master");
  CHECK(denied.decision.reason == "Pushing to main/master is blocked");

  const Evaluation instructed =
      run(engine, session, "Bash", bash_input("git commit --amend --no-edit &"), EvaluationMode::live);
  CHECK(instructed.decision.decision == Decision::instruct);
  CHECK(instructed.decision.policy_name == "failproofai/warn-git-amend");
  CHECK(instructed.decision.policy_names ==
        std::vector<std::string>{"failproofai/warn-git-amend", "failproofai/warn-background-process"});
  const std::string amend =
      "STOP: This command amends the last commit, which rewrites git history. If this commit has already been "
      "pushed to a shared branch, this will cause divergence for other contributors. Confirm with the user before "
      "executing.";
  const std::string background =
      "STOP: This command starts a background or detached process (nohup, screen -d, tmux -d, or trailing &). "
      "Background processes persist after Claude's session and may be difficult to track or stop. Confirm with the "
      "user before executing.";
  CHECK(instructed.decision.reason == amend + "\n" + background);
  CHECK(instructed.response.exit_code == 0);
  CHECK(instructed.response.stdout_text ==
        R"({"hookSpecificOutput":{"hookEventName":"PreToolUse","additionalContext":"Instruction from failproofai: )" +
            amend + "\\n" + background + R"("}})");
}

TEST_CASE("policy engine: policies only see their events and tools", "[policy]") {
  const PolicyEngine engine = engine_for("all");
  CHECK(engine.enabled_policies().size() == kPolicyCount);
  SessionState session;
  const JsonValue edit = parse_or_fail(R"({"file_path":"/home/u/proj/a.ts","old_string":"a","new_string":"b"})");
  const Evaluation evaluation = run(engine, session, "Edit", edit, EvaluationMode::what_if);
  // Edit: only the policies without a tool filter that handle PreToolUse.
  CHECK(outcome_names(evaluation) ==
        std::vector<std::string>{"block-env-files:allow", "warn-repeated-tool-calls:allow"});
  CHECK(evaluation.response.stdout_text.empty());
  CHECK(evaluation.response.exit_code == 0);
}

TEST_CASE("policy engine: the 4th identical call gets the repeated-call instruct, denied calls are not counted",
          "[policy]") {
  const PolicyEngine engine = engine_for("warn-repeated-tool-calls,block-sudo");
  SessionState session;
  const JsonValue read = parse_or_fail(R"({"file_path":"/home/u/proj/a.ts"})");
  for (int call = 1; call <= 3; ++call) {
    CHECK(run(engine, session, "Read", read, EvaluationMode::live).decision.decision == Decision::allow);
  }
  const std::string fingerprint = R"({"tool":"Read","input":{"file_path":"/home/u/proj/a.ts"}})";
  CHECK(session.repeated_calls.count("/t/s1.jsonl", fingerprint) == 3);
  for (int call = 4; call <= 6; ++call) {
    const Evaluation evaluation = run(engine, session, "Read", read, EvaluationMode::live);
    CHECK(evaluation.decision.decision == Decision::instruct);
    REQUIRE(evaluation.decision.reason);
    CHECK(evaluation.decision.reason->find("You have already called Read 3 times") != std::string::npos);
  }
  CHECK(session.repeated_calls.count("/t/s1.jsonl", fingerprint) == 3);  // not incremented past 3
  // Another transcript has its own sidecar; non-consecutive calls still count.
  CHECK(run(engine, session, "Read", read, EvaluationMode::live, "/t/s2.jsonl").decision.decision == Decision::allow);
  CHECK(session.repeated_calls.count("/t/s2.jsonl", fingerprint) == 1);

  // block-sudo (#9) denies before #34 runs, so those calls are never counted, even in what-if mode.
  const JsonValue sudo = bash_input("sudo reboot");
  for (int call = 1; call <= 5; ++call) {
    const Evaluation evaluation = run(engine, session, "Bash", sudo, EvaluationMode::what_if);
    CHECK(evaluation.decision.policy_name == "failproofai/block-sudo");
    REQUIRE(find_outcome(evaluation, PolicyId::warn_repeated_tool_calls) != nullptr);
    CHECK_FALSE(find_outcome(evaluation, PolicyId::warn_repeated_tool_calls)->ran_live);
  }
  CHECK(session.repeated_calls.count("/t/s1.jsonl", R"({"tool":"Bash","input":{"command":"sudo reboot"}})") == 0);
}

TEST_CASE("policy engine: the repeated-call sidecar stops growing past 65,536 UTF-16 characters", "[policy]") {
  RepeatedCallCounter counter;
  // Each fingerprint {"tool":"Bash","input":{"command":"<100 chars>"}} (138 characters) is a key quoted with its 10
  // quotes escaped (+10) and two more around it, then ':' and '1': 152 characters, plus ',' between members
  // (node: JSON.stringify({[fp]: 1}).length is 154 with the braces).
  const auto fingerprint = [](int i) {
    std::string command = std::to_string(i);
    command.resize(100, 'x');
    return R"({"tool":"Bash","input":{"command":")" + command + R"("}})";
  };
  const size_t member = fingerprint(0).size() + 10 + 2 + 2;
  REQUIRE(member == 152);
  size_t expected = 2;
  int kept = 0;
  for (int i = 0; i < 1000; ++i) {
    const size_t next = expected + member + (kept > 0 ? 1 : 0);
    const bool fits = next <= RepeatedCallCounter::kMaxSerializedLength;
    CHECK(counter.record("/t.jsonl", fingerprint(i)) == fits);
    if (fits) {
      expected = next;
      ++kept;
    }
  }
  CHECK(kept == static_cast<int>((65536 - 2 + 1) / (member + 1)));
  CHECK(counter.serialized_length("/t.jsonl") == expected);
  CHECK(counter.count("/t.jsonl", fingerprint(kept)) == 0);  // the first one that did not fit was not saved
  CHECK(counter.record("/t.jsonl", fingerprint(0)));         // an existing key still counts up
  CHECK(counter.count("/t.jsonl", fingerprint(0)) == 2);
}

TEST_CASE("policy engine: a payload over 1 MiB is discarded as live, unparseable stdin is {}, null crashes the handler",
          "[policy]") {
  const PolicyEngine engine = engine_for("block-env-files,sanitize-jwt");
  SessionState session;
  std::string content(kMaxHookStdinBytes, 'a');
  const std::string stdin_text =
      R"({"tool_name":"Read","tool_input":{"file_path":"/p/.env","pad":")" + content + R"("}})";
  const Evaluation big = engine.evaluate_stdin("PreToolUse", stdin_text, session, EvaluationMode::what_if);
  CHECK(big.payload_discarded);
  CHECK(big.decision.decision == Decision::allow);
  const Evaluation small = engine.evaluate_stdin(
      "PreToolUse", R"({"tool_name":"Read","tool_input":{"file_path":"/p/.env"}})", session, EvaluationMode::live);
  CHECK_FALSE(small.payload_discarded);
  CHECK(small.decision.reason == "Access to .env file blocked");
  CHECK(small.response.stdout_text.find("Blocked Read by failproofai because: Access to .env file blocked") !=
        std::string::npos);

  const Evaluation broken =
      engine.evaluate_stdin("PreToolUse", R"({"tool_name":"Read",)", session, EvaluationMode::live);
  CHECK(broken.payload_discarded);
  CHECK(broken.response.stdout_text.empty());
  const Evaluation null_payload = engine.evaluate_stdin("PreToolUse", "null", session, EvaluationMode::live);
  REQUIRE(null_payload.handler_error);
  CHECK(null_payload.response.exit_code == 2);
  CHECK(null_payload.response.stderr_text ==
        "Unexpected error: Cannot read properties of null (reading 'tool_name')\n");

  // A sanitizer searches the stringified payload, so JSON escaping applies: \n is two characters.
  const Evaluation post =
      engine.evaluate_stdin("PostToolUse",
                            R"({"tool_name":"Bash","tool_input":{"command":"cat t"},)"
                            R"("tool_response":"x eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlMTIz"})",
                            session, EvaluationMode::live);
  CHECK(post.decision.policy_name == "failproofai/sanitize-jwt");
  CHECK(post.response.stdout_text ==
        R"({"hookSpecificOutput":{"hookEventName":"PostToolUse","additionalContext":"Blocked Bash by failproofai )"
        R"(because: JWT token detected in tool output, as per the policy configured by the user"}})");
}

TEST_CASE("policy engine: a params value failproofai cannot use fails the policy open, or crashes the handler",
          "[policy]") {
  // allowPatterns as a string: failproofai's allowPatterns.some() throws; the policy is skipped (allow).
  const PolicyEngine odd = engine_for("block-sudo,warn-background-process", R"({"block-sudo":{"allowPatterns":"x"}})");
  SessionState session;
  const Evaluation evaluation = run(odd, session, "Bash", bash_input("sudo make install &"), EvaluationMode::live);
  CHECK(outcome_names(evaluation) == std::vector<std::string>{"block-sudo:failed", "warn-background-process:instruct"});
  CHECK(evaluation.decision.decision == Decision::instruct);
  CHECK(run(odd, session, "Bash", bash_input("ls"), EvaluationMode::live).decision.decision == Decision::allow);

  // The params object itself a string: `"allowPatterns" in "x"` throws in the evaluator, the hook exits 2.
  const PolicyEngine crash = engine_for("block-sudo", R"({"block-sudo":"x"})");
  const Evaluation crashed = run(crash, session, "Bash", bash_input("ls"), EvaluationMode::live);
  REQUIRE(crashed.handler_error);
  CHECK(crashed.response.exit_code == 2);
  CHECK(crashed.response.stdout_text.empty());
  CHECK(crashed.response.stderr_text ==
        "Unexpected error: Cannot use 'in' operator to search for 'allowPatterns' in x\n");
  // Not a candidate for a Read call: no crash.
  CHECK_FALSE(run(crash, session, "Read", parse_or_fail(R"({"file_path":"/a"})"), EvaluationMode::live).handler_error);
}

TEST_CASE("policy engine: the Stop policies run on recorded git and gh answers, or say they cannot be replayed",
          "[policy]") {
  const PolicyEngine engine = engine_for("require-commit-before-stop,require-push-before-stop");
  SessionState session;
  const JsonValue payload = parse_or_fail(R"({"session_id":"s","cwd":"/home/u/proj","hook_event_name":"Stop"})");
  RecordedCommands commands;
  commands.record("git status --porcelain", {0, " M src/a.ts\n"});
  HookCall call;
  call.event = "Stop";
  call.payload = &payload;
  call.commands = &commands;
  call.git_branch = "feat/x";
  const Evaluation dirty = engine.evaluate(call, session, EvaluationMode::what_if);
  CHECK(dirty.decision.decision == Decision::deny);
  CHECK(dirty.response.exit_code == 2);
  CHECK(dirty.response.stderr_text ==
        "MANDATORY ACTION REQUIRED from failproofai (policy: failproofai/require-commit-before-stop): You have "
        "uncommitted changes in the working directory. Commit all changes now.\n\nYou MUST complete the above action "
        "NOW. Do NOT ask the user for confirmation \xe2\x80\x94 execute the required action, then attempt to finish "
        "your task again.");
  REQUIRE(find_outcome(dirty, PolicyId::require_push_before_stop) != nullptr);
  CHECK(find_outcome(dirty, PolicyId::require_push_before_stop)->verdict.kind == VerdictKind::not_replayable);
  CHECK(find_outcome(dirty, PolicyId::require_push_before_stop)->verdict.reason ==
        "no recorded result for `git remote`");

  commands.record("git status --porcelain", {0, ""});
  commands.record("git remote", {0, ""});
  const Evaluation clean = engine.evaluate(call, session, EvaluationMode::live);
  CHECK(clean.decision.decision == Decision::allow);
  CHECK(clean.decision.reason == "All changes are committed.\nNo git remote configured, skipping push check.");
  CHECK(clean.response.stdout_text ==
        R"({"reason":"All changes are committed.\nNo git remote configured, skipping push check."})");
  CHECK(clean.response.stderr_text ==
        "[failproofai] failproofai/require-commit-before-stop: All changes are committed.\n"
        "[failproofai] failproofai/require-push-before-stop: No git remote configured, skipping push check.\n");
  CHECK_FALSE(clean.live_uncertain);
}

TEST_CASE("policy engine: other agent CLIs get their own response shapes", "[policy]") {
  EngineOptions options;
  options.cli = AgentCli::cursor;
  const PolicyEngine cursor = engine_for("block-sudo", "{}", options);
  SessionState session;
  const Evaluation denied = run(cursor, session, "Bash", bash_input("sudo x"), EvaluationMode::live);
  const std::string blocked =
      "Blocked Bash by failproofai because: sudo commands are blocked, as per the policy configured by the user";
  CHECK(denied.response.stdout_text ==
        R"({"permission":"deny","user_message":")" + blocked + R"(","agent_message":")" + blocked + R"("})");
  options.cli = AgentCli::gemini;
  const PolicyEngine gemini = engine_for("block-sudo", "{}", options);
  CHECK(run(gemini, session, "Bash", bash_input("sudo x"), EvaluationMode::live).response.stdout_text ==
        R"({"decision":"deny","reason":")" + blocked + R"("})");
  CHECK(parse_agent_cli("pi") == AgentCli::pi);
  CHECK_FALSE(parse_agent_cli("vim"));
}

TEST_CASE("policy selection: defaults are failproofai's 11, names are canonicalised, unknown names are reported",
          "[policy]") {
  const PolicySelection defaults = PolicySelection::defaults();
  CHECK(defaults.count() == 11);
  for (PolicyId id : {PolicyId::sanitize_jwt, PolicyId::sanitize_bearer_tokens, PolicyId::protect_env_vars,
                      PolicyId::block_env_files, PolicyId::block_sudo, PolicyId::block_curl_pipe_sh,
                      PolicyId::block_failproofai_commands, PolicyId::block_push_master}) {
    CHECK(defaults.contains(id));
  }
  CHECK_FALSE(defaults.contains(PolicyId::block_rm_rf));
  const PolicySelection list = PolicySelection::parse_list(
      "defaults, failproofai/block-rm-rf,warn-git-amend,,"
      "custom/mine,failproofai2/block-sudo");
  CHECK(list.count() == 13);
  CHECK(list.unknown_names == std::vector<std::string>{"custom/mine", "failproofai2/block-sudo"});
  CHECK(PolicySelection::parse_list("all").count() == 39);
  CHECK(canonicalize_policy_name("block-sudo") == "failproofai/block-sudo");
  CHECK(canonicalize_policy_name("myorg/x") == "myorg/x");
  CHECK(find_builtin_policy("failproofai/warn-repeated-tool-calls") == PolicyId::warn_repeated_tool_calls);
}

TEST_CASE("policy engine: a recorded tool call becomes the payload Claude Code sends, in its key order", "[policy]") {
  const JsonValue input = parse_or_fail(R"({"command":"cat .env","description":"Show env"})");
  const JsonValue response = parse_or_fail(R"({"stdout":"A=1","stderr":"","interrupted":false})");
  RecordedHookCall call;
  call.session_id = "s1";
  call.transcript_path = "/home/u/.claude/projects/-home-u-p/s1.jsonl";
  call.cwd = "/home/u/p";
  call.tool_name = "Bash";
  call.tool_input = &input;
  call.tool_use_id = "toolu_1";
  CHECK(json_stringify(claude_hook_payload("PreToolUse", call)) ==
        R"({"session_id":"s1","transcript_path":"/home/u/.claude/projects/-home-u-p/s1.jsonl","cwd":"/home/u/p",)"
        R"("permission_mode":"default","hook_event_name":"PreToolUse","tool_name":"Bash",)"
        R"("tool_input":{"command":"cat .env","description":"Show env"},"tool_use_id":"toolu_1"})");
  call.tool_response = &response;
  const JsonValue post = claude_hook_payload("PostToolUse", call);
  CHECK(json_stringify(post).find(R"("tool_input":{"command":"cat .env","description":"Show env"},)"
                                  R"("tool_response":{"stdout":"A=1","stderr":"","interrupted":false},)"
                                  R"("tool_use_id":"toolu_1"})") != std::string::npos);
  RecordedHookCall stop;
  stop.session_id = "s1";
  stop.cwd = "/home/u/p";
  stop.stop_hook_active = false;
  CHECK(json_stringify(claude_hook_payload("Stop", stop)) ==
        R"({"session_id":"s1","cwd":"/home/u/p","permission_mode":"default","hook_event_name":"Stop",)"
        R"("stop_hook_active":false})");

  // The engine decides the built payload as it decides Claude Code's own.
  const PolicyEngine engine = engine_for("block-env-files");
  SessionState session;
  const JsonValue pre = claude_hook_payload("PreToolUse", call);
  HookCall hook;
  hook.event = "PreToolUse";
  hook.payload = &pre;
  CHECK(engine.evaluate(hook, session, EvaluationMode::live).decision.reason == "Command references .env file");
}

TEST_CASE("policy engine: the sanitizers' screen misses no fragment an escape completes", "[policy]") {
  // JSON.stringify writes U+001E as \u001e and U+001A as \u001a: their last hex digit completes "eyJ" and
  // "authorization:" with the text after it, and failproofai's regexes match across (checked with node).
  const PolicyEngine engine = engine_for("sanitize-jwt,sanitize-bearer-tokens");
  SessionState session;
  const auto post = [&](const std::string& output) {
    JsonValue payload = JsonValue::object();
    payload.set("tool_name", JsonValue::string("Bash"));
    payload.set("tool_input", parse_or_fail(R"({"command":"cat x"})"));
    payload.set("tool_response", JsonValue::string(output));
    HookCall call;
    call.event = "PostToolUse";
    call.payload = &payload;
    return engine.evaluate(call, session, EvaluationMode::what_if);
  };
  CHECK(post("\x1e"
             "yJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlMTIzNDU2")
            .decision.reason == "JWT token detected in tool output");
  CHECK(post("\x1a"
             "uthorization: Bearer abcdefghijklmnopqrstuvwxyz")
            .decision.reason == "Bearer token detected in tool output");
  CHECK(post("yJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlMTIzNDU2").decision.decision ==
        Decision::allow);
  // Korean text (ED 80..9F lead bytes) is not a lone surrogate; it only costs the screen a closer look.
  CHECK(post("\xed\x95\x9c\xea\xb8\x80 text").decision.decision == Decision::allow);
}

// failproofai's configuration (shared/policy/policy_config.h): the three-level merge of section 5, the errors for
// malformed files (named by file, line and byte offset), the project-root walk, and how the merged params and
// hints reach the policies (canonical key first, then the flat one).
#include "policy/policy_config.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "policy_test_support.h"

using namespace agentreel::policy;
using namespace agentreel::policy::test;

namespace {

ConfigFile file(std::string path, std::string bytes) { return {std::move(path), std::move(bytes)}; }

Evaluation run_bash(const PolicyEngine& engine, const std::string& command) {
  const JsonValue input = parse_or_fail("{\"command\":" + json_stringify(JsonValue::string(command)) + "}");
  PayloadParts parts;
  parts.tool_name = "Bash";
  parts.tool_input = &input;
  const JsonValue payload = claude_payload(parts);
  SessionState session;
  HookCall call;
  call.event = "PreToolUse";
  call.payload = &payload;
  return engine.evaluate(call, session, EvaluationMode::live);
}

}  // namespace

TEST_CASE("policy config merge: enabledPolicies united in scope order, params per key from the first scope",
          "[policy]") {
  ConfigFiles files;
  files.project = file("/p/.failproofai/policies-config.json",
                       R"({"enabledPolicies":["block-sudo","warn-git-amend"],
                           "policyParams":{"block-sudo":{"allowPatterns":["sudo ls *"]}},
                           "customPoliciesPath":"/p/custom.js"})");
  files.local = file("/p/.failproofai/policies-config.local.json",
                     R"({"enabledPolicies":["failproofai/block-sudo","block-rm-rf"],
                         "policyParams":{"block-sudo":{"hint":"local hint"},"block-rm-rf":{"allowPaths":["/tmp"]}},
                         "llm":{"model":"m"}})");
  files.global = file("/root/.failproofai/policies-config.json",
                      R"({"enabledPolicies":["warn-git-amend","sanitize-jwt"],
                          "policyParams":{"failproofai/block-sudo":{"allowPatterns":[]},"block-rm-rf":{}},
                          "customPoliciesPath":"/global.js"})");
  const ConfigLoad load = merge_policy_config(files);
  CHECK(load.problems.empty());
  // Deduplicated by the name as written: the flat and qualified spellings are both kept (both mean block-sudo).
  CHECK(load.config.enabled_policies == std::vector<std::string>{"block-sudo", "warn-git-amend",
                                                                 "failproofai/block-sudo", "block-rm-rf",
                                                                 "sanitize-jwt"});
  CHECK(json_stringify(load.config.policy_params) ==
        R"({"block-sudo":{"allowPatterns":["sudo ls *"]},"block-rm-rf":{"allowPaths":["/tmp"]},)"
        R"("failproofai/block-sudo":{"allowPatterns":[]}})");
  REQUIRE(load.config.custom_policies_path);
  CHECK(load.config.custom_policies_path->as_string() == "/p/custom.js");
  REQUIRE(load.config.llm);
  CHECK(json_stringify(*load.config.llm) == R"({"model":"m"})");

  const PolicySelection selection = PolicySelection::from_names(load.config.enabled_policies);
  CHECK(selection.count() == 4);
  CHECK(selection.unknown_names.empty());
}

TEST_CASE("policy config merge: no files means nothing runs, not even the default-on policies", "[policy]") {
  const ConfigLoad load = merge_policy_config({});
  CHECK(load.config.enabled_policies.empty());
  CHECK(PolicySelection::from_names(load.config.enabled_policies).count() == 0);
}

TEST_CASE("policy config merge: a malformed file counts as {} and is reported with file, line and byte offset",
          "[policy]") {
  ConfigFiles files;
  files.project = file("/p/.failproofai/policies-config.json", "{\n  \"enabledPolicies\": [\"block-sudo\",]\n}\n");
  files.local = file("/p/.failproofai/policies-config.local.json", "null");
  files.global =
      file("/root/.failproofai/policies-config.json", R"({"enabledPolicies":"block-sudo","policyParams":[1],"x":1})");
  const ConfigLoad load = merge_policy_config(files);
  CHECK(load.config.enabled_policies.empty());
  REQUIRE(load.problems.size() == 4);
  CHECK(load.problems[0].message() ==
        "/p/.failproofai/policies-config.json:2: byte 37: expected a JSON value (object, array, string, number, "
        "true, false or null), found ']' (failproofai ignores this file: it counts as {})");
  CHECK(load.problems[1].message().find("/p/.failproofai/policies-config.local.json: byte 0: expected a JSON "
                                        "object, found null") == 0);
  CHECK(load.problems[2].message().find("/root/.failproofai/policies-config.json: enabledPolicies: expected an "
                                        "array") == 0);
  CHECK(load.problems[3].message().find("policyParams: expected an object") != std::string::npos);
  for (const auto& problem : load.problems) CHECK(problem.code() == agentreel::ErrorCode::malformed_record);
}

TEST_CASE("policy config: the project root is the nearest ancestor with a .failproofai directory, never HOME",
          "[policy]") {
  const std::set<std::string> directories = {"/home/u/proj/.failproofai", "/home/u/.failproofai", "/.failproofai"};
  const auto is_directory = [&](const std::string& path) { return directories.count(path) > 0; };
  CHECK(find_project_root("/home/u/proj/src/lib", "/home/u", is_directory) == "/home/u/proj");
  CHECK(find_project_root("/home/u/proj", "/home/u", is_directory) == "/home/u/proj");
  CHECK(find_project_root("/home/u/other/x", "/home/u", is_directory) == "/home/u/other/x");  // stops at HOME
  CHECK(find_project_root("/srv/app/", "/home/u", is_directory) == "/");  // outside HOME the walk reaches /
  CHECK(find_project_root("/home/u/other/./x/..", "/home/u", is_directory) == "/home/u/other");
  const ConfigPaths paths = policy_config_paths("/home/u/proj", "/home/u");
  CHECK(paths.project == "/home/u/proj/.failproofai/policies-config.json");
  CHECK(paths.local == "/home/u/proj/.failproofai/policies-config.local.json");
  CHECK(paths.global == "/home/u/.failproofai/policies-config.json");
}

TEST_CASE("policy params: the canonical key wins when truthy, the flat key otherwise, hints are appended", "[policy]") {
  // failproofai's getConfigParamsFor: policyParams["failproofai/<name>"] if truthy, else policyParams["<name>"].
  PolicyEngine canonical = engine_for("block-sudo", R"({"failproofai/block-sudo":{"allowPatterns":["sudo ls *"]},
                                                        "block-sudo":{"allowPatterns":[]}})");
  CHECK(run_bash(canonical, "sudo ls /root").decision.decision == Decision::allow);
  PolicyEngine empty_canonical = engine_for("block-sudo", R"({"failproofai/block-sudo":{},
                                                              "block-sudo":{"allowPatterns":["sudo ls *"]}})");
  CHECK(run_bash(empty_canonical, "sudo ls /root").decision.decision == Decision::deny);  // {} is truthy
  PolicyEngine null_canonical = engine_for("block-sudo", R"({"failproofai/block-sudo":null,
                                                             "block-sudo":{"allowPatterns":["sudo ls *"]}})");
  CHECK(run_bash(null_canonical, "sudo ls /root").decision.decision == Decision::allow);

  PolicyEngine hinted = engine_for("block-sudo,warn-git-amend",
                                   R"({"block-sudo":{"hint":"  Ask the user to run it.  "},
                                       "warn-git-amend":{"hint":"Prefer a new commit."}})");
  const Evaluation sudo = run_bash(hinted, "sudo reboot");
  CHECK(sudo.decision.reason == "sudo commands are blocked. Ask the user to run it.");
  CHECK(sudo.response.stdout_text ==
        R"({"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":)"
        R"("Blocked Bash by failproofai because: sudo commands are blocked. Ask the user to run it., as per the )"
        R"(policy configured by the user"}})");
  const Evaluation amend = run_bash(hinted, "git commit --amend");
  REQUIRE(amend.decision.reason);
  CHECK(amend.decision.reason->find("before executing.. Prefer a new commit.") != std::string::npos);  // ".."
  PolicyEngine blank_hint = engine_for("block-sudo", R"({"block-sudo":{"hint":"   "}})");
  CHECK(run_bash(blank_hint, "sudo reboot").decision.reason == "sudo commands are blocked");
  PolicyEngine number_hint = engine_for("block-sudo", R"({"block-sudo":{"hint":5}})");
  CHECK(run_bash(number_hint, "sudo reboot").decision.reason == "sudo commands are blocked");
}

TEST_CASE("policy params: the example configuration of section 5.4 behaves as described", "[policy]") {
  ConfigFiles files;
  files.project = file("/p/.failproofai/policies-config.json", R"({
  "enabledPolicies": [
    "sanitize-jwt", "sanitize-api-keys", "protect-env-vars", "block-env-files",
    "block-sudo", "block-curl-pipe-sh", "failproofai/block-push-master",
    "block-rm-rf", "block-kubectl", "prefer-package-manager",
    "warn-git-amend", "warn-repeated-tool-calls", "require-commit-before-stop"
  ],
  "policyParams": {
    "block-sudo": { "allowPatterns": ["sudo systemctl status *"], "hint": "Ask the user to run it." },
    "block-push-master": { "protectedBranches": ["main", "release"] },
    "block-rm-rf": { "allowPaths": ["/tmp/build"] },
    "block-kubectl": { "allowPatterns": ["kubectl get *", "kubectl describe *"] },
    "prefer-package-manager": { "allowed": ["uv", "bun"], "blocked": ["pipx"] },
    "sanitize-api-keys": { "additionalPatterns": [{ "regex": "myco_[A-Za-z0-9]{32}", "label": "MyCo key" }] }
  }
})");
  const ConfigLoad load = merge_policy_config(files);
  REQUIRE(load.problems.empty());
  const PolicySelection selection = PolicySelection::from_names(load.config.enabled_policies);
  CHECK(selection.count() == 13);
  auto engine = PolicyEngine::create(selection, load.config);
  REQUIRE(engine.is_ok());
  CHECK(run_bash(engine.value(), "sudo apt install x").decision.reason ==
        "sudo commands are blocked. Ask the user to run it.");
  CHECK(run_bash(engine.value(), "sudo systemctl status nginx").decision.decision == Decision::allow);
  CHECK(run_bash(engine.value(), "git push origin release").decision.reason == "Pushing to main/release is blocked");
  CHECK(run_bash(engine.value(), "kubectl describe pod x").decision.decision == Decision::allow);
  CHECK(run_bash(engine.value(), "pipx install black").decision.policy_name == "failproofai/prefer-package-manager");
  CHECK(run_bash(engine.value(), "rm -rf /tmp/build && ls /tmp").decision.decision == Decision::allow);
}

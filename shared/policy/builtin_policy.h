// The internal interface every built-in policy implements, and the factory that builds one from its resolved
// parameters (regexes compiled here, once per engine). Used by policy_engine.cpp and the policies_*.cpp files;
// not part of the engine's public API.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "policy/js_regex.h"
#include "policy/policy_catalog.h"
#include "policy/policy_input.h"
#include "policy/policy_params.h"
#include "policy/policy_verdict.h"

namespace agentreel::policy {

class BuiltinPolicy {
 public:
  virtual ~BuiltinPolicy() = default;
  // The policy's own verdict for this call, with failproofai's exact reason text. Pure: no state changes (the
  // one stateful policy, warn-repeated-tool-calls, reads its counts from the input and the engine records).
  virtual PolicyVerdict evaluate(const PolicyInput& input) const = 0;
};

Result<std::unique_ptr<BuiltinPolicy>> make_builtin_policy(PolicyId id, const PolicyParams& params);

// Per-group factories (one per policies_*.cpp), each handling the ids of its group.
Result<std::unique_ptr<BuiltinPolicy>> make_sanitizer_policy(PolicyId id, const PolicyParams& params);
Result<std::unique_ptr<BuiltinPolicy>> make_environment_policy(PolicyId id, const PolicyParams& params);
Result<std::unique_ptr<BuiltinPolicy>> make_dangerous_command_policy(PolicyId id, const PolicyParams& params);
Result<std::unique_ptr<BuiltinPolicy>> make_infra_policy(PolicyId id, const PolicyParams& params);
Result<std::unique_ptr<BuiltinPolicy>> make_git_policy(PolicyId id, const PolicyParams& params);
Result<std::unique_ptr<BuiltinPolicy>> make_database_policy(PolicyId id, const PolicyParams& params);
Result<std::unique_ptr<BuiltinPolicy>> make_package_policy(PolicyId id, const PolicyParams& params);
Result<std::unique_ptr<BuiltinPolicy>> make_repeated_calls_policy(PolicyId id, const PolicyParams& params);
Result<std::unique_ptr<BuiltinPolicy>> make_workflow_policy(PolicyId id, const PolicyParams& params);

// Compiles the fixed regexes of a policy and keeps the first failure, so a factory can compile several and check
// once. A built-in pattern that fails to compile is a bug; the tests compile every one.
class RegexBuilder {
 public:
  JsRegex operator()(std::string_view source, bool ignore_case = false) {
    auto compiled = JsRegex::compile(source, ignore_case);
    if (!compiled.is_ok()) {
      if (status_.is_ok()) status_ = compiled.status();
      return JsRegex();
    }
    return compiled.take();
  }
  const Status& status() const { return status_; }

 private:
  Status status_;
};

// For policies that call string methods on CMD or FP: the failed verdict when it is not a string.
inline bool text_argument_unusable(const TextArgument& argument, std::string_view field, PolicyVerdict& verdict) {
  if (!argument.wrong_type) return false;
  verdict = PolicyVerdict::failed("tool_input." + std::string(field) + " is not a string");
  return true;
}

}  // namespace agentreel::policy

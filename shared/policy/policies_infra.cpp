// Policies #13-#19 (Infra Commands): block-kubectl, -terraform, -aws-cli, -gcloud, -az-cli, -helm and
// -gh-pipeline. Each denies a command that starts a shell segment with its CLI unless an allowPatterns entry
// (ALLOWPAT, against the whole command) matches. Depends on builtin_policy.h and shell_text.h.
#include <string>
#include <utility>

#include "policy/builtin_policy.h"
#include "policy/shell_text.h"

namespace agentreel::policy {
namespace {

class BlockInfraCli final : public BuiltinPolicy {
 public:
  BlockInfraCli(JsRegex detect, std::string reason, JsonValue allow_patterns)
      : detect_(std::move(detect)), reason_(std::move(reason)), allow_patterns_(std::move(allow_patterns)) {}

  PolicyVerdict evaluate(const PolicyInput& input) const override {
    if (!input.is_tool("Bash")) return PolicyVerdict::allow();
    if (!detect_.test(input.command.text, input.command.bytes)) return PolicyVerdict::allow();
    // allowPatterns.some((p) => matchesAllowedPattern(cmd, p))
    if (!allow_patterns_.is_array()) return PolicyVerdict::failed("params.allowPatterns is not an array");
    for (const JsonValue& pattern : allow_patterns_.items()) {
      if (!pattern.is_string()) return PolicyVerdict::failed("params.allowPatterns holds a non-string");
      PolicyVerdict verdict;
      if (text_argument_unusable(input.command, "command", verdict)) return verdict;
      if (matches_allow_pattern(input.command.text, pattern.as_string())) return PolicyVerdict::allow();
    }
    return PolicyVerdict::deny(reason_);
  }

 private:
  JsRegex detect_;
  std::string reason_;
  JsonValue allow_patterns_;
};

}  // namespace

Result<std::unique_ptr<BuiltinPolicy>> make_infra_policy(PolicyId id, const PolicyParams& params) {
  // SEGSTART: the start of the string, or after ; newline && || | &, then optional whitespace.
  const std::string kSegmentStart = "(?:^|[;\\n]|&&|\\|\\|?|&)\\s*";
  std::string tail;
  std::string reason;
  switch (id) {
    case PolicyId::block_kubectl:
      tail = "kubectl(?:\\s|$)";
      reason = "kubectl commands are blocked";
      break;
    case PolicyId::block_terraform:
      tail = "(?:terraform|tofu)(?:\\s|$)";
      reason = "terraform/tofu commands are blocked";
      break;
    case PolicyId::block_aws_cli:
      tail = "aws(?:\\s|$)";
      reason = "aws CLI commands are blocked";
      break;
    case PolicyId::block_gcloud:
      tail = "gcloud(?:\\s|$)";
      reason = "gcloud commands are blocked";
      break;
    case PolicyId::block_az_cli:
      tail = "az(?:\\s|$)";
      reason = "az (Azure) CLI commands are blocked";
      break;
    case PolicyId::block_helm:
      tail = "helm(?:\\s|$)";
      reason = "helm commands are blocked";
      break;
    case PolicyId::block_gh_pipeline:
      tail =
          "gh\\s+(?:workflow\\s+(?:run|enable|disable)|run\\s+(?:rerun|cancel)|pr\\s+merge|release\\s+"
          "(?:create|delete)|cache\\s+delete|secret\\s+(?:set|delete))\\b";
      reason = "gh pipeline-trigger commands are blocked";
      break;
    default: return Status(ErrorCode::invalid_argument, "not an infra policy");
  }
  RegexBuilder regex;
  JsRegex detect = regex(kSegmentStart + tail);
  if (!regex.status().is_ok()) return regex.status();
  return std::unique_ptr<BuiltinPolicy>(
      std::make_unique<BlockInfraCli>(std::move(detect), std::move(reason), params.get("allowPatterns")));
}

}  // namespace agentreel::policy

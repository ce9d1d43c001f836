// The built-in policy table (see policy_catalog.h), transcribed from failproofai's BUILTIN_POLICIES
// (src/hooks/builtin-policies.ts) as /work/shared/notes/failproofai-policies.md section 2.0 lists it.
#include "policy/policy_catalog.h"

namespace agentreel::policy {
namespace {

constexpr std::string_view kBash[] = {"Bash"};
constexpr std::string_view kWrite[] = {"Write"};
constexpr std::string_view kReadLike[] = {"Read", "Glob", "Grep", "Bash"};

constexpr ParamSpec kAdditionalPatterns[] = {{"additionalPatterns", "pattern[]", "[]"}};
constexpr ParamSpec kAllowPaths[] = {{"allowPaths", "string[]", "[]"}};
constexpr ParamSpec kAllowPatterns[] = {{"allowPatterns", "string[]", "[]"}};
constexpr ParamSpec kSecretPatterns[] = {{"additionalPatterns", "string[]", "[]"}};
constexpr ParamSpec kProtectedBranches[] = {{"protectedBranches", "string[]", "[\"main\",\"master\"]"}};
constexpr ParamSpec kPackageManagers[] = {{"allowed", "string[]", "[]"}, {"blocked", "string[]", "[]"}};
constexpr ParamSpec kThreshold[] = {{"thresholdKb", "number", "1024"}};
constexpr ParamSpec kPushParams[] = {{"remote", "string", "\"origin\""}, {"baseBranch", "string", "\"main\""}};
constexpr ParamSpec kBaseBranch[] = {{"baseBranch", "string", "\"main\""}};

constexpr uint8_t kPre = kPreToolUse;
constexpr std::span<const std::string_view> kAnyTool{};
constexpr std::span<const ParamSpec> kNoParams{};

const std::array<PolicyInfo, kPolicyCount> kCatalog = {{
    {PolicyId::sanitize_jwt, "sanitize-jwt", "Sanitize", kPostToolUse, kAnyTool, true, kNoParams},
    {PolicyId::sanitize_api_keys, "sanitize-api-keys", "Sanitize", kPostToolUse, kAnyTool, true, kAdditionalPatterns},
    {PolicyId::sanitize_connection_strings, "sanitize-connection-strings", "Sanitize", kPostToolUse, kAnyTool, true,
     kNoParams},
    {PolicyId::sanitize_private_key_content, "sanitize-private-key-content", "Sanitize", kPostToolUse, kAnyTool, true,
     kNoParams},
    {PolicyId::sanitize_bearer_tokens, "sanitize-bearer-tokens", "Sanitize", kPostToolUse, kAnyTool, true, kNoParams},
    {PolicyId::protect_env_vars, "protect-env-vars", "Environment", kPre, kBash, true, kNoParams},
    {PolicyId::block_env_files, "block-env-files", "Environment", kPre, kAnyTool, true, kNoParams},
    {PolicyId::block_read_outside_cwd, "block-read-outside-cwd", "Environment", kPre, kReadLike, false, kAllowPaths},
    {PolicyId::block_sudo, "block-sudo", "Dangerous Commands", kPre | kPermissionRequest, kBash, true, kAllowPatterns},
    {PolicyId::block_curl_pipe_sh, "block-curl-pipe-sh", "Dangerous Commands", kPre, kBash, true, kNoParams},
    {PolicyId::block_rm_rf, "block-rm-rf", "Dangerous Commands", kPre, kBash, false, kAllowPaths},
    {PolicyId::block_failproofai_commands, "block-failproofai-commands", "Dangerous Commands", kPre, kBash, true,
     kNoParams},
    {PolicyId::block_kubectl, "block-kubectl", "Infra Commands", kPre, kBash, false, kAllowPatterns},
    {PolicyId::block_terraform, "block-terraform", "Infra Commands", kPre, kBash, false, kAllowPatterns},
    {PolicyId::block_aws_cli, "block-aws-cli", "Infra Commands", kPre, kBash, false, kAllowPatterns},
    {PolicyId::block_gcloud, "block-gcloud", "Infra Commands", kPre, kBash, false, kAllowPatterns},
    {PolicyId::block_az_cli, "block-az-cli", "Infra Commands", kPre, kBash, false, kAllowPatterns},
    {PolicyId::block_helm, "block-helm", "Infra Commands", kPre, kBash, false, kAllowPatterns},
    {PolicyId::block_gh_pipeline, "block-gh-pipeline", "Infra Commands", kPre, kBash, false, kAllowPatterns},
    {PolicyId::block_secrets_write, "block-secrets-write", "Dangerous Commands", kPre, kWrite, false, kSecretPatterns},
    {PolicyId::block_push_master, "block-push-master", "Git", kPre, kBash, true, kProtectedBranches},
    {PolicyId::block_force_push, "block-force-push", "Git", kPre, kBash, false, kNoParams},
    {PolicyId::block_work_on_main, "block-work-on-main", "Git", kPre, kBash, false, kProtectedBranches},
    {PolicyId::warn_git_amend, "warn-git-amend", "Git", kPre, kBash, false, kNoParams},
    {PolicyId::warn_git_stash_drop, "warn-git-stash-drop", "Git", kPre, kBash, false, kNoParams},
    {PolicyId::warn_all_files_staged, "warn-all-files-staged", "Git", kPre, kBash, false, kNoParams},
    {PolicyId::warn_destructive_sql, "warn-destructive-sql", "Database", kPre, kBash, false, kNoParams},
    {PolicyId::warn_schema_alteration, "warn-schema-alteration", "Database", kPre, kBash, false, kNoParams},
    {PolicyId::warn_package_publish, "warn-package-publish", "Packages & System", kPre, kBash, false, kNoParams},
    {PolicyId::warn_global_package_install, "warn-global-package-install", "Packages & System", kPre, kBash, false,
     kNoParams},
    {PolicyId::prefer_package_manager, "prefer-package-manager", "Packages & System", kPre, kBash, false,
     kPackageManagers},
    {PolicyId::warn_large_file_write, "warn-large-file-write", "Packages & System", kPre, kWrite, false, kThreshold},
    {PolicyId::warn_background_process, "warn-background-process", "Packages & System", kPre, kBash, false, kNoParams},
    {PolicyId::warn_repeated_tool_calls, "warn-repeated-tool-calls", "AI Behavior", kPre, kAnyTool, false, kNoParams},
    {PolicyId::require_commit_before_stop, "require-commit-before-stop", "Workflow", kStop, kAnyTool, false, kNoParams},
    {PolicyId::require_push_before_stop, "require-push-before-stop", "Workflow", kStop, kAnyTool, false, kPushParams},
    {PolicyId::require_pr_before_stop, "require-pr-before-stop", "Workflow", kStop, kAnyTool, false, kBaseBranch},
    {PolicyId::require_no_conflicts_before_stop, "require-no-conflicts-before-stop", "Workflow", kStop, kAnyTool, false,
     kBaseBranch},
    {PolicyId::require_ci_green_before_stop, "require-ci-green-before-stop", "Workflow", kStop, kAnyTool, false,
     kNoParams},
}};

constexpr std::string_view kNamespacePrefix = "failproofai/";

}  // namespace

const std::array<PolicyInfo, kPolicyCount>& policy_catalog() { return kCatalog; }

std::string canonical_policy_name(PolicyId id) {
  return std::string(kNamespacePrefix) + std::string(policy_info(id).short_name);
}

std::string canonicalize_policy_name(std::string_view name) {
  if (name.find('/') != std::string_view::npos) return std::string(name);
  return std::string(kNamespacePrefix) + std::string(name);
}

std::optional<PolicyId> find_builtin_policy(std::string_view configured_name) {
  std::string_view short_name = configured_name;
  if (configured_name.find('/') != std::string_view::npos) {
    if (configured_name.substr(0, kNamespacePrefix.size()) != kNamespacePrefix) return std::nullopt;
    short_name = configured_name.substr(kNamespacePrefix.size());
  }
  for (const PolicyInfo& info : kCatalog) {
    if (info.short_name == short_name) return info.id;
  }
  return std::nullopt;
}

uint8_t event_bit(std::string_view event_name) {
  if (event_name == "PreToolUse") return kPreToolUse;
  if (event_name == "PostToolUse") return kPostToolUse;
  if (event_name == "PermissionRequest") return kPermissionRequest;
  if (event_name == "Stop") return kStop;
  return 0;
}

bool policy_applies(const PolicyInfo& info, std::string_view event_name, const std::string* tool_name) {
  return policy_applies(info, event_bit(event_name), tool_name);
}

bool policy_applies(const PolicyInfo& info, uint8_t event, const std::string* tool_name) {
  if ((info.events & event) == 0) return false;
  if (info.tools.empty()) return true;
  if (tool_name == nullptr) return false;
  for (std::string_view tool : info.tools) {
    if (tool == *tool_name) return true;
  }
  return false;
}

}  // namespace agentreel::policy

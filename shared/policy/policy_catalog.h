// The 39 failproofai built-in policies as data: canonical order (the order failproofai evaluates them in), names,
// categories, the events and tools each applies to, whether failproofai enables it by default, and its parameters
// with their defaults. Everything here is static; no policy logic (policies_*.cpp) and no I/O.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace agentreel::policy {

// In evaluation order (failproofai's BUILTIN_POLICIES array); the first deny in this order wins.
enum class PolicyId : uint8_t {
  sanitize_jwt,
  sanitize_api_keys,
  sanitize_connection_strings,
  sanitize_private_key_content,
  sanitize_bearer_tokens,
  protect_env_vars,
  block_env_files,
  block_read_outside_cwd,
  block_sudo,
  block_curl_pipe_sh,
  block_rm_rf,
  block_failproofai_commands,
  block_kubectl,
  block_terraform,
  block_aws_cli,
  block_gcloud,
  block_az_cli,
  block_helm,
  block_gh_pipeline,
  block_secrets_write,
  block_push_master,
  block_force_push,
  block_work_on_main,
  warn_git_amend,
  warn_git_stash_drop,
  warn_all_files_staged,
  warn_destructive_sql,
  warn_schema_alteration,
  warn_package_publish,
  warn_global_package_install,
  prefer_package_manager,
  warn_large_file_write,
  warn_background_process,
  warn_repeated_tool_calls,
  require_commit_before_stop,
  require_push_before_stop,
  require_pr_before_stop,
  require_no_conflicts_before_stop,
  require_ci_green_before_stop,
};
inline constexpr size_t kPolicyCount = 39;

// Hook events a built-in can apply to (a bit set).
enum EventBit : uint8_t {
  kPreToolUse = 1,
  kPostToolUse = 2,
  kPermissionRequest = 4,
  kStop = 8,
};

struct ParamSpec {
  std::string_view name;
  std::string_view type;          // failproofai's schema type: "string[]", "pattern[]", "number", "string"
  std::string_view default_json;  // the default as JSON text
};

struct PolicyInfo {
  PolicyId id;
  std::string_view short_name;  // "block-sudo"; the canonical name is "failproofai/" + short_name
  std::string_view category;
  uint8_t events;                           // EventBit set
  std::span<const std::string_view> tools;  // empty: any tool (and events without a tool)
  bool default_enabled;
  std::span<const ParamSpec> params;
};

const std::array<PolicyInfo, kPolicyCount>& policy_catalog();
inline const PolicyInfo& policy_info(PolicyId id) { return policy_catalog()[static_cast<size_t>(id)]; }

// "failproofai/block-sudo".
std::string canonical_policy_name(PolicyId id);
// failproofai's name canonicalisation: a name without '/' gets the "failproofai/" prefix.
std::string canonicalize_policy_name(std::string_view name);
// The built-in a configured name refers to ("block-sudo" or "failproofai/block-sudo"), if any.
std::optional<PolicyId> find_builtin_policy(std::string_view configured_name);

// Hook event names as failproofai's registry sees them (PascalCase, from the --hook argument).
uint8_t event_bit(std::string_view event_name);

// Does the registry select this policy for (event, tool)? A tool filter needs a tool name in the list.
bool policy_applies(const PolicyInfo& info, std::string_view event_name, const std::string* tool_name);
// The same with the event already turned into its EventBit (0 for events no built-in handles).
bool policy_applies(const PolicyInfo& info, uint8_t event, const std::string* tool_name);

}  // namespace agentreel::policy

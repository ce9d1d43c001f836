// make_builtin_policy: routes a policy id to the factory of its group (see builtin_policy.h).
#include "policy/builtin_policy.h"

namespace agentreel::policy {

Result<std::unique_ptr<BuiltinPolicy>> make_builtin_policy(PolicyId id, const PolicyParams& params) {
  switch (id) {
    case PolicyId::sanitize_jwt:
    case PolicyId::sanitize_api_keys:
    case PolicyId::sanitize_connection_strings:
    case PolicyId::sanitize_private_key_content:
    case PolicyId::sanitize_bearer_tokens: return make_sanitizer_policy(id, params);
    case PolicyId::protect_env_vars:
    case PolicyId::block_env_files:
    case PolicyId::block_read_outside_cwd: return make_environment_policy(id, params);
    case PolicyId::block_sudo:
    case PolicyId::block_curl_pipe_sh:
    case PolicyId::block_rm_rf:
    case PolicyId::block_failproofai_commands:
    case PolicyId::block_secrets_write: return make_dangerous_command_policy(id, params);
    case PolicyId::block_kubectl:
    case PolicyId::block_terraform:
    case PolicyId::block_aws_cli:
    case PolicyId::block_gcloud:
    case PolicyId::block_az_cli:
    case PolicyId::block_helm:
    case PolicyId::block_gh_pipeline: return make_infra_policy(id, params);
    case PolicyId::block_push_master:
    case PolicyId::block_force_push:
    case PolicyId::block_work_on_main:
    case PolicyId::warn_git_amend:
    case PolicyId::warn_git_stash_drop:
    case PolicyId::warn_all_files_staged: return make_git_policy(id, params);
    case PolicyId::warn_destructive_sql:
    case PolicyId::warn_schema_alteration: return make_database_policy(id, params);
    case PolicyId::warn_package_publish:
    case PolicyId::warn_global_package_install:
    case PolicyId::prefer_package_manager:
    case PolicyId::warn_large_file_write:
    case PolicyId::warn_background_process: return make_package_policy(id, params);
    case PolicyId::warn_repeated_tool_calls: return make_repeated_calls_policy(id, params);
    case PolicyId::require_commit_before_stop:
    case PolicyId::require_push_before_stop:
    case PolicyId::require_pr_before_stop:
    case PolicyId::require_no_conflicts_before_stop:
    case PolicyId::require_ci_green_before_stop: return make_workflow_policy(id, params);
  }
  return Status(ErrorCode::invalid_argument, "unknown policy id");
}

}  // namespace agentreel::policy

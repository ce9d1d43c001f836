// failproofai's configuration: the three policies-config JSON files (project, local, global), read as bytes by the
// caller and merged exactly as failproofai's readMergedHooksConfig does (enabledPolicies united, policyParams per
// key from the first scope that has it, customPoliciesPath and llm from the first that sets them). A file that
// does not parse counts as {} (as live), and every problem is reported with the file, line and byte offset.
// Also the walk that finds the project root. No I/O: the caller reads files and answers "is this a directory".
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "policy/json_value.h"

namespace agentreel::policy {

struct ConfigFile {
  std::string path;   // named in messages
  std::string bytes;  // the file's contents
};

// The three scopes in priority order; nullopt where the file does not exist.
struct ConfigFiles {
  std::optional<ConfigFile> project;  // <root>/.failproofai/policies-config.json
  std::optional<ConfigFile> local;    // <root>/.failproofai/policies-config.local.json
  std::optional<ConfigFile> global;   // ~/.failproofai/policies-config.json
};

// The merged HooksConfig.
struct PolicyConfig {
  std::vector<std::string> enabled_policies;      // as written (flat or qualified), deduplicated, in order
  JsonValue policy_params = JsonValue::object();  // policy name as written -> params (any JSON value)
  std::optional<JsonValue> custom_policies_path;  // recorded, not used: custom policies are JavaScript
  std::optional<JsonValue> llm;                   // recorded, not used: no built-in calls an LLM
};

struct ConfigLoad {
  PolicyConfig config;
  // One Status (malformed_record) per file that does not parse and per field failproofai could not use,
  // e.g. "/p/.failproofai/policies-config.json:4: byte 77: expected ',' or '}' after an object member, found '\"'".
  std::vector<Status> problems;
};

ConfigLoad merge_policy_config(const ConfigFiles& files);

// The three paths failproofai reads for a project root and home directory.
struct ConfigPaths {
  std::string project;
  std::string local;
  std::string global;
};
ConfigPaths policy_config_paths(std::string_view project_root, std::string_view home);

// findProjectConfigDir: from `start` (the payload's cwd) walk up to the first directory that has a ".failproofai"
// directory, stopping before `home`; without one, `start` itself. `is_directory(path)` answers for the caller's
// file system.
std::string find_project_root(std::string_view start, std::string_view home,
                              const std::function<bool(const std::string& path)>& is_directory);

}  // namespace agentreel::policy

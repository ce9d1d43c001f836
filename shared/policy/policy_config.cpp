// merge_policy_config, policy_config_paths and find_project_root (see policy_config.h).
#include "policy/policy_config.h"

#include <set>

#include "policy/json_parse.h"
#include "policy/json_stringify.h"
#include "policy/posix_path.h"

namespace agentreel::policy {
namespace {

Status problem(const ConfigFile& file, std::string_view what) {
  return Status(ErrorCode::malformed_record, file.path + ": " + std::string(what));
}

// One scope's parsed object, or {} (with a problem) when it does not parse or is not an object.
JsonValue read_scope(const std::optional<ConfigFile>& file, std::vector<Status>& problems) {
  if (!file) return JsonValue::object();
  auto parsed = parse_json(file->bytes, file->path);
  if (!parsed.is_ok()) {
    problems.push_back(Status(ErrorCode::malformed_record,
                              parsed.status().message() + " (failproofai ignores this file: it counts as {})"));
    return JsonValue::object();
  }
  JsonValue value = parsed.take();
  if (value.is_null()) {
    problems.push_back(problem(*file,
                               "byte 0: expected a JSON object, found null (failproofai's hook exits 2 on "
                               "every call with this file; it is ignored here)"));
    return JsonValue::object();
  }
  if (!value.is_object()) {
    problems.push_back(problem(*file, "byte 0: expected a JSON object; the file sets nothing"));
    return JsonValue::object();
  }
  return value;
}

}  // namespace

ConfigLoad merge_policy_config(const ConfigFiles& files) {
  ConfigLoad load;
  const std::optional<ConfigFile>* sources[] = {&files.project, &files.local, &files.global};
  JsonValue scopes[3];
  for (int i = 0; i < 3; ++i) scopes[i] = read_scope(*sources[i], load.problems);

  std::set<std::string> seen;
  for (int i = 0; i < 3; ++i) {
    const JsonValue* enabled = scopes[i].find("enabledPolicies");
    if (enabled == nullptr || enabled->is_null()) continue;
    if (!enabled->is_array()) {
      load.problems.push_back(problem(**sources[i],
                                      "enabledPolicies: expected an array of policy names (failproofai "
                                      "cannot use this value; it is ignored)"));
      continue;
    }
    for (const JsonValue& name : enabled->items()) {
      if (!name.is_string()) {
        load.problems.push_back(problem(
            **sources[i], "enabledPolicies: expected only strings, found " + json_stringify(name) + " (ignored)"));
        continue;
      }
      if (seen.insert(name.as_string()).second) load.config.enabled_policies.push_back(name.as_string());
    }
  }

  for (int i = 0; i < 3; ++i) {
    const JsonValue* params = scopes[i].find("policyParams");
    if (params == nullptr || !params->truthy()) continue;
    if (!params->is_object()) {
      load.problems.push_back(problem(**sources[i], "policyParams: expected an object keyed by policy name (ignored)"));
      continue;
    }
    for (const JsonMember& member : params->members()) {
      // The first scope that defines a key wins entirely (no deep merge).
      if (load.config.policy_params.find(member.key) == nullptr)
        load.config.policy_params.set(member.key, member.value);
    }
  }

  for (int i = 0; i < 3; ++i) {
    const JsonValue* path = scopes[i].find("customPoliciesPath");
    if (!load.config.custom_policies_path && path != nullptr && !path->is_null())
      load.config.custom_policies_path = *path;
    const JsonValue* llm = scopes[i].find("llm");
    if (!load.config.llm && llm != nullptr && !llm->is_null()) load.config.llm = *llm;
  }
  return load;
}

ConfigPaths policy_config_paths(std::string_view project_root, std::string_view home) {
  return {resolve_path(project_root, ".failproofai/policies-config.json"),
          resolve_path(project_root, ".failproofai/policies-config.local.json"),
          resolve_path(home, ".failproofai/policies-config.json")};
}

std::string find_project_root(std::string_view start, std::string_view home,
                              const std::function<bool(const std::string& path)>& is_directory) {
  const std::string origin = resolve_path("/", start);
  std::string directory = origin;
  while (directory != home) {
    if (is_directory(resolve_path(directory, ".failproofai"))) return directory;
    const std::string parent(parent_path(directory));
    if (parent == directory) break;
    directory = parent;
  }
  return origin;
}

}  // namespace agentreel::policy

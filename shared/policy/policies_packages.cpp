// Policies #29-#33 (Packages & System): warn-package-publish, warn-global-package-install,
// prefer-package-manager (deny), warn-large-file-write (the one with a size) and warn-background-process.
// Depends on builtin_policy.h, shell_text.h, js_coerce.h, js_text.h.
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "policy/builtin_policy.h"
#include "policy/js_coerce.h"
#include "policy/js_text.h"
#include "policy/json_stringify.h"
#include "policy/shell_text.h"

namespace agentreel::policy {
namespace {

// A Bash policy that instructs when any of its regexes matches CMD.
class AnyRegexInstruct final : public BuiltinPolicy {
 public:
  std::vector<JsRegex> regexes;
  std::string reason;

  PolicyVerdict evaluate(const PolicyInput& input) const override {
    if (!input.is_tool("Bash")) return PolicyVerdict::allow();
    for (const JsRegex& regex : regexes) {
      if (regex.test(input.command.text, input.command.bytes)) return PolicyVerdict::instruct(reason);
    }
    return PolicyVerdict::allow();
  }
};

// The detectors of prefer-package-manager, in failproofai's order.
struct ManagerDetector {
  std::string_view name;
  std::vector<JsRegex> regexes;
};

class PreferPackageManager final : public BuiltinPolicy {
 public:
  std::vector<ManagerDetector> detectors;
  JsonValue allowed;
  // allowed lowercased (nullopt: allowed.map(a => a.toLowerCase()) throws), and joined with ", ".
  std::optional<std::vector<std::string>> allowed_lower;
  std::string allowed_list;
  // PKG_MANAGER_DETECTORS[name] for a name inherited from Object.prototype ("constructor", "__proto__") is not
  // iterable, so failproofai throws on the first segment it checks.
  bool allows_inherited_name = false;
  // One per `blocked` entry: its lowercase name and /\b<name>\b/, or nullopt where failproofai throws (an entry
  // that is not a string). The whole list is nullopt when `blocked` is not iterable.
  struct Blocked {
    std::string name;
    JsRegex regex;
  };
  std::optional<std::vector<std::optional<Blocked>>> blocked;

  PolicyVerdict evaluate(const PolicyInput& input) const override {
    if (!input.is_tool("Bash")) return PolicyVerdict::allow();
    if (!input.command.truthy) return PolicyVerdict::allow();  // if (!cmd)
    if (allowed.is_array() ? allowed.items().empty() : (allowed.is_string() && allowed.as_string().empty())) {
      return PolicyVerdict::allow();  // allowed.length === 0
    }
    if (!allowed_lower) return PolicyVerdict::failed("params.allowed is not an array of strings");
    PolicyVerdict verdict;
    if (text_argument_unusable(input.command, "command", verdict)) return verdict;  // cmd.split(...)
    for (std::string_view segment : split_shell_segments(input.command.text, false)) {
      if (segment.empty()) continue;
      if (allows_inherited_name) return PolicyVerdict::failed("params.allowed names an Object.prototype property");
      if (uses_allowed_manager(segment)) continue;
      for (const ManagerDetector& detector : detectors) {
        if (is_allowed(detector.name)) continue;
        for (const JsRegex& regex : detector.regexes) {
          if (regex.test(segment)) return deny(detector.name);
        }
      }
      if (!blocked) return PolicyVerdict::failed("params.blocked is not iterable");
      for (const std::optional<Blocked>& entry : *blocked) {
        if (!entry) return PolicyVerdict::failed("params.blocked holds a non-string");
        if (is_allowed(entry->name)) continue;
        if (entry->regex.test(segment)) return deny(entry->name);
      }
    }
    return PolicyVerdict::allow();
  }

 private:
  bool is_allowed(std::string_view name) const {
    for (const std::string& allowed_name : *allowed_lower) {
      if (allowed_name == name) return true;
    }
    return false;
  }
  bool uses_allowed_manager(std::string_view segment) const {
    for (const std::string& name : *allowed_lower) {
      for (const ManagerDetector& detector : detectors) {
        if (detector.name != name) continue;
        for (const JsRegex& regex : detector.regexes) {
          if (regex.test(segment)) return true;
        }
      }
    }
    return false;
  }
  PolicyVerdict deny(std::string_view name) const {
    std::string reason = "\"";
    reason += name;
    reason += "\" is not an allowed package manager. Allowed package managers for this project: ";
    reason += allowed_list;
    reason += ". Rewrite this command using an allowed package manager.";
    return PolicyVerdict::deny(std::move(reason));
  }
};

class WarnLargeFileWrite final : public BuiltinPolicy {
 public:
  JsonValue threshold_kb;

  PolicyVerdict evaluate(const PolicyInput& input) const override {
    if (!input.is_tool("Write") || input.tool_input == nullptr) return PolicyVerdict::allow();
    const std::string* content = input.tool_input->find_string("content");
    if (content == nullptr) return PolicyVerdict::allow();
    const double threshold_bytes = js_to_number(threshold_kb) * 1024;
    // String.length never exceeds the UTF-8 byte count, so a short content needs no counting.
    if (static_cast<double>(content->size()) <= threshold_bytes) return PolicyVerdict::allow();
    const double length = static_cast<double>(utf16_length(*content));
    if (!(length > threshold_bytes)) return PolicyVerdict::allow();  // NaN compares false, as in JavaScript
    const double rounded_kb = std::floor(length / 1024 + 0.5);       // Math.round for a positive number
    return PolicyVerdict::instruct("STOP: You are writing a file larger than " + js_to_string(threshold_kb) + "KB (" +
                                   js_number_to_string(rounded_kb) +
                                   "KB). This is unusually large. Confirm this is intentional before proceeding.");
  }
};

}  // namespace

Result<std::unique_ptr<BuiltinPolicy>> make_package_policy(PolicyId id, const PolicyParams& params) {
  RegexBuilder regex;
  std::unique_ptr<BuiltinPolicy> policy;
  switch (id) {
    case PolicyId::warn_package_publish: {
      auto p = std::make_unique<AnyRegexInstruct>();
      p->regexes.push_back(
          regex("(?:npm\\s+publish|bun\\s+publish|pnpm\\s+publish|yarn\\s+npm\\s+publish|twine\\s+upload|"
                "poetry\\s+publish|cargo\\s+publish|gem\\s+push)\\b"));
      p->reason =
          "STOP: This command publishes a package to a public registry. Confirm with the user that this is "
          "intentional.";
      policy = std::move(p);
      break;
    }
    case PolicyId::warn_global_package_install: {
      auto p = std::make_unique<AnyRegexInstruct>();
      for (std::string_view source : {
               "\\bnpm\\s+(?:install|i)\\b(?=.*(?:\\s-g\\b|--global\\b))",
               "\\byarn\\s+global\\s+add\\b",
               "\\bpnpm\\s+(?:add|install|i)\\b(?=.*(?:\\s-g\\b|--global\\b))",
               "\\bbun\\s+(?:install|add)\\b(?=.*(?:\\s-g\\b|--global\\b))",
               "\\bcargo\\s+install\\b",
               "\\bpip(?:3)?\\s+install\\b(?=.*(?:--user\\b|--break-system-packages\\b))",
           }) {
        p->regexes.push_back(regex(source));
      }
      p->reason =
          "STOP: This command installs a package globally, which modifies the system-wide environment outside the "
          "project. This can conflict with other projects or system tools. Confirm with the user before executing.";
      policy = std::move(p);
      break;
    }
    case PolicyId::prefer_package_manager: {
      auto p = std::make_unique<PreferPackageManager>();
      const std::pair<std::string_view, std::vector<std::string_view>> kDetectors[] = {
          {"pip", {"\\bpip\\b", "\\bpip3\\b", "\\bpython3?\\s+-m\\s+pip\\b"}},
          {"npm", {"\\bnpm\\b", "\\bnpx\\b"}},
          {"yarn", {"\\byarn\\b"}},
          {"pnpm", {"\\bpnpm\\b", "\\bpnpx\\b"}},
          {"bun", {"\\bbun\\b", "\\bbunx\\b"}},
          {"uv", {"\\buv\\b"}},
          {"poetry", {"\\bpoetry\\b"}},
          {"pipenv", {"\\bpipenv\\b"}},
          {"conda", {"\\bconda\\b"}},
          {"cargo", {"\\bcargo\\b"}},
      };
      for (const auto& [name, sources] : kDetectors) {
        ManagerDetector detector{name, {}};
        for (std::string_view source : sources) detector.regexes.push_back(regex(source));
        p->detectors.push_back(std::move(detector));
      }
      p->allowed = params.get("allowed");
      if (p->allowed.is_array()) {
        std::vector<std::string> lower;
        bool all_strings = true;
        for (const JsonValue& entry : p->allowed.items()) {
          if (!entry.is_string()) {
            all_strings = false;
            break;
          }
          lower.push_back(ascii_lower(entry.as_string()));
          if (!p->allowed_list.empty() || lower.size() > 1) p->allowed_list += ", ";
          p->allowed_list += entry.as_string();
        }
        for (const std::string& name : lower) {
          // Lowercased first, so only the all-lowercase Object.prototype names can be hit.
          p->allows_inherited_name = p->allows_inherited_name || name == "constructor" || name == "__proto__";
        }
        if (all_strings) p->allowed_lower = std::move(lower);
      }
      if (auto entries = js_iterate(params.get("blocked"))) {
        p->blocked.emplace();
        for (const JsonValue& entry : *entries) {
          std::optional<PreferPackageManager::Blocked> blocked;
          if (entry.is_string()) {
            std::string name = ascii_lower(entry.as_string());
            auto compiled = JsRegex::compile("\\b" + js_regex_escape(name) + "\\b");
            if (compiled.is_ok()) blocked = PreferPackageManager::Blocked{std::move(name), compiled.take()};
          }
          p->blocked->push_back(std::move(blocked));
        }
      }
      policy = std::move(p);
      break;
    }
    case PolicyId::warn_large_file_write: {
      auto p = std::make_unique<WarnLargeFileWrite>();
      p->threshold_kb = params.get("thresholdKb");
      policy = std::move(p);
      break;
    }
    case PolicyId::warn_background_process: {
      auto p = std::make_unique<AnyRegexInstruct>();
      for (std::string_view source : {
               "\\bnohup\\s+\\S",
               "\\bscreen\\s+-[A-Za-z]*d[A-Za-z]*\\b",
               "\\btmux\\s+(?:new-session|new)\\b[^|&;]*-d\\b",
               "\\bdisown\\b",
               "(?<![&|])\\s?&\\s*(?:$|#|;)",
           }) {
        p->regexes.push_back(regex(source));
      }
      p->reason =
          "STOP: This command starts a background or detached process (nohup, screen -d, tmux -d, or trailing &). "
          "Background processes persist after Claude's session and may be difficult to track or stop. Confirm with "
          "the user before executing.";
      policy = std::move(p);
      break;
    }
    default: return Status(ErrorCode::invalid_argument, "not a packages policy");
  }
  if (!regex.status().is_ok()) return regex.status();
  return policy;
}

}  // namespace agentreel::policy

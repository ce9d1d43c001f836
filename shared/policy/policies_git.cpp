// Policies #21-#26 (Git): block-push-master, block-force-push, block-work-on-main (the branch at hook time, from
// the replay state) and the three git warnings (instruct). Depends on builtin_policy.h, shell_text.h, js_text.h.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "policy/builtin_policy.h"
#include "policy/js_text.h"
#include "policy/json_stringify.h"
#include "policy/shell_text.h"

namespace agentreel::policy {
namespace {

// `value.length === 0` in JavaScript, for a parameter whose type is not checked.
bool js_length_is_zero(const JsonValue& value) {
  if (value.is_array()) return value.items().empty();
  if (value.is_string()) return value.as_string().empty();
  const JsonValue* length = value.find("length");
  return length != nullptr && length->is_number() && length->as_number() == 0;
}

class BlockPushMaster final : public BuiltinPolicy {
 public:
  JsonValue branches;
  std::optional<JsRegex> branch_pattern;  // \b(?:main|master)\b; nullopt when failproofai's map() would throw
  std::string reason;

  PolicyVerdict evaluate(const PolicyInput& input) const override {
    if (!input.is_tool("Bash")) return PolicyVerdict::allow();
    if (js_length_is_zero(branches)) return PolicyVerdict::allow();
    PolicyVerdict verdict;
    if (text_argument_unusable(input.command, "command", verdict)) return verdict;  // cmd.split(...)
    const std::vector<std::string_view> arguments = git_push_arguments(input.command.text);
    if (!branch_pattern) return PolicyVerdict::failed("params.protectedBranches is not an array of strings");
    for (std::string_view argument : arguments) {
      if (branch_pattern->test(argument)) return PolicyVerdict::deny(reason);
    }
    return PolicyVerdict::allow();
  }
};

class BlockForcePush final : public BuiltinPolicy {
 public:
  JsRegex force;  // /(?:--force|-f\b)/

  PolicyVerdict evaluate(const PolicyInput& input) const override {
    if (!input.is_tool("Bash")) return PolicyVerdict::allow();
    PolicyVerdict verdict;
    if (text_argument_unusable(input.command, "command", verdict)) return verdict;
    for (std::string_view argument : git_push_arguments(input.command.text)) {
      if (force.test(argument)) return PolicyVerdict::deny("Force-pushing is blocked");
    }
    return PolicyVerdict::allow();
  }
};

class BlockWorkOnMain final : public BuiltinPolicy {
 public:
  JsRegex git_commit_like;  // /git\s+(commit|merge|rebase|cherry-pick)\b/
  JsonValue branches;

  PolicyVerdict evaluate(const PolicyInput& input) const override {
    if (!input.is_tool("Bash")) return PolicyVerdict::allow();
    PolicyVerdict verdict;
    if (text_argument_unusable(input.command, "command", verdict)) return verdict;  // cmd.match(...)
    RegexMatch match;
    if (!git_commit_like.exec(input.command.text, 0, match)) return PolicyVerdict::allow();
    if (input.cwd.empty()) return PolicyVerdict::allow();
    if (!input.git_branch) {
      return PolicyVerdict::not_replayable("the git branch at the time of the call was not recorded");
    }
    const std::string_view branch = *input.git_branch;
    if (branch.empty()) return PolicyVerdict::allow();  // git failed: no branch
    // protectedBranches.includes(branch): element equality for an array, a substring test for a string.
    bool protected_branch = false;
    if (branches.is_array()) {
      for (const JsonValue& entry : branches.items()) {
        protected_branch = protected_branch || (entry.is_string() && entry.as_string() == branch);
      }
    } else if (branches.is_string()) {
      protected_branch = branches.as_string().find(branch) != std::string::npos;
    } else {
      return PolicyVerdict::failed("params.protectedBranches has no includes()");
    }
    if (!protected_branch) return PolicyVerdict::allow();
    return PolicyVerdict::deny("Git " + std::string(match.group(input.command.text, 1)) + " on " + std::string(branch) +
                               " is blocked. Create a feature branch first.");
  }
};

class CommandRegexInstruct final : public BuiltinPolicy {
 public:
  CommandRegexInstruct(JsRegex regex, std::string reason) : regex_(std::move(regex)), reason_(std::move(reason)) {}
  PolicyVerdict evaluate(const PolicyInput& input) const override {
    if (!input.is_tool("Bash")) return PolicyVerdict::allow();
    if (regex_.test(input.command.text, input.command.bytes)) return PolicyVerdict::instruct(reason_);
    return PolicyVerdict::allow();
  }

 private:
  JsRegex regex_;
  std::string reason_;
};

}  // namespace

Result<std::unique_ptr<BuiltinPolicy>> make_git_policy(PolicyId id, const PolicyParams& params) {
  RegexBuilder regex;
  std::unique_ptr<BuiltinPolicy> policy;
  switch (id) {
    case PolicyId::block_push_master: {
      auto p = std::make_unique<BlockPushMaster>();
      p->branches = params.get("protectedBranches");
      if (p->branches.is_array()) {
        std::string alternatives;
        std::string joined;
        bool all_strings = true;
        const std::vector<JsonValue>& entries = p->branches.items();
        for (size_t i = 0; i < entries.size() && all_strings; ++i) {
          all_strings = entries[i].is_string();
          if (!all_strings) break;
          if (i > 0) {
            alternatives += "|";
            joined += "/";
          }
          alternatives += js_regex_escape(entries[i].as_string());
          joined += entries[i].as_string();
        }
        if (all_strings) {
          auto compiled = JsRegex::compile("\\b(?:" + alternatives + ")\\b");
          if (compiled.is_ok()) p->branch_pattern = compiled.take();
          p->reason = "Pushing to " + joined + " is blocked";
        }
      }
      policy = std::move(p);
      break;
    }
    case PolicyId::block_force_push: {
      auto p = std::make_unique<BlockForcePush>();
      p->force = regex("(?:--force|-f\\b)");
      policy = std::move(p);
      break;
    }
    case PolicyId::block_work_on_main: {
      auto p = std::make_unique<BlockWorkOnMain>();
      p->git_commit_like = regex("git\\s+(commit|merge|rebase|cherry-pick)\\b");
      p->branches = params.get("protectedBranches");
      policy = std::move(p);
      break;
    }
    case PolicyId::warn_git_amend:
      policy = std::make_unique<CommandRegexInstruct>(
          regex("\\bgit\\s+commit\\b.*--amend\\b"),
          "STOP: This command amends the last commit, which rewrites git history. If this commit has already been "
          "pushed to a shared branch, this will cause divergence for other contributors. Confirm with the user "
          "before executing.");
      break;
    case PolicyId::warn_git_stash_drop:
      policy = std::make_unique<CommandRegexInstruct>(
          regex("\\bgit\\s+stash\\s+(?:drop|clear)\\b"),
          "STOP: This command permanently deletes stashed changes (git stash drop/clear). Stash entries cannot be "
          "recovered after deletion. Confirm with the user before executing.");
      break;
    case PolicyId::warn_all_files_staged:
      policy = std::make_unique<CommandRegexInstruct>(
          regex("\\bgit\\s+add\\s+(?:-A\\b|--all\\b|\\.(?:\\s|$|;|&&|\\|\\|))"),
          "STOP: This command stages all files in the working tree (git add -A / --all / .). This may inadvertently "
          "include build artifacts, generated files, or sensitive files not covered by .gitignore. Confirm with the "
          "user before executing.");
      break;
    default: return Status(ErrorCode::invalid_argument, "not a git policy");
  }
  if (!regex.status().is_ok()) return regex.status();
  return policy;
}

}  // namespace agentreel::policy

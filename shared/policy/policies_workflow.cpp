// Policies #35-#39 (Workflow, Stop event): require-commit / -push / -pr / -no-conflicts / -ci-green before stop.
// failproofai runs git and gh in the payload's cwd; here every such command is answered by the replay's
// CommandOracle (keyed by its command line), and a command it has no answer for makes the verdict
// not_replayable. The decision logic and every message follow failproofai's code. Depends on builtin_policy.h,
// json_parse.h, json_stringify.h, js_text.h.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "policy/builtin_policy.h"
#include "policy/js_text.h"
#include "policy/json_parse.h"
#include "policy/json_stringify.h"

namespace agentreel::policy {
namespace {

// Runs commands through the oracle; the first one it cannot answer is remembered.
class Commands {
 public:
  explicit Commands(const PolicyInput& input) : input_(input) {}

  std::optional<CommandResult> run(const std::string& command_line) {
    std::optional<CommandResult> result;
    if (input_.commands != nullptr) result = input_.commands->run(command_line);
    if (!result && missing_.empty()) missing_ = command_line;
    return result;
  }
  // getCurrentBranch(cwd): the replay's recorded branch, else `git rev-parse --abbrev-ref HEAD`; "" for none.
  std::optional<std::string> current_branch() {
    if (input_.git_branch) return std::string(*input_.git_branch);
    auto result = run("git rev-parse --abbrev-ref HEAD");
    if (!result) return std::nullopt;
    return result->exit_code == 0 ? std::string(js_trim(result->stdout_text)) : std::string();
  }
  PolicyVerdict not_replayable() const {
    return PolicyVerdict::not_replayable("no recorded result for `" + missing_ + "`");
  }

 private:
  const PolicyInput& input_;
  std::string missing_;
};

std::string trimmed(const CommandResult& result) { return std::string(js_trim(result.stdout_text)); }

// `${value}` for a parsed JSON field (undefined when absent).
std::string field_text(const JsonValue& object, std::string_view key) {
  const JsonValue* value = object.find(key);
  return value != nullptr ? js_to_string(*value) : "undefined";
}

class StopPolicy : public BuiltinPolicy {
 public:
  explicit StopPolicy(const PolicyParams& params) : params_(params) {}

 protected:
  // `(ctx.params?.<name> as string) ?? "<default>"` used in a template string.
  std::string param_text(std::string_view name) const { return js_to_string(params_.get(name)); }
  // branch === baseBranch (strict: a non-string parameter never equals).
  bool is_base_branch(const std::string& branch) const {
    const JsonValue& base = params_.get("baseBranch");
    return base.is_string() && base.as_string() == branch;
  }
  PolicyParams params_;
};

class RequireCommit final : public StopPolicy {
 public:
  using StopPolicy::StopPolicy;
  PolicyVerdict evaluate(const PolicyInput& input) const override {
    if (input.cwd.empty()) return PolicyVerdict::allow("No working directory available, skipping commit check.");
    Commands commands(input);
    auto status = commands.run("git status --porcelain");
    if (!status) return commands.not_replayable();
    if (status->exit_code != 0) return PolicyVerdict::allow("Not a git repository, skipping commit check.");
    if (!trimmed(*status).empty()) {
      return PolicyVerdict::deny("You have uncommitted changes in the working directory. Commit all changes now.");
    }
    return PolicyVerdict::allow("All changes are committed.");
  }
};

class RequirePush final : public StopPolicy {
 public:
  using StopPolicy::StopPolicy;
  PolicyVerdict evaluate(const PolicyInput& input) const override {
    if (input.cwd.empty()) return PolicyVerdict::allow("No working directory available, skipping push check.");
    const PolicyVerdict could_not = PolicyVerdict::allow("Could not check push status, skipping.");
    Commands commands(input);
    auto remotes = commands.run("git remote");
    if (!remotes) return commands.not_replayable();
    if (remotes->exit_code != 0) return could_not;
    if (trimmed(*remotes).empty()) return PolicyVerdict::allow("No git remote configured, skipping push check.");
    const std::string remote = param_text("remote");
    auto branch = commands.current_branch();
    if (!branch) return commands.not_replayable();
    if (branch->empty() || *branch == "HEAD") return PolicyVerdict::allow("Detached HEAD, skipping push check.");
    const std::string base = param_text("baseBranch");
    if (is_base_branch(*branch)) return PolicyVerdict::allow("On base branch \"" + base + "\", skipping push check.");

    // The "ahead of base" and "diff against base" shortcuts; a failing command just falls through.
    auto ahead = commands.run("git log " + remote + "/" + base + "..HEAD --oneline");
    if (!ahead) return commands.not_replayable();
    if (ahead->exit_code == 0) {
      if (trimmed(*ahead).empty()) {
        return PolicyVerdict::allow("No commits ahead of " + remote + "/" + base + ", skipping push check.");
      }
      auto diff = commands.run("git diff --stat " + remote + "/" + base + " HEAD");
      if (!diff) return commands.not_replayable();
      if (diff->exit_code == 0 && trimmed(*diff).empty()) {
        return PolicyVerdict::allow("No file changes compared to " + remote + "/" + base + ", skipping push check.");
      }
    }
    auto tracking = commands.run("git rev-parse --verify " + remote + "/" + *branch);
    if (!tracking) return commands.not_replayable();
    if (tracking->exit_code != 0) {
      return PolicyVerdict::deny("Branch \"" + *branch + "\" has not been pushed to remote \"" + remote +
                                 "\". Run now: git push -u " + remote + " " + *branch);
    }
    auto unpushed = commands.run("git log " + remote + "/" + *branch + "..HEAD --oneline");
    if (!unpushed) return commands.not_replayable();
    if (unpushed->exit_code != 0) return could_not;
    const std::string lines = trimmed(*unpushed);
    if (!lines.empty()) {
      size_t count = 1;
      for (char c : lines) count += c == '\n';
      return PolicyVerdict::deny("You have " + std::to_string(count) + " unpushed commit" + (count > 1 ? "s" : "") +
                                 " on branch \"" + *branch + "\". Run now: git push");
    }
    return PolicyVerdict::allow("All commits pushed to \"" + remote + "\".");
  }
};

class RequirePr final : public StopPolicy {
 public:
  using StopPolicy::StopPolicy;
  PolicyVerdict evaluate(const PolicyInput& input) const override {
    if (input.cwd.empty()) return PolicyVerdict::allow("No working directory available, skipping PR check.");
    const PolicyVerdict could_not = PolicyVerdict::allow("Could not check PR status, skipping.");
    Commands commands(input);
    auto gh = commands.run("gh --version");
    if (!gh) return commands.not_replayable();
    if (gh->exit_code != 0) return PolicyVerdict::allow("GitHub CLI (gh) not installed, skipping PR check.");
    auto branch = commands.current_branch();
    if (!branch) return commands.not_replayable();
    if (branch->empty() || *branch == "HEAD") return PolicyVerdict::allow("Detached HEAD, skipping PR check.");
    const std::string base = param_text("baseBranch");
    if (is_base_branch(*branch)) return PolicyVerdict::allow("On base branch \"" + base + "\", skipping PR check.");

    auto ahead = commands.run("git log origin/" + base + "..HEAD --oneline");
    if (!ahead) return commands.not_replayable();
    if (ahead->exit_code == 0) {
      if (trimmed(*ahead).empty()) {
        return PolicyVerdict::allow("No commits ahead of origin/" + base + ", skipping PR check.");
      }
      auto diff = commands.run("git diff --stat origin/" + base + " HEAD");
      if (!diff) return commands.not_replayable();
      if (diff->exit_code == 0 && trimmed(*diff).empty()) {
        return PolicyVerdict::allow("No file changes compared to origin/" + base + ", skipping PR check.");
      }
    }
    auto view = commands.run("gh pr view --json number,url,state");
    if (!view) return commands.not_replayable();
    if (view->exit_code != 0) {
      return PolicyVerdict::deny("No pull request found for branch \"" + *branch + "\". Run now: gh pr create");
    }
    auto parsed = parse_json(trimmed(*view), "gh pr view");
    if (!parsed.is_ok() || parsed.value().is_null()) return could_not;  // JSON.parse or pr.state throws
    const JsonValue& pr = parsed.value();
    const JsonValue* state = pr.find("state");
    if (state != nullptr && state->is_string() && state->as_string() == "OPEN") {
      return PolicyVerdict::allow("PR #" + field_text(pr, "number") + " exists: " + field_text(pr, "url"));
    }
    if (state != nullptr && state->is_string() && state->as_string() == "MERGED") {
      return PolicyVerdict::allow("PR #" + field_text(pr, "number") + " was merged: " + field_text(pr, "url") +
                                  ". Switch off this branch (e.g. 'git checkout " + base +
                                  " && git pull') before stopping again.");
    }
    if (state == nullptr || !state->is_string()) return could_not;  // pr.state.toLowerCase() throws
    return PolicyVerdict::deny("Pull request for branch \"" + *branch + "\" is " + ascii_lower(state->as_string()) +
                               ". Run now: gh pr create");
  }
};

class RequireNoConflicts final : public StopPolicy {
 public:
  using StopPolicy::StopPolicy;
  PolicyVerdict evaluate(const PolicyInput& input) const override {
    if (input.cwd.empty()) return PolicyVerdict::allow("No working directory available, skipping conflict check.");
    Commands commands(input);
    auto branch = commands.current_branch();
    if (!branch) return commands.not_replayable();
    if (branch->empty() || *branch == "HEAD") return PolicyVerdict::allow("Detached HEAD, skipping conflict check.");
    const std::string base = param_text("baseBranch");
    if (is_base_branch(*branch)) {
      return PolicyVerdict::allow("On base branch \"" + base + "\", skipping conflict check.");
    }
    auto gh = commands.run("gh --version");
    if (!gh) return commands.not_replayable();
    if (gh->exit_code != 0) return PolicyVerdict::allow("gh CLI not installed, skipping conflict check.");
    auto view = commands.run("gh pr view --json mergeable,number,url,state");
    if (!view) return commands.not_replayable();
    if (view->exit_code != 0) return PolicyVerdict::allow("No pull request found for branch, skipping conflict check.");
    auto parsed = parse_json(trimmed(*view), "gh pr view");
    if (!parsed.is_ok()) return PolicyVerdict::allow("Could not parse gh pr view output, skipping conflict check.");
    const JsonValue& pr = parsed.value();
    if (pr.is_null()) return PolicyVerdict::failed("gh pr view printed null (pr.state throws)");
    const JsonValue* state = pr.find("state");
    if (!(state != nullptr && state->is_string() && state->as_string() == "OPEN")) {
      if (state == nullptr || !state->is_string()) return PolicyVerdict::failed("pr.state is not a string");
      return PolicyVerdict::allow("PR #" + field_text(pr, "number") + " is " + ascii_lower(state->as_string()) +
                                  "; skipping conflict check.");
    }

    // Layer 1, local: any of these three commands exiting with status 1 is read as merge-tree's "conflicts".
    std::optional<CommandResult> failed_with_one;
    for (int step = 0; step < 3 && !failed_with_one; ++step) {
      std::string command_line;
      if (step == 0) command_line = "git rev-parse --verify origin/" + base;
      if (step == 1) command_line = "git log origin/" + base + "..HEAD --oneline";
      if (step == 2) command_line = "git merge-tree --write-tree --name-only origin/" + base + " HEAD";
      auto result = commands.run(command_line);
      if (!result) return commands.not_replayable();
      if (result->exit_code == 1) failed_with_one = result;
      if (result->exit_code != 0) break;
      if (step == 1 && trimmed(*result).empty()) break;  // nothing ahead: no merge-tree
    }
    if (failed_with_one) {
      const std::string out = trimmed(*failed_with_one);
      std::string files;
      size_t line_start = out.find('\n');
      while (line_start != std::string::npos) {
        const size_t next = out.find('\n', line_start + 1);
        const std::string line =
            out.substr(line_start + 1, next == std::string::npos ? std::string::npos : next - line_start - 1);
        if (line.empty()) break;
        files += (files.empty() ? "" : ", ") + line;
        line_start = next;
      }
      if (files.empty()) files = "one or more files";
      return PolicyVerdict::deny("Branch \"" + *branch + "\" has merge conflicts with " + base + " in: " + files +
                                 ". Rebase or merge origin/" + base + " now and resolve the conflicts.");
    }
    const JsonValue* mergeable = pr.find("mergeable");
    const std::string mergeable_text = mergeable != nullptr && mergeable->is_string() ? mergeable->as_string() : "";
    if (mergeable_text == "CONFLICTING") {
      return PolicyVerdict::deny("PR #" + field_text(pr, "number") + " has merge conflicts per GitHub (" +
                                 field_text(pr, "url") + "). Rebase or merge origin/" + base +
                                 " now and resolve the conflicts.");
    }
    if (mergeable_text == "UNKNOWN") {
      return PolicyVerdict::deny("GitHub is still computing mergeability for PR #" + field_text(pr, "number") + " (" +
                                 field_text(pr, "url") +
                                 "). Wait ~10 seconds, then re-check with `gh pr view --json mergeable` before "
                                 "attempting to stop again.");
    }
    return PolicyVerdict::allow("PR #" + field_text(pr, "number") + " merges cleanly per GitHub.");
  }
};

class RequireCiGreen final : public StopPolicy {
 public:
  using StopPolicy::StopPolicy;
  PolicyVerdict evaluate(const PolicyInput& input) const override {
    if (input.cwd.empty()) return PolicyVerdict::allow("No working directory available, skipping CI check.");
    const PolicyVerdict could_not = PolicyVerdict::allow("Could not check CI status, skipping.");
    Commands commands(input);
    auto gh = commands.run("gh --version");
    if (!gh) return commands.not_replayable();
    if (gh->exit_code != 0) return PolicyVerdict::allow("GitHub CLI (gh) not installed, skipping CI check.");
    auto branch = commands.current_branch();
    if (!branch) return commands.not_replayable();
    if (branch->empty() || *branch == "HEAD") return PolicyVerdict::allow("Detached HEAD, skipping CI check.");
    auto head = commands.run("git rev-parse HEAD");
    if (!head) return commands.not_replayable();
    const std::string sha = head->exit_code == 0 ? trimmed(*head) : "";

    std::vector<JsonValue> checks;  // {name, status, conclusion} objects
    auto runs = commands.run("gh run list --branch " + *branch + " --limit 20 --json status,conclusion,name,headSha");
    if (!runs) return commands.not_replayable();
    const std::string runs_json = trimmed(*runs);
    if (runs->exit_code == 0 && !runs_json.empty() && runs_json != "[]") {
      auto parsed = parse_json(runs_json, "gh run list");
      // A parse failure or a non-array is caught by failproofai's try: no workflow runs.
      if (parsed.is_ok() && parsed.value().is_array()) {
        std::set<std::string> seen;
        std::vector<JsonValue> kept;
        bool throws = false;
        for (const JsonValue& run : parsed.value().items()) {
          if (run.is_null()) {  // r.headSha / r.name on null throws: the whole list is dropped
            throws = true;
            break;
          }
          const JsonValue* run_sha = run.find("headSha");
          if (!sha.empty() && !(run_sha != nullptr && run_sha->is_string() && run_sha->as_string() == sha)) continue;
          const JsonValue* name = run.find("name");
          if (!seen.insert(name != nullptr ? json_stringify(*name) : "undefined").second) continue;
          kept.push_back(run);
        }
        if (!throws) checks = std::move(kept);
      }
    }
    if (!sha.empty()) {
      auto check_runs = commands.run("gh api repos/{owner}/{repo}/commits/" + sha + "/check-runs");
      if (!check_runs) return commands.not_replayable();
      const std::string check_json = trimmed(*check_runs);
      if (check_runs->exit_code == 0 && !check_json.empty() && check_json != "[]") {
        auto parsed = parse_json(check_json, "gh api check-runs");
        if (parsed.is_ok()) {
          // Returned unchecked: anything but an array makes the later spread throw.
          if (!parsed.value().is_array()) return could_not;
          for (const JsonValue& run : parsed.value().items()) checks.push_back(run);
        }
      }
      auto statuses = commands.run("gh api repos/{owner}/{repo}/commits/" + sha + "/statuses");
      if (!statuses) return commands.not_replayable();
      const std::string status_json = trimmed(*statuses);
      if (statuses->exit_code == 0 && !status_json.empty() && status_json != "[]") {
        auto parsed = parse_json(status_json, "gh api statuses");
        if (parsed.is_ok() && parsed.value().is_array()) {
          std::vector<JsonValue> mapped;
          bool throws = false;
          for (const JsonValue& status : parsed.value().items()) {
            if (status.is_null()) {
              throws = true;
              break;
            }
            const JsonValue* state = status.find("state");
            const bool pending = state != nullptr && state->is_string() && state->as_string() == "pending";
            const bool success = state != nullptr && state->is_string() && state->as_string() == "success";
            const JsonValue* name = status.find("name");
            JsonValue check = JsonValue::object();
            if (name != nullptr) check.set("name", *name);
            check.set("status", JsonValue::string(pending ? "in_progress" : "completed"));
            check.set("conclusion", JsonValue::string(pending ? "" : success ? "success" : "failure"));
            mapped.push_back(std::move(check));
          }
          if (!throws) checks.insert(checks.end(), mapped.begin(), mapped.end());
        }
      }
    }
    const std::string quoted_branch = "\"" + *branch + "\"";
    if (checks.empty()) return PolicyVerdict::allow("No CI runs found for branch " + quoted_branch + ".");
    std::string failing, pending;
    for (const JsonValue& check : checks) {
      if (check.is_null()) return could_not;
      const std::string status = check.find_string("status") != nullptr ? *check.find_string("status") : "";
      const JsonValue* conclusion = check.find("conclusion");
      const bool conclusion_ok = conclusion != nullptr && conclusion->is_string() &&
                                 (conclusion->as_string() == "success" || conclusion->as_string() == "skipped" ||
                                  conclusion->as_string() == "cancelled");
      const std::string name = "\"" + field_text(check, "name") + "\"";
      if (status == "completed" && !conclusion_ok) failing += (failing.empty() ? "" : ", ") + name;
      if (status == "in_progress" || status == "queued" || status == "waiting") {
        pending += (pending.empty() ? "" : ", ") + name;
      }
    }
    if (!failing.empty()) {
      return PolicyVerdict::deny("CI checks are failing on branch " + quoted_branch + ": " + failing +
                                 ". Fix the failing checks now.");
    }
    if (!pending.empty()) {
      return PolicyVerdict::deny("CI checks are still running on branch " + quoted_branch + ": " + pending +
                                 ". Wait for all checks to complete, then verify they pass.");
    }
    return PolicyVerdict::allow("All CI checks passed on branch " + quoted_branch + ".");
  }
};

}  // namespace

Result<std::unique_ptr<BuiltinPolicy>> make_workflow_policy(PolicyId id, const PolicyParams& params) {
  switch (id) {
    case PolicyId::require_commit_before_stop:
      return std::unique_ptr<BuiltinPolicy>(std::make_unique<RequireCommit>(params));
    case PolicyId::require_push_before_stop:
      return std::unique_ptr<BuiltinPolicy>(std::make_unique<RequirePush>(params));
    case PolicyId::require_pr_before_stop: return std::unique_ptr<BuiltinPolicy>(std::make_unique<RequirePr>(params));
    case PolicyId::require_no_conflicts_before_stop:
      return std::unique_ptr<BuiltinPolicy>(std::make_unique<RequireNoConflicts>(params));
    case PolicyId::require_ci_green_before_stop:
      return std::unique_ptr<BuiltinPolicy>(std::make_unique<RequireCiGreen>(params));
    default: return Status(ErrorCode::invalid_argument, "not a workflow policy");
  }
}

}  // namespace agentreel::policy

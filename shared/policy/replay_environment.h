// The state a live failproofai hook reads outside its stdin payload, supplied by whoever replays a session:
// the hook process's environment ($CLAUDE_PROJECT_DIR, $HOME) and the answers of the git / gh commands the Stop
// policies run. Plain data and an interface; no I/O (a caller that wants live answers implements CommandOracle).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace agentreel::policy {

struct ReplayEnvironment {
  // $CLAUDE_PROJECT_DIR of the hook process; empty means unset (block-read-outside-cwd then uses the payload's
  // cwd). Claude Code sets it to the directory the session started in: offline, the session's first cwd.
  std::string project_dir;
  // $HOME (Node's os.homedir()) on the recorded machine: "~" in commands and the agent-internal directories.
  std::string home;
};

// The result of a command a Stop policy runs (failproofai uses execSync: a non-zero exit code, a timeout or a
// missing program all throw; exit_code != 0 stands for all of them).
struct CommandResult {
  int exit_code = 0;
  std::string stdout_text;
};

// Answers the git / gh commands the Stop policies (#35-#39) run in the payload's cwd, keyed by the exact command
// line failproofai runs (docs/policies.md lists them), e.g. "git status --porcelain" or
// "git log origin/main..HEAD --oneline". nullopt: not recorded, so the policy's verdict is not_replayable.
class CommandOracle {
 public:
  virtual ~CommandOracle() = default;
  virtual std::optional<CommandResult> run(std::string_view command_line) const = 0;
};

// A CommandOracle backed by a recorded table.
class RecordedCommands final : public CommandOracle {
 public:
  void record(std::string command_line, CommandResult result) { table_[std::move(command_line)] = std::move(result); }
  std::optional<CommandResult> run(std::string_view command_line) const override {
    auto it = table_.find(command_line);
    if (it == table_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::map<std::string, CommandResult, std::less<>> table_;
};

}  // namespace agentreel::policy

// Verdicts of the three Bash policy hooks. Reasons are written the way a team would word them for an agent:
// what was blocked and what to do instead, so the agent's next step can follow the advice.
#include "agenteye_gen/policy_hooks.h"

namespace agentreel::gen {
namespace {

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

}  // namespace

std::string_view hook_name(BashPolicy policy) {
  switch (policy) {
    case BashPolicy::block_force_push: return "block-force-push";
    case BashPolicy::block_rm_rf: return "block-rm-rf";
    case BashPolicy::block_sudo: return "block-sudo";
  }
  return "block-sudo";
}

PolicyVerdict evaluate_policy(BashPolicy policy, std::string_view command) {
  switch (policy) {
    case BashPolicy::block_force_push:
      if (contains(command, "push --force") || contains(command, "push -f")) {
        return {true,
                "Force-pushing is not allowed: main and release/* are protected. Push to a new branch and open a "
                "pull request instead.",
                "git push --force"};
      }
      break;
    case BashPolicy::block_rm_rf:
      if (contains(command, "rm -rf ~") || contains(command, "rm -rf /") || contains(command, "rm -rf $HOME")) {
        return {true,
                "rm -rf outside the workspace is blocked. Delete only paths inside the repository, or use the tool's "
                "own cache option (e.g. --no-cache-dir).",
                "rm -rf ~"};
      }
      break;
    case BashPolicy::block_sudo:
      if (command.starts_with("sudo ") || contains(command, "&& sudo ")) {
        return {true,
                "sudo is not available to agents. Install into the user environment (pip --user, npx, cargo) or ask "
                "a human to provision the package.",
                "sudo"};
      }
      break;
  }
  return {};
}

}  // namespace agentreel::gen

// The pre_tool_use policy hooks a session may have configured for Bash ("block-force-push", "block-rm-rf",
// "block-sudo") and their verdicts on a command. Plain string matching, as such hook scripts usually do.
// Pure functions; the session decides when hooks run and writes the events.
#pragma once

#include <string_view>

namespace agentreel::gen {

enum class BashPolicy { block_force_push, block_rm_rf, block_sudo };

struct PolicyVerdict {
  bool denied = false;
  std::string_view reason;   // shown to the agent; empty when allowed
  std::string_view matched;  // the part of the command that triggered the denial
};

std::string_view hook_name(BashPolicy policy);
PolicyVerdict evaluate_policy(BashPolicy policy, std::string_view command);

}  // namespace agentreel::gen

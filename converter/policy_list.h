// A policy list as people write it (`--policies`, the MCP audit tool's `policies`): failproofai's policy names,
// "default" (or "defaults": the 11 it enables on install) and "all", comma-separated. An unknown name is an error
// naming it. (cmd_audit.cpp reads --policies with the same rule; it may call this.)
#pragma once

#include <string>

#include "core/status.h"
#include "policy/policy_selection.h"

namespace agentreel::cli {

Result<policy::PolicySelection> parse_policy_list(const std::string& list);

}  // namespace agentreel::cli

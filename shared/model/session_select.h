// One way to name a session everywhere (CLI, viewer, page, MCP): its id, a unique prefix of its id, or "#N",
// its 1-based number in the bundle's session list. An unknown or ambiguous name is an error that says which
// sessions exist or which ones the prefix matches — never a fallback to the first session.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/status.h"
#include "model/trace.h"

namespace agentreel {

Result<uint32_t> resolve_session(const Trace& trace, std::string_view name);

// "#3 bf2db2c0-…" style label: the number and the id.
std::string session_label(const Trace& trace, uint32_t session);

}  // namespace agentreel

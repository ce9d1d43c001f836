// What the MCP tools share: naming a session, bounding text, and one session's row (list_sessions' entries and the
// head of session_summary). Rows reuse the summaries `info` and `why` print (model/session_summary.h), so the
// numbers agree with `agentreel info --json`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/json_writer.h"
#include "core/status.h"
#include "mcp/served_run.h"

namespace agentreel::mcp {

// A session named as everywhere: its id, a unique prefix of it, or "#N" (a bare number N reads as "#N").
Result<uint32_t> session_argument(const Trace& trace, const std::string& name);

// At most max_bytes of text (whole UTF-8 characters), with "…" when cut; `cut` set when it was.
std::string bounded(std::string_view text, size_t max_bytes, bool* cut = nullptr);

// The session's format, as its first input's reader names it ("claude_code", "openhands", ...).
std::string_view session_source(const Trace& trace, uint32_t session);

// id, number, title, source, project, start, start_ns, duration_ns, clock, spans, first_span, tool_calls,
// model_calls, errors, denials, tokens, cost_usd, cost_unknown_calls, and verdict when with_verdict.
void write_session_row(JsonWriter& out, ServedRun& run, uint32_t session, bool with_verdict);

}  // namespace agentreel::mcp

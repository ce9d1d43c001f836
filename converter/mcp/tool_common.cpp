// Helpers of the MCP tools (see tool_common.h).
#include "mcp/tool_common.h"

#include "core/text.h"
#include "core/timestamp.h"
#include "model/session_select.h"
#include "summary_json.h"

namespace agentreel::mcp {

Result<uint32_t> session_argument(const Trace& trace, const std::string& name) {
  if (!name.empty() && name.find_first_not_of("0123456789") == std::string::npos) {
    // A bare number is a session number unless some session id starts with it.
    bool id_prefix = false;
    for (const Session& s : trace.sessions) id_prefix = id_prefix || trace.strings.get(s.id).starts_with(name);
    if (!id_prefix) return resolve_session(trace, "#" + name);
  }
  return resolve_session(trace, name);
}

std::string bounded(std::string_view text, size_t max_bytes, bool* cut) {
  if (text.size() <= max_bytes) return std::string(text);
  if (cut) *cut = true;
  return std::string(utf8_prefix(text, max_bytes)) + "\xE2\x80\xA6";
}

std::string_view session_source(const Trace& trace, uint32_t session) {
  const Session& s = trace.sessions[session];
  return s.input < trace.inputs.size() ? std::string_view(trace.inputs[s.input].format) : std::string_view();
}

void write_session_row(JsonWriter& out, ServedRun& run, uint32_t session, bool with_verdict) {
  const Trace& trace = run.opened().trace();
  const Session& s = trace.sessions[session];
  const SessionSummary& summary = run.summary(session);
  out.key("id").value(trace.strings.get(s.id));
  out.key("number").value(session + 1);
  out.key("title").value(summary.title);
  out.key("source").value(session_source(trace, session));
  out.key("project").value(summary.project);
  const SessionClock clock = session_clock(s.flags);
  if (clock == SessionClock::wall) {
    out.key("start").value(format_rfc3339_ns(s.start_ns));
  } else {
    out.key("start").null();  // step numbers or execution time: no moment of the day
  }
  out.key("start_ns").value(s.start_ns);
  out.key("duration_ns").value(s.end_ns - s.start_ns);
  out.key("clock").value(session_clock_id(clock));
  out.key("spans").value(s.span_count);
  out.key("first_span").value(s.first_span);
  out.key("tool_calls").value(summary.tool_calls);
  out.key("model_calls").value(summary.model_calls);
  out.key("errors").value(summary.errors);
  uint64_t denials = 0;  // as `info --json` counts them: the denied call and the hook that denied it
  for (uint32_t i = s.first_span; i < s.first_span + s.span_count; ++i)
    denials += trace.spans.status[i] == SpanStatus::denied;
  out.key("denials").value(denials);
  cli::write_tokens_and_cost(out, summary);
  if (with_verdict) out.key("verdict").value(run.diagnosis(session).verdict);
}

}  // namespace agentreel::mcp

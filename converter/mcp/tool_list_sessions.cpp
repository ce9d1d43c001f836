// list_sessions: the run's sessions, newest first, filtered by time, source, project and verdict, paged.
#include <algorithm>
#include <cctype>
#include <chrono>

#include "core/timestamp.h"
#include "mcp/tool.h"
#include "mcp/tool_common.h"

namespace agentreel::mcp {
namespace {

constexpr std::string_view kSchema = R"schema({"type":"object","properties":{
"since":{"type":"string","description":"only sessions that started at or after this: a span back from now (\"30m\", \"7d\", \"2w\"; units s, m, h, d, w) or an ISO 8601 time (\"2026-12-01\", \"2026-12-01T09:00:00Z\"). Sessions without a wall clock (SWE-agent, OpenHands step numbers) are left out"},
"source":{"type":"string","description":"the log format, a case-insensitive part of it: claude_code, codex, gemini, copilot, openhands, swe_agent, mini_swe_agent, otlp, agenteye, hooks"},
"project":{"type":"string","description":"a case-insensitive part of the project (the working directory's last component) or of the working directory"},
"verdict":{"type":"string","description":"a case-insensitive part of the diagnosis verdict, e.g. \"loop\", \"blocked\", \"clean run\""},
"limit":{"type":"integer","minimum":1,"maximum":500,"default":50,"description":"sessions returned at most"},
"offset":{"type":"integer","minimum":0,"default":0,"description":"skip this many matching sessions (paging: the previous answer's next_offset)"
}
}
, "additionalProperties" : false
})schema";

std::string folded(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = c == '-' ? '_' : char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool contains_folded(std::string_view hay, std::string_view needle) {
  return folded(hay).find(folded(needle)) != std::string::npos;
}

// "7d" -> now - 7 days; an ISO time or date as itself. nullopt when unreadable.
std::optional<int64_t> since_ns(const std::string& since) {
  size_t digits = 0;
  while (digits < since.size() && std::isdigit(static_cast<unsigned char>(since[digits]))) ++digits;
  if (digits > 0 && digits < since.size() && digits <= 9 && since.find('-') == std::string::npos) {
    const std::string unit = since.substr(digits);
    int64_t seconds = 0;
    if (unit == "s" || unit == "sec") seconds = 1;
    if (unit == "m" || unit == "min") seconds = 60;
    if (unit == "h") seconds = 3600;
    if (unit == "d") seconds = 86400;
    if (unit == "w") seconds = 7 * 86400;
    if (seconds == 0) return std::nullopt;
    const int64_t now =
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    return now - std::stoll(since.substr(0, digits)) * seconds * 1'000'000'000;
  }
  if (auto at = parse_rfc3339_ns(since)) return at;
  if (since.size() == 10) return parse_rfc3339_ns(since + "T00:00:00Z");  // a date
  if (since.size() == 16 || since.size() == 19) return parse_rfc3339_ns(since + (since.size() == 16 ? ":00Z" : "Z"));
  return std::nullopt;
}

ToolResult list_sessions(ServedRun& run, ToolArgs& args) {
  if (auto unknown = args.unknown_argument({"since", "source", "project", "verdict", "limit", "offset"});
      !unknown.empty())
    return ToolResult::failure(unknown);
  const std::string since = args.text("since"), source = args.text("source"), project = args.text("project"),
                    verdict = args.text("verdict");
  const int64_t limit = args.integer("limit", 50, 1, 500), offset = args.integer("offset", 0, 0, INT32_MAX);
  if (!args.error().empty()) return ToolResult::failure(args.error());
  std::optional<int64_t> from;
  if (!since.empty()) {
    from = since_ns(since);
    if (!from)
      return ToolResult::failure("since: \"" + since +
                                 "\" is neither a span back from now (30m, 12h, 7d, 2w) nor an ISO 8601 time");
  }
  const Trace& trace = run.opened().trace();
  if (!verdict.empty()) run.diagnose_all();  // side by side, before filtering on them

  std::vector<uint32_t> matched;
  for (uint32_t s = 0; s < trace.sessions.size(); ++s) {
    const Session& session = trace.sessions[s];
    if (from && (session_clock(session.flags) != SessionClock::wall || session.start_ns < *from)) continue;
    if (!source.empty() && !contains_folded(session_source(trace, s), source)) continue;
    if (!project.empty()) {
      const SessionSummary& summary = run.summary(s);
      if (!contains_folded(summary.project, project) && !contains_folded(summary.cwd, project)) continue;
    }
    if (!verdict.empty() && !contains_folded(run.diagnosis(s).verdict, verdict)) continue;
    matched.push_back(s);
  }
  // Newest first: wall-clock sessions by start, then the others in bundle order.
  std::stable_sort(matched.begin(), matched.end(), [&](uint32_t a, uint32_t b) {
    const bool wall_a = session_clock(trace.sessions[a].flags) == SessionClock::wall;
    const bool wall_b = session_clock(trace.sessions[b].flags) == SessionClock::wall;
    if (wall_a != wall_b) return wall_a;
    return wall_a && trace.sessions[a].start_ns > trace.sessions[b].start_ns;
  });
  const size_t first = std::min<size_t>(size_t(offset), matched.size());
  const size_t last = std::min<size_t>(first + size_t(limit), matched.size());
  if (verdict.empty()) {
    // Verdicts of the page only (a whole history's diagnosis is not needed to list it).
    for (size_t i = first; i < last; ++i) run.diagnosis(matched[i]);
  }

  JsonWriter out;
  out.begin_object();
  out.key("sessions_in_run").value(uint64_t(trace.sessions.size()));
  out.key("spans_in_run").value(uint64_t(trace.spans.size()));
  out.key("matched").value(uint64_t(matched.size()));
  out.key("offset").value(uint64_t(first));
  out.key("order").value("newest first (sessions without a wall clock last, in the run's order)");
  out.key("sessions").begin_array();
  for (size_t i = first; i < last; ++i) {
    out.begin_object();
    write_session_row(out, run, matched[i], true);
    out.end_object();
  }
  out.end_array();
  if (last < matched.size()) {
    out.key("next_offset").value(uint64_t(last));
    out.key("note").value("showing " + std::to_string(last - first) + " of " + std::to_string(matched.size()) +
                          " matching sessions; call again with offset=" + std::to_string(last) +
                          " for more, or narrow with since, source, project or verdict");
  } else {
    out.key("next_offset").null();
  }
  out.end_object();
  return ToolResult::ok(out.take());
}

}  // namespace

const Tool kListSessionsTool = {
    "list_sessions", "List sessions",
    "The sessions of the served run, newest first: id, number (#N), title, source format, project, start, "
    "duration, spans, tool calls, errors, denials, tokens by class, cost in USD and the diagnosis verdict. Filters: "
    "since, source, project, verdict; paged with limit and offset.",
    kSchema, list_sessions};

}  // namespace agentreel::mcp

// session_summary: one session's summary (as `info`) and diagnosis (as `why --json`: the verdict and each finding's
// structured fields), bounded.
#include "diagnosis/diagnosis.h"
#include "mcp/tool.h"
#include "mcp/tool_common.h"
#include "summary_json.h"

namespace agentreel::mcp {
namespace {

constexpr std::string_view kSchema = R"schema({"type":"object","properties":{
"session":{"type":"string","description":"the session: its id, a unique prefix of it, or #N (its number from list_sessions)"
}
, "max_findings" : {
  "type" : "integer",
           "minimum" : 1,
           "maximum" : 200,
           "default" : 50,
           "description" : "findings returned at most (they are ranked: critical first)"
}
}
, "required" : ["session"], "additionalProperties" : false
})schema";

constexpr size_t kMaxReplyBytes = 2000;
constexpr size_t kMaxEvidenceBytes = 600;

ToolResult session_summary(ServedRun& run, ToolArgs& args) {
  if (auto unknown = args.unknown_argument({"session", "max_findings"}); !unknown.empty())
    return ToolResult::failure(unknown);
  const std::string name = args.text("session");
  const int64_t max_findings = args.integer("max_findings", 50, 1, 200);
  if (!args.error().empty()) return ToolResult::failure(args.error());
  if (name.empty()) return ToolResult::failure("session is required: an id, a unique prefix of one, or #N");
  const Trace& trace = run.opened().trace();
  auto session = session_argument(trace, name);
  if (!session.is_ok()) return ToolResult::failure(session.status().message());
  const uint32_t s = session.value();
  const SessionSummary& summary = run.summary(s);
  const diagnosis::SessionDiagnosis& diagnosis = run.diagnosis(s);

  bool cut = false;
  JsonWriter out;
  out.begin_object();
  write_session_row(out, run, s, true);
  out.key("cwd").value(summary.cwd);
  out.key("branch").value(summary.branch);
  out.key("models").begin_array();
  for (const std::string& m : summary.models) out.value(m);
  out.end_array();
  const Session& info = trace.sessions[s];
  out.key("input").value(info.input < trace.inputs.size() ? std::string_view(trace.inputs[info.input].path) : "");
  out.key("final_reply").value(bounded(summary.final_reply, kMaxReplyBytes, &cut));
  out.key("findings_total").value(uint64_t(diagnosis.findings.size()));
  out.key("findings").begin_array();
  for (size_t i = 0; i < diagnosis.findings.size() && i < size_t(max_findings); ++i) {
    const diagnosis::Finding& f = diagnosis.findings[i];
    out.begin_object();
    cli::write_finding_fields(out, f, [&](std::string_view text) { return bounded(text, kMaxEvidenceBytes, &cut); });
    out.end_object();
  }
  out.end_array();
  std::string note;
  if (diagnosis.findings.size() > size_t(max_findings))
    note = std::to_string(diagnosis.findings.size() - size_t(max_findings)) +
           " more findings not shown (raise max_findings). ";
  if (cut) note += "Long texts were cut (marked \xE2\x80\xA6); span_records gives a span's whole records.";
  if (!note.empty()) out.key("note").value(note);
  out.end_object();
  return ToolResult::ok(out.take());
}

}  // namespace

const Tool kSessionSummaryTool = {
    "session_summary", "Session summary and diagnosis",
    "One session: its title, project, branch, models, counts, tokens and cost, last reply, and the diagnosis of "
    "`agentreel why` (the verdict and ranked findings: kind loop/drift/blocked/bypass/error/gave_up/unfinished/"
    "stall/waiting/compaction/model_switch, severity, the spans involved, count, cause_span, action, policy, reason, "
    "summary, evidence). Span numbers are global; span_records shows one span's records.",
    kSchema, session_summary};

}  // namespace agentreel::mcp

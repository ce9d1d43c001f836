// audit: a session's tool calls replayed through failproofai's policies (shared/policy/audit_replay.h, the engine
// `agentreel audit` runs), per session what each policy would have denied or instructed, bounded.
#include "mcp/tool.h"
#include "mcp/tool_common.h"
#include "policy/audit_replay.h"
#include "policy/policy_config.h"
#include "policy_list.h"

namespace agentreel::mcp {
namespace {

using namespace agentreel::policy;

constexpr std::string_view kSchema = R"schema({"type":"object","properties":{
"session":{"type":"string","description":"audit this session only: its id, a unique prefix, or #N; all sessions when absent"},
"policies":{"type":"string","default":"default","description":"comma-separated failproofai policy names (block-sudo, block-rm-rf, ...) and the keywords default (the 11 failproofai enables on install) and all (39)"
}
, "what_if" : {
  "type" : "boolean",
  "default" : false,
  "description" : "also report what each policy would object to on its own, where an earlier denial hid it"
},
              "max_findings" : {
  "type" : "integer",
           "minimum" : 1,
           "maximum" : 500,
           "default" : 100,
           "description" : "findings returned at most per session"
}
}
, "additionalProperties" : false
})schema";

constexpr size_t kMaxReasonBytes = 600;

struct Counts : AuditTally {
  void write(JsonWriter& out, bool with_what_if) const {
    out.key("calls").value(calls).key("mapped_calls").value(mapped).key("post_calls").value(post_calls);
    out.key("denied_calls").value(denied).key("post_denied_calls").value(post_denied);
    out.key("instructed_calls").value(instructed);
    if (with_what_if) out.key("what_if_calls").value(what_if);
    out.key("uncertain_calls").value(uncertain);
    out.key("recorded_denial_counts").begin_object().key("count").value(recorded).key("agree").value(agree);
    out.key("differs").value(differs).key("missed").value(missed).end_object();
  }
};

ToolResult audit(ServedRun& run, ToolArgs& args) {
  if (auto unknown = args.unknown_argument({"session", "policies", "what_if", "max_findings"}); !unknown.empty())
    return ToolResult::failure(unknown);
  const std::string session_name = args.text("session"), list = args.text("policies", "default");
  const bool what_if = args.flag("what_if", false);
  const int64_t max_findings = args.integer("max_findings", 100, 1, 500);
  if (!args.error().empty()) return ToolResult::failure(args.error());
  auto selection = cli::parse_policy_list(list);
  if (!selection.is_ok()) return ToolResult::failure("policies: " + selection.status().message());
  const ConfigLoad defaults = merge_policy_config(ConfigFiles{});  // no configuration: each policy's defaults
  auto engine = PolicyEngine::create(selection.value(), defaults.config);
  if (!engine.is_ok()) return ToolResult::failure("policies: " + engine.status().message());

  const Trace& trace = run.opened().trace();
  std::vector<uint32_t> sessions;
  if (!session_name.empty()) {
    auto s = session_argument(trace, session_name);
    if (!s.is_ok()) return ToolResult::failure(s.status().message());
    sessions.push_back(s.value());
  } else {
    for (uint32_t s = 0; s < trace.sessions.size(); ++s) sessions.push_back(s);
  }
  const RecordReader read = run.reader();
  const AuditOptions options{what_if ? EvaluationMode::what_if : EvaluationMode::live, true};
  const std::vector<PolicyId> enabled = engine.value().enabled_policies();

  JsonWriter out;
  out.begin_object();
  out.key("mode").value(what_if ? "what_if" : "live");
  out.key("policies").begin_array();
  for (PolicyId id : enabled) out.value(canonical_policy_name(id));
  out.end_array();
  out.key("not_replayable_policies").begin_array();  // need live git / GitHub state at stop time
  for (PolicyId id : enabled) {
    if (policy_info(id).events == kStop) out.value(canonical_policy_name(id));
  }
  out.end_array();
  Counts totals;
  bool cut = false;
  out.key("sessions").begin_array();
  for (uint32_t s : sessions) {
    const SessionAudit a = audit_session(engine.value(), trace, read, s, options);
    const Session& session = trace.sessions[s];
    Counts counts;
    counts.add(a);
    totals.add(a);
    out.begin_object();
    out.key("session").value(trace.strings.get(session.id)).key("session_number").value(s + 1);
    out.key("project_dir").value(a.project_dir);
    counts.write(out, what_if);
    out.key("by_policy").begin_array();
    for (PolicyId id : enabled) {
      uint64_t deny = 0, instruct = 0;
      for (const AuditFinding& f : a.findings) {
        if (f.policy != id) continue;
        deny += f.kind == VerdictKind::deny;
        instruct += f.kind == VerdictKind::instruct;
      }
      if (deny + instruct == 0) continue;
      out.begin_object().key("policy").value(canonical_policy_name(id));
      out.key("deny").value(deny).key("instruct").value(instruct).end_object();
    }
    out.end_array();
    out.key("findings_total").value(uint64_t(a.findings.size()));
    out.key("findings").begin_array();
    for (size_t i = 0; i < a.findings.size() && i < size_t(max_findings); ++i) {
      const AuditFinding& f = a.findings[i];
      out.begin_object().key("policy").value(canonical_policy_name(f.policy));
      out.key("span").value(f.span).key("span_in_session").value(f.span - session.first_span);
      out.key("tool").value(trace.name_of(f.span));
      out.key("event").value(f.post_tool_use ? "PostToolUse" : "PreToolUse");
      out.key("decision").value(verdict_kind_name(f.kind)).key("live").value(f.live);
      out.key("reason").value(bounded(f.reason, kMaxReasonBytes, &cut)).end_object();
    }
    out.end_array();
    cut = cut || a.findings.size() > size_t(max_findings) || a.recorded.size() > size_t(max_findings);
    out.key("recorded_denials").begin_array();
    for (size_t i = 0; i < a.recorded.size() && i < size_t(max_findings); ++i) {
      const RecordedDenial& d = a.recorded[i];
      out.begin_object().key("span").value(d.span).key("span_in_session").value(d.span - session.first_span);
      out.key("denied_by").value(d.denied_by).key("policy").value(d.recorded_policy);
      out.key("replay_policy").value(d.replay_policy).key("agreement").value(agreement_name(d.agreement));
      out.end_object();
    }
    out.end_array().end_object();
  }
  out.end_array();
  out.key("totals").begin_object();
  totals.write(out, what_if);
  out.end_object();
  out.key("would_deny").value(totals.denied + totals.post_denied > 0);
  if (cut) out.key("note").value("some findings or reasons were cut: raise max_findings, or audit one session");
  out.end_object();
  return ToolResult::ok(out.take());
}

}  // namespace

const Tool kAuditTool = {
    "audit", "Policy audit (failproofai)",
    "Every recorded tool call replayed through failproofai's built-in policies (as `agentreel audit`): per session "
    "the calls each policy would have denied or instructed on, with the reason the agent would have been shown, "
    "and how the replay compares with the denials the recording holds. Policies run with their default "
    "parameters.",
    kSchema, audit};

}  // namespace agentreel::mcp

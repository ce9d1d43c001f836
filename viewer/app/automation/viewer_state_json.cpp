// ViewerProbe::state_json (see viewer_probe.h): the state tests read, natively after scripted clicks
// (agentreel-viewer --print-state) and in the browser (window.agentreel.state). Reads the app, changes nothing.
#include <algorithm>
#include <cstdio>
#include <string>

#include "app/automation/viewer_probe.h"
#include "core/json_string.h"
#include "model/conversation.h"
#include "policy/policy_catalog.h"

namespace agentreel::viewer {
namespace {

void append_number(std::string& out, double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  out += buffer;
}

void append_rect(std::string& out, const ProbeRect& r) {
  out += '[';
  append_number(out, r.x0);
  out += ',';
  append_number(out, r.y0);
  out += ',';
  append_number(out, r.x1);
  out += ',';
  append_number(out, r.y1);
  out += ']';
}

}  // namespace

std::string ViewerProbe::state_json() const {
  const ViewerApp& app = app_;
  const ViewState& view = app.view_;
  std::string out = "{\"loaded\":";
  out += app.state_ == LoadState::loaded ? "true" : "false";
  if (app.state_ != LoadState::loaded || !app.doc_) return out + "}";
  const Trace& trace = app.doc_->trace();
  out += ",\"session\":" + std::to_string(view.session) + ",\"session_id\":";
  append_json_string(out, app.current_session_id());
  out += ",\"selected_span\":";
  out += view.selected_span == kNoSpan ? "-1" : std::to_string(view.selected_span);
  if (view.selected_span < trace.spans.size()) {
    out += ",\"selected_kind\":\"" + std::string(span_kind_name(trace.spans.kind[view.selected_span])) + '"';
    out += ",\"selected_bookkeeping\":";
    out += is_bookkeeping_span(trace, view.selected_span) ? "true" : "false";
  }
  out += ",\"selected_secrets\":";
  append_json_string(out, app.details_.secrets_phrase());
  out += ",\"hooks_shown\":";
  out += app.rail_.hide_bookkeeping() ? "false" : "true";
  out += ",\"conversation\":{\"rows\":" + std::to_string(app.conversation_.row_count()) +
         ",\"selected_row\":" + std::to_string(app.conversation_.followed_row()) +
         ",\"first_visible_row\":" + std::to_string(app.conversation_.first_visible_row()) + '}';
  out += ",\"playhead_ns\":";  // from the session start; -1 when there is none
  append_number(out, view.playhead_ns);
  // The rail's visible window as offsets from the session start, in ns.
  const RailPanel& rail = app.rail_;
  out += ",\"view\":{\"start_ns\":";
  append_number(out, rail.viewport().start_ns);
  out += ",\"end_ns\":";
  append_number(out, rail.viewport().time_at(rail.last_width()));
  out += ",\"session_ns\":";
  if (view.session < trace.sessions.size()) {
    append_number(out,
                  static_cast<double>(trace.sessions[view.session].end_ns - trace.sessions[view.session].start_ns));
  } else {
    out += "0";
  }
  out += "},\"rail\":{\"lanes\":" + std::to_string(rail.drawn_lane_count());
  out += ",\"hidden_spans\":" + std::to_string(rail.collapse().hidden_count()) + ",\"rebuild_ms\":";
  append_number(out, rail.collapse().last_rebuild_ms());
  out += ",\"collapsed\":[";
  for (size_t i = 0; i < rail.collapse().collapsed().size(); ++i) {
    out += (i ? "," : "") + std::to_string(rail.collapse().collapsed()[i]);
  }
  out += "]},\"find\":{\"query\":";
  append_json_string(out, app.find_buffer_);
  out += ",\"matches\":" + std::to_string(app.matches_.size()) + ",\"error\":";
  append_json_string(out, app.query_error_);
  out += ",\"focused\":";
  out += app.find_has_focus_ ? "true" : "false";
  out += "},\"focused_finding\":" + std::to_string(view.focused_finding);
  out += ",\"sessions_analysed\":" + std::to_string(app.diagnosis_.analysed_count());
  // The shown session's secrets (null until scanned): spans whose records hold one (the first 1,000 listed) and
  // distinct secrets by kind, as `agentreel secrets` counts them.
  out += ",\"sessions_scanned\":" + std::to_string(app.secrets_.scanned_count());
  out += ",\"secrets_scan\":{\"bytes\":" + std::to_string(app.secrets_.scanned_bytes()) + ",\"ms\":";
  append_number(out, app.secrets_.scanned_ms());
  out += '}';
  out += ",\"redacted\":";
  out += app.secrets_.redacted() ? "true" : "false";
  out += ",\"secrets\":";
  if (const SessionSecrets* s = app.secrets_.get(view.session)) {
    out += "{\"span_count\":" + std::to_string(s->spans.size()) + ",\"spans\":[";
    for (size_t i = 0; i < std::min<size_t>(s->spans.size(), 1000); ++i) {
      out += (i ? "," : "") + std::to_string(s->spans[i]);
    }
    out += "],\"distinct\":" + std::to_string(s->distinct) + ",\"occurrences\":" + std::to_string(s->occurrences);
    out += ",\"bytes\":" + std::to_string(s->bytes) + ",\"ms\":";
    append_number(out, s->ms);
    out += ",\"by_kind\":{";
    bool first = true;
    for (int k = 0; k < secrets::kSecretKindCount; ++k) {
      if (!s->distinct_by_kind[size_t(k)]) continue;
      out += first ? "" : ",";
      first = false;
      append_json_string(out, secrets::kind_slug(secrets::SecretKind(k)));
      out += ':' + std::to_string(s->distinct_by_kind[size_t(k)]);
    }
    out += "}}";
  } else {
    out += "null";
  }
  // The shown session's policy replay (null until replayed): every call some policy would deny or instruct on
  // (the first 1,000), each with its policies, decisions and reasons, and the recording's denials with the
  // replay's agreement.
  out += ",\"sessions_audited\":" + std::to_string(app.audit_.audited_count());
  out += ",\"audit_run\":{\"calls\":" + std::to_string(app.audit_.audited_calls()) + ",\"ms\":";
  append_number(out, app.audit_.audited_ms());
  out += '}';
  out += ",\"audit\":";
  if (const SessionPolicies* a = app.audit_.get(view.session)) {
    out += "{\"calls\":" + std::to_string(a->audit.calls) + ",\"deny_calls\":" + std::to_string(a->deny_calls) +
           ",\"instruct_calls\":" + std::to_string(a->instruct_calls) + ",\"ms\":";
    append_number(out, a->ms);
    out += ",\"spans\":[";
    for (size_t i = 0; i < std::min<size_t>(a->spans.size(), 1000); ++i) {
      const auto [first, last] = a->findings_of(a->spans[i]);
      out += (i ? ",{\"span\":" : "{\"span\":") + std::to_string(a->spans[i]) + ",\"policies\":[";
      for (size_t f = first; f < last; ++f) {
        const policy::AuditFinding& finding = a->audit.findings[f];
        out += f > first ? ",{\"policy\":" : "{\"policy\":";
        append_json_string(out, policy::policy_info(finding.policy).short_name);
        out += ",\"decision\":";
        append_json_string(out, finding.kind == policy::VerdictKind::deny ? "deny" : "instruct");
        out += ",\"event\":";
        append_json_string(out, finding.post_tool_use ? "PostToolUse" : "PreToolUse");
        out += ",\"reason\":";
        append_json_string(out, finding.reason);
        out += '}';
      }
      out += "]}";
    }
    out += "],\"recorded\":[";
    for (size_t i = 0; i < a->audit.recorded.size(); ++i) {
      const policy::RecordedDenial& r = a->audit.recorded[i];
      out += (i ? ",{\"span\":" : "{\"span\":") + std::to_string(r.span) + ",\"denied_by\":";
      append_json_string(out, r.denied_by);
      out += ",\"policy\":";
      append_json_string(out, r.recorded_policy);
      out += ",\"agreement\":";
      const ReplayAgreement agreement = a->agreement[i];
      append_json_string(out, agreement == ReplayAgreement::agree     ? "agree"
                              : agreement == ReplayAgreement::differs ? "differs"
                                                                      : "missed");
      out += '}';
    }
    out += "]}";
  } else {
    out += "null";
  }
  out += ",\"diagnosis\":";
  const diagnosis::SessionDiagnosis* d = app.diagnosis_.get(view.session);
  if (!d) {
    out += "null";
  } else {
    out += "{\"verdict\":";
    append_json_string(out, d->verdict);
    out += ",\"findings\":[";
    for (size_t i = 0; i < d->findings.size(); ++i) {
      const diagnosis::Finding& f = d->findings[i];
      if (i) out += ',';
      out += "{\"kind\":";
      append_json_string(out, diagnosis::finding_kind_name(f.kind));
      out += ",\"severity\":";
      append_json_string(out, diagnosis::severity_name(f.severity));
      out += ",\"first_span\":" + std::to_string(f.first_span) + ",\"last_span\":" + std::to_string(f.last_span);
      out += ",\"spans\":[";
      for (size_t k = 0; k < f.spans.size(); ++k) out += (k ? "," : "") + std::to_string(f.spans[k]);
      out += "],\"summary\":";
      append_json_string(out, f.summary);
      out += '}';
    }
    out += "]}";
  }
  const UiProbe& p = view.probe;
  out += ",\"rects\":{\"findings\":[";
  for (size_t i = 0; i < p.finding_rows.size(); ++i) {
    if (i) out += ',';
    append_rect(out, p.finding_rows[i]);
  }
  out += "],\"markers\":[";
  for (size_t i = 0; i < p.finding_markers.size(); ++i) {
    if (i) out += ',';
    append_rect(out, p.finding_markers[i]);
  }
  out += "],\"sessions\":{";
  for (size_t i = 0; i < p.session_rows.size(); ++i) {
    if (i) out += ',';
    out += '"' + std::to_string(p.session_rows[i].first) + "\":";
    append_rect(out, p.session_rows[i].second);
  }
  out += "},\"disclosures\":{";
  for (size_t i = 0; i < p.disclosures.size(); ++i) {
    if (i) out += ',';
    out += '"' + std::to_string(p.disclosures[i].first) + "\":";
    append_rect(out, p.disclosures[i].second);
  }
  out += "},\"overview\":";
  append_rect(out, p.overview);
  out += ",\"find\":";
  append_rect(out, p.find_box);
  out += ",\"copy\":";
  append_rect(out, p.copy_button);
  out += ",\"record_tab\":";
  append_rect(out, p.record_tab);
  out += "}}";
  return out;
}

}  // namespace agentreel::viewer

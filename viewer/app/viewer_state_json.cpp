// ViewerApp::state_json (see viewer_app.h): the state tests read, natively after scripted clicks
// (agentreel-viewer --print-state) and in the browser (window.agentreel.state). Split from viewer_app.cpp by
// feature; reads the app, changes nothing.
#include <cstdio>
#include <string>

#include "app/viewer_app.h"

namespace agentreel::viewer {
namespace {

void append_string(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

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

std::string ViewerApp::state_json() const {
  std::string out = "{\"loaded\":";
  out += state_ == LoadState::loaded ? "true" : "false";
  if (state_ != LoadState::loaded || !doc_) return out + "}";
  const Trace& trace = doc_->trace();
  out += ",\"session\":" + std::to_string(view_.session) + ",\"session_id\":";
  append_string(out, current_session_id());
  out += ",\"selected_span\":";
  out += view_.selected_span == kNoSpan ? "-1" : std::to_string(view_.selected_span);
  // The rail's visible window as offsets from the session start, in ns.
  const TimelinePanel& rail = timeline_;
  out += ",\"view\":{\"start_ns\":";
  append_number(out, rail.viewport().start_ns);
  out += ",\"end_ns\":";
  append_number(out, rail.viewport().time_at(rail.last_width()));
  out += ",\"session_ns\":";
  if (view_.session < trace.sessions.size()) {
    append_number(out,
                  static_cast<double>(trace.sessions[view_.session].end_ns - trace.sessions[view_.session].start_ns));
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
  append_string(out, find_buffer_);
  out += ",\"matches\":" + std::to_string(matches_.size()) + ",\"focused\":";
  out += find_has_focus_ ? "true" : "false";
  out += "},\"focused_finding\":" + std::to_string(view_.focused_finding);
  out += ",\"sessions_analysed\":" + std::to_string(diagnosis_.analysed_count());
  out += ",\"diagnosis\":";
  const analysis::SessionDiagnosis* d = diagnosis_.get(view_.session);
  if (!d) {
    out += "null";
  } else {
    out += "{\"verdict\":";
    append_string(out, d->verdict);
    out += ",\"findings\":[";
    for (size_t i = 0; i < d->findings.size(); ++i) {
      const analysis::Finding& f = d->findings[i];
      if (i) out += ',';
      out += "{\"kind\":";
      append_string(out, analysis::finding_kind_name(f.kind));
      out += ",\"severity\":";
      append_string(out, analysis::severity_name(f.severity));
      out += ",\"first_span\":" + std::to_string(f.first_span) + ",\"last_span\":" + std::to_string(f.last_span);
      out += ",\"spans\":[";
      for (size_t k = 0; k < f.spans.size(); ++k) out += (k ? "," : "") + std::to_string(f.spans[k]);
      out += "],\"summary\":";
      append_string(out, f.summary);
      out += '}';
    }
    out += "]}";
  }
  const UiProbe& p = view_.probe;
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
  out += "}}";
  return out;
}

}  // namespace agentreel::viewer

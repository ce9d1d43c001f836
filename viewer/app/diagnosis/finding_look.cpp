// Finding colours, labels and time ranges (see finding_look.h), and what clicking a finding asks of the
// rail. No drawing here.
#include "app/diagnosis/finding_look.h"

#include <algorithm>

namespace agentreel::viewer {

ImU32 severity_color(diagnosis::Severity severity) {
  switch (severity) {
    case diagnosis::Severity::critical: return IM_COL32(240, 72, 64, 255);
    case diagnosis::Severity::warning: return IM_COL32(242, 162, 40, 255);
    case diagnosis::Severity::info: return IM_COL32(96, 150, 220, 255);
  }
  return IM_COL32(128, 128, 128, 255);
}

const char* finding_kind_label(diagnosis::FindingKind kind) {
  switch (kind) {
    case diagnosis::FindingKind::loop: return "Loop";
    case diagnosis::FindingKind::drift: return "Drift";
    case diagnosis::FindingKind::blocked: return "Blocked";
    case diagnosis::FindingKind::error: return "Error";
    case diagnosis::FindingKind::unfinished: return "Unfinished";
    case diagnosis::FindingKind::stall: return "Stall";
    case diagnosis::FindingKind::compaction: return "Compaction";
    case diagnosis::FindingKind::waiting: return "Waiting";
    case diagnosis::FindingKind::bypass: return "Bypass";
    case diagnosis::FindingKind::model_switch: return "Model switch";
    case diagnosis::FindingKind::gave_up: return "Gave up";
  }
  return "Finding";
}

const char* finding_kind_letter(diagnosis::FindingKind kind) {
  switch (kind) {
    case diagnosis::FindingKind::loop: return "L";
    case diagnosis::FindingKind::drift: return "D";
    case diagnosis::FindingKind::blocked: return "B";
    case diagnosis::FindingKind::error: return "E";
    case diagnosis::FindingKind::unfinished: return "U";
    case diagnosis::FindingKind::stall: return "S";
    case diagnosis::FindingKind::compaction: return "C";
    case diagnosis::FindingKind::waiting: return "W";
    case diagnosis::FindingKind::bypass: return "P";
    case diagnosis::FindingKind::model_switch: return "M";
    case diagnosis::FindingKind::gave_up: return "G";
  }
  return "?";
}

FindingRange finding_range(const Trace& trace, const diagnosis::Finding& finding) {
  FindingRange range;
  const uint32_t n = static_cast<uint32_t>(trace.spans.size());
  int64_t lo = INT64_MAX, hi = INT64_MIN;
  auto include = [&](uint32_t span) {
    if (span >= n) return;
    const int64_t start = trace.spans.start_ns[span];
    lo = std::min(lo, start);
    hi = std::max(hi, start + std::max<int64_t>(trace.spans.duration_ns[span], 0));
  };
  include(finding.first_span);
  include(finding.last_span);
  include(finding.cause_span);  // cause and effect are shown together
  for (uint32_t span : finding.spans) include(span);
  range.focus_span = finding.first_span < n                                ? finding.first_span
                     : !finding.spans.empty() && finding.spans.front() < n ? finding.spans.front()
                                                                           : kNoSpan;
  if (range.focus_span == kNoSpan || lo > hi) return range;
  const int64_t origin = trace.sessions[trace.session_of(range.focus_span)].start_ns;
  range.from_ns = static_cast<double>(lo - origin);
  range.to_ns = static_cast<double>(hi - origin);
  return range;
}

void focus_finding(const Trace& trace, const diagnosis::SessionDiagnosis& diagnosis, int index, ViewState& state) {
  if (index < 0 || static_cast<size_t>(index) >= diagnosis.findings.size()) return;
  const FindingRange range = finding_range(trace, diagnosis.findings[index]);
  if (range.focus_span == kNoSpan) return;
  state.select(range.focus_span, diagnosis.session);
  state.focused_finding = index;
  state.zoom_from_ns = range.from_ns;
  state.zoom_to_ns = std::max(range.to_ns, range.from_ns + 1);
}

}  // namespace agentreel::viewer

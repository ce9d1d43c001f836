// How diagnosis findings look and where they sit in time, shared by the findings lane, the Diagnosis panel
// and the sessions list: severity colours, kind labels and letters, and a finding's time range.
// ImGui colours and the Trace only; no drawing.
#pragma once

#include <cstdint>

#include "app/view_state.h"
#include "diagnosis/diagnosis.h"
#include "imgui.h"

namespace agentreel::viewer {

ImU32 severity_color(diagnosis::Severity severity);
const char* finding_kind_label(diagnosis::FindingKind kind);   // "Loop", "Drift", ...
const char* finding_kind_letter(diagnosis::FindingKind kind);  // "L", "D", ... (the sessions list's chips)

// A finding's place on the rail: [from_ns, to_ns] as offsets from its session's start, over every span it
// names (first_span, last_span and `spans`); focus_span is the span to select (its first).
struct FindingRange {
  double from_ns = 0;
  double to_ns = 0;
  uint32_t focus_span = kNoSpan;
};
FindingRange finding_range(const Trace& trace, const diagnosis::Finding& finding);

// What clicking a finding does (Diagnosis panel or findings lane): marks it focused, asks the rail to show its
// time range and selects its first span (whose lane the rail scrolls to).
void focus_finding(const Trace& trace, const diagnosis::SessionDiagnosis& diagnosis, int index, ViewState& state);

}  // namespace agentreel::viewer

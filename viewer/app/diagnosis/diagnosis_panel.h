// The Diagnosis panel: the shown session's verdict and findings (kind, severity, summary, span numbers, the
// evidence folded away). Clicking a finding zooms the rail to it and selects its first span (finding_look.h).
// ImGui only; the results come from DiagnosisStore.
#pragma once

#include "app/diagnosis/diagnosis_store.h"
#include "app/document.h"
#include "app/theme.h"
#include "app/view_state.h"

namespace agentreel::viewer {

class DiagnosisPanel {
 public:
  void draw(const Document& doc, const DiagnosisStore& store, ViewState& state, const Fonts& fonts);

 private:
  int scrolled_to_ = -1;  // the focused finding the list last scrolled to
};

}  // namespace agentreel::viewer

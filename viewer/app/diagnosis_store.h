// Per-session diagnosis results for the viewer (shared/analysis), computed lazily: the shown session first,
// then the others in the background, within a time budget per frame, never before the first frame.
// Large sessions read a bounded number of payload bytes. No ImGui; holds results only, no UI state.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "analysis/diagnosis.h"
#include "bundle/bundle_reader.h"

namespace agentreel::viewer {

class DiagnosisStore {
 public:
  // Sessions with more spans than this are analysed only when shown, not in the background.
  static constexpr uint32_t kBackgroundMaxSpans = 20000;
  // Payload bytes one session's analysis may read; past it the reader returns "" (structure-only findings).
  static constexpr uint64_t kPayloadBudgetBytes = 16u << 20;

  void reset(size_t session_count);
  // Analyses `shown` if it is not done yet (however long that takes), then other sessions while their estimated
  // cost fits in `budget_ms` from the call's start (0: none). Returns true if anything was computed.
  bool step(const Bundle& bundle, uint32_t shown, double budget_ms);

  // nullptr until the session has been analysed.
  const analysis::SessionDiagnosis* get(uint32_t session) const {
    return session < done_.size() && done_[session] ? &results_[session] : nullptr;
  }
  size_t analysed_count() const { return analysed_; }
  // True while the background sweep has sessions left to look at (the platform keeps drawing frames).
  bool background_pending() const { return next_background_ < done_.size(); }
  size_t session_count() const { return done_.size(); }
  // Findings of a session per kind (for the sessions list); zeros until analysed.
  const std::array<uint16_t, analysis::kFindingKindCount>& kind_counts(uint32_t session) const {
    static const std::array<uint16_t, analysis::kFindingKindCount> kNone{};
    return session < counts_.size() ? counts_[session] : kNone;
  }
  // Milliseconds a session's analysis took (0 until analysed), for the bench report.
  double session_ms(uint32_t session) const { return session < ms_.size() ? ms_[session] : 0; }
  bool payload_budget_hit(uint32_t session) const {
    return session < budget_hit_.size() && budget_hit_[session];
  }

 private:
  void analyse(const Bundle& bundle, uint32_t session);

  std::vector<analysis::SessionDiagnosis> results_;
  std::vector<uint8_t> done_;
  std::vector<uint8_t> budget_hit_;
  std::vector<std::array<uint16_t, analysis::kFindingKindCount>> counts_;
  size_t analysed_ = 0;
  uint32_t next_background_ = 0;  // background sweep position
  std::vector<float> ms_;
  double ms_per_span_ = 0.01;  // estimated analysis cost per span (measured as sessions are analysed)
};

}  // namespace agentreel::viewer

// Per-session diagnosis results for the viewer (shared/diagnosis), computed lazily: the shown session first,
// then the others in the background, within a time budget per frame, never before the first frame. A big
// shown session is analysed on a worker thread where the platform offers one. Payload bytes read per session
// are bounded. No ImGui; holds results only, no UI state.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "app/document.h"
#include "app/platform_hooks.h"
#include "diagnosis/diagnosis.h"

namespace agentreel::viewer {

class DiagnosisStore {
 public:
  // Sessions with more spans than this are analysed only when shown, not in the background.
  static constexpr uint32_t kBackgroundMaxSpans = 20000;
  // Shown sessions with more spans than this go to a worker thread when the platform has one (default).
  static constexpr uint32_t kWorkerMinSpans = 50000;
  // Payload bytes one session's analysis may read; past it the reader returns "" (structure-only findings).
  static constexpr uint64_t kPayloadBudgetBytes = 16u << 20;

  DiagnosisStore() = default;
  DiagnosisStore(const DiagnosisStore&) = delete;
  DiagnosisStore& operator=(const DiagnosisStore&) = delete;
  ~DiagnosisStore() { reset(0); }

  // Forgets every result for a document with `session_count` sessions; a running worker job is cancelled
  // and waited for first (it reads the old document).
  void reset(size_t session_count);
  // Where a big session's analysis may run (PlatformHooks::run_in_background); empty: inline.
  void set_runner(std::function<std::function<void()>(std::function<void()>)> runner) { runner_ = std::move(runner); }
  // Sessions over this many spans use the worker (tests set 0 to put every shown session there).
  void set_worker_min_spans(uint32_t spans) { worker_min_spans_ = spans; }
  // Analyses `shown` if it is not done yet (inline, or started on the worker and collected when done), then
  // other sessions while their estimated cost fits in `budget_ms` from the call's start (0: none).
  void step(const Document& doc, uint32_t shown, double budget_ms);
  // Analyses `session` now, inline (waiting for the worker if it has the session).
  void analyse_now(const Document& doc, uint32_t session);

  // nullptr until the session has been analysed.
  const diagnosis::SessionDiagnosis* get(uint32_t session) const {
    return session < done_.size() && done_[session] ? &results_[session] : nullptr;
  }
  size_t analysed_count() const { return analysed_; }
  // True while there is work left that frames should keep coming for (background sweep or a worker job).
  bool background_pending() const { return next_background_ < done_.size() || job_ != nullptr; }
  size_t session_count() const { return done_.size(); }
  // Milliseconds a session's analysis took (0 until analysed), for the bench report.
  double session_ms(uint32_t session) const { return session < ms_.size() ? ms_[session] : 0; }
  bool payload_budget_hit(uint32_t session) const { return session < budget_hit_.size() && budget_hit_[session]; }

 private:
  // One session's analysis, run inline or on the worker; `cancel` makes its payload reads return "".
  struct Job {
    uint32_t session = 0;
    diagnosis::SessionDiagnosis result;
    bool budget_hit = false;
    double ms = 0;
    std::atomic<bool> cancel{false};
    std::atomic<bool> finished{false};  // set by the job as its last step
    std::function<void()> join;         // waits for the worker (from the runner)
  };
  static void run(const Document& doc, Job& job);
  void store(const Document& doc, Job& job);
  void collect(const Document& doc, bool wait);

  std::vector<diagnosis::SessionDiagnosis> results_;
  std::vector<uint8_t> done_;
  std::vector<uint8_t> budget_hit_;
  std::vector<float> ms_;
  size_t analysed_ = 0;
  uint32_t next_background_ = 0;  // background sweep position
  double ms_per_span_ = 0.01;     // estimated analysis cost per span (measured as sessions are analysed)
  std::function<std::function<void()>(std::function<void()>)> runner_;
  std::unique_ptr<Job> job_;  // the worker's job, while one runs
  uint32_t worker_min_spans_ = kWorkerMinSpans;
};

}  // namespace agentreel::viewer

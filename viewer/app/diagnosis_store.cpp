// Lazy per-session diagnosis (see diagnosis_store.h). The payload reader counts what it hands out so one big
// session cannot read the whole bundle; the bundle's block cache makes neighbouring records cheap.
#include "app/diagnosis_store.h"

#include <algorithm>
#include <chrono>

namespace agentreel::viewer {
namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

void DiagnosisStore::reset(size_t session_count) {
  results_.assign(session_count, {});
  done_.assign(session_count, 0);
  budget_hit_.assign(session_count, 0);
  counts_.assign(session_count, {});
  analysed_ = 0;
  next_background_ = 0;
  ms_.assign(session_count, 0);
}

void DiagnosisStore::analyse(const Bundle& bundle, uint32_t session) {
  const auto t0 = std::chrono::steady_clock::now();
  uint64_t read = 0;
  bool hit = false;
  const analysis::PayloadReader payload = [&](RecordRef ref) -> std::string {
    if (read >= kPayloadBudgetBytes) {
      hit = true;
      return {};
    }
    auto record = bundle.read_record(ref);
    if (!record.is_ok()) return {};
    read += record.value().size();
    return record.take();
  };
  results_[session] = analysis::diagnose_session(bundle.trace(), session, payload);
  done_[session] = 1;
  budget_hit_[session] = hit;
  auto& counts = counts_[session];
  for (const analysis::Finding& f : results_[session].findings) {
    const auto k = static_cast<size_t>(f.kind);
    if (k < counts.size() && counts[k] < UINT16_MAX) ++counts[k];
  }
  ++analysed_;
  ms_[session] = static_cast<float>(ms_since(t0));
  // Running estimate of the cost per span (for the background budget), weighted towards recent sessions.
  const uint32_t spans = std::max<uint32_t>(bundle.trace().sessions[session].span_count, 1);
  ms_per_span_ = 0.7 * ms_per_span_ + 0.3 * (ms_[session] / spans);
}

bool DiagnosisStore::step(const Bundle& bundle, uint32_t shown, double budget_ms) {
  const auto t0 = std::chrono::steady_clock::now();
  const Trace& trace = bundle.trace();
  if (done_.size() != trace.sessions.size()) reset(trace.sessions.size());
  bool any = false;
  if (shown < done_.size() && !done_[shown]) {
    analyse(bundle, shown);
    any = true;
  }
  // Background: a session is started only if its estimated cost (spans x the measured cost per span) fits
  // what is left of the budget; one that could never fit is left for when it is shown.
  bool ran = false;
  while (next_background_ < done_.size() && budget_ms > 0) {
    const uint32_t s = next_background_;
    const uint32_t spans = trace.sessions[s].span_count;
    if (done_[s] || spans > kBackgroundMaxSpans || spans * ms_per_span_ > budget_ms * 4) {
      ++next_background_;
      continue;
    }
    // The first background session of a call may overrun the budget (up to 4x, in a frame where the user is
    // idle); later ones must fit.
    const double elapsed = ms_since(t0);
    if (ran ? elapsed + spans * ms_per_span_ > budget_ms : elapsed > budget_ms) break;
    ++next_background_;
    analyse(bundle, s);
    any = ran = true;
  }
  return any;
}

}  // namespace agentreel::viewer

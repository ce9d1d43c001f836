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
  last_session_ms_ = 0;
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
  last_session_ms_ = ms_since(t0);
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
  while (next_background_ < done_.size() && ms_since(t0) < budget_ms) {
    const uint32_t s = next_background_++;
    if (done_[s] || trace.sessions[s].span_count > kBackgroundMaxSpans) continue;
    analyse(bundle, s);
    any = true;
  }
  return any;
}

}  // namespace agentreel::viewer

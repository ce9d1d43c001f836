// Lazy per-session diagnosis (see diagnosis_store.h). The payload reader counts what it hands out so one big
// session cannot read the whole bundle, and reads through Document's lock so a worker and the UI can share
// the bundle's block cache. The Trace itself is only read, by both threads.
#include "app/diagnosis/diagnosis_store.h"

#include <algorithm>
#include <chrono>

namespace agentreel::viewer {
namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

void DiagnosisStore::reset(size_t session_count) {
  if (job_) {
    job_->cancel = true;
    if (job_->join) job_->join();
    job_.reset();
  }
  results_.assign(session_count, {});
  done_.assign(session_count, 0);
  budget_hit_.assign(session_count, 0);
  ms_.assign(session_count, 0);
  analysed_ = 0;
  next_background_ = 0;
}

void DiagnosisStore::run(const Document& doc, Job& job) {
  const auto t0 = std::chrono::steady_clock::now();
  uint64_t read = 0;
  const RecordReader payload = [&](RecordRef ref) -> std::string {
    if (job.cancel) return {};
    if (read >= kPayloadBudgetBytes) {
      job.budget_hit = true;
      return {};
    }
    auto record = doc.read_record(ref);
    if (!record.is_ok()) return {};
    read += record.value().size();
    return record.take();
  };
  job.result = diagnosis::diagnose_session(doc.trace(), job.session, payload);
  job.ms = ms_since(t0);
}

void DiagnosisStore::store(const Document& doc, Job& job) {
  const uint32_t session = job.session;
  if (session >= done_.size() || done_[session]) return;
  results_[session] = std::move(job.result);
  done_[session] = 1;
  budget_hit_[session] = job.budget_hit;
  ms_[session] = static_cast<float>(job.ms);
  ++analysed_;
  // Running estimate of the cost per span (for the background budget), weighted towards recent sessions.
  const uint32_t spans = std::max<uint32_t>(doc.trace().sessions[session].span_count, 1);
  ms_per_span_ = 0.7 * ms_per_span_ + 0.3 * (job.ms / spans);
}

void DiagnosisStore::collect(const Document& doc, bool wait) {
  if (!job_) return;
  if (!wait && !job_->finished) return;
  if (job_->join) job_->join();
  store(doc, *job_);
  job_.reset();
}

void DiagnosisStore::analyse_now(const Document& doc, uint32_t session) {
  if (done_.size() != doc.trace().sessions.size()) reset(doc.trace().sessions.size());
  if (job_ && job_->session == session) collect(doc, true);
  if (session >= done_.size() || done_[session]) return;
  Job job;
  job.session = session;
  run(doc, job);
  store(doc, job);
}

void DiagnosisStore::step(const Document& doc, uint32_t shown, double budget_ms) {
  const auto t0 = std::chrono::steady_clock::now();
  const Trace& trace = doc.trace();
  if (done_.size() != trace.sessions.size()) reset(trace.sessions.size());
  collect(doc, false);
  if (job_) return;  // the worker has the bundle's attention; the sweep waits for it
  if (shown < done_.size() && !done_[shown]) {
    if (runner_ && trace.sessions[shown].span_count > worker_min_spans_) {
      job_ = std::make_unique<Job>();
      job_->session = shown;
      Job* job = job_.get();
      job_->join = runner_([&doc, job] {
        run(doc, *job);
        job->finished = true;
      });
      return;
    }
    analyse_now(doc, shown);
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
    analyse_now(doc, s);
    ran = true;
  }
}

}  // namespace agentreel::viewer

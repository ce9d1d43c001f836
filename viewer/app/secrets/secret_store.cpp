// Per-session secret scanning (see secret_store.h). A session's records are read in stream order (each shared
// record once, so the bundle's block cache is used front to back) through Document's lock, so a worker and the UI
// can share the bundle; the Trace itself is only read, by both threads.
#include "app/secrets/secret_store.h"

#include <algorithm>
#include <chrono>

#include "bundle/bundle_format.h"

namespace agentreel::viewer {
namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

uint16_t SessionSecrets::kinds_of(uint32_t span) const {
  const auto it = std::lower_bound(spans.begin(), spans.end(), span);
  return it != spans.end() && *it == span ? kinds[size_t(it - spans.begin())] : 0;
}

const secrets::Scanner& SecretStore::scanner() {
  static const secrets::Scanner shared;
  return shared;
}

void SecretStore::reset(size_t session_count) {
  if (batch_) {
    batch_->cancel = true;
    if (batch_->join) batch_->join();
    batch_.reset();
  }
  inline_job_.reset();
  results_.assign(session_count, {});
  done_.assign(session_count, 0);
  bytes_.assign(session_count, UINT64_MAX);
  scanned_ = 0;
  worker_scanned_ = 0;
  scanned_bytes_ = 0;
  scanned_ms_ = 0;
  next_background_ = 0;
  redacted_ = false;
}

void SecretStore::open(const Document& doc) {
  reset(doc.trace().sessions.size());
  auto manifest = doc.bundle().read_section(kTagRedactions);
  redacted_ = manifest.is_ok() && manifest.value().has_value();
}

void SecretStore::prepare(const Document& doc, Job& job) {
  const Trace& trace = doc.trace();
  const Session& session = trace.sessions[job.session];
  const size_t first = session.first_span, last = size_t(session.first_span) + session.span_count;
  job.records.reserve(size_t(session.span_count) * 2);
  const auto add = [&](size_t span, RecordRef ref) {
    if (ref.length) job.records.push_back({ref.offset, ref.length, uint32_t(span)});
  };
  trace.spans.begin_record.for_each(first, last, add);
  trace.spans.end_record.for_each(first, last, add);
  std::sort(job.records.begin(), job.records.end(), [](const Record& a, const Record& b) {
    return a.offset != b.offset ? a.offset < b.offset : a.length != b.length ? a.length < b.length : a.span < b.span;
  });
}

bool SecretStore::advance(const Document& doc, Job& job, double deadline_ms) {
  const auto t0 = std::chrono::steady_clock::now();
  const secrets::Scanner& scan = scanner();
  std::vector<secrets::Finding> found;
  while (job.next < job.records.size()) {
    if (job.cancel && *job.cancel) return false;
    if (deadline_ms >= 0 && ms_since(t0) > deadline_ms) {
      job.ms += ms_since(t0);
      return false;
    }
    // The run of spans sharing this record: read and scanned once, marked on each of them.
    const Record& record = job.records[job.next];
    size_t end = job.next + 1;
    while (end < job.records.size() && job.records[end].offset == record.offset &&
           job.records[end].length == record.length) {
      ++end;
    }
    auto bytes = doc.read_record({record.offset, record.length});
    if (bytes.is_ok()) {
      job.bytes += bytes.value().size();
      found = scan.find_secrets(bytes.value());
      uint16_t kinds = 0;
      for (const secrets::Finding& f : found) {
        job.summary.add(f);
        kinds |= uint16_t(1u << unsigned(f.kind()));
      }
      if (kinds) {
        for (size_t i = job.next; i < end; ++i) job.marks.push_back({job.records[i].span, kinds});
      }
    }
    job.next = end;
  }
  job.ms += ms_since(t0);
  return true;
}

void SecretStore::store(Job& job) {
  const uint32_t session = job.session;
  if (session >= done_.size() || done_[session]) return;
  SessionSecrets& out = results_[session];
  std::sort(job.marks.begin(), job.marks.end());
  for (const auto& [span, kinds] : job.marks) {
    if (!out.spans.empty() && out.spans.back() == span) {
      out.kinds.back() |= kinds;
    } else {
      out.spans.push_back(span);
      out.kinds.push_back(kinds);
    }
  }
  for (int k = 0; k < secrets::kSecretKindCount; ++k) {
    out.distinct_by_kind[size_t(k)] = uint32_t(job.summary.distinct_of(secrets::SecretKind(k)));
  }
  out.distinct = uint32_t(job.summary.distinct());
  out.occurrences = uint32_t(job.summary.occurrences());
  out.phrase = job.summary.phrase();
  out.bytes = job.bytes;
  out.ms = job.ms;
  scanned_bytes_ += job.bytes;
  scanned_ms_ += job.ms;
  done_[session] = 1;
  ++scanned_;
}

void SecretStore::collect(bool wait) {
  if (!batch_) return;
  if (!wait && !batch_->finished) return;
  if (batch_->join) batch_->join();
  for (const std::unique_ptr<Job>& job : batch_->jobs) {
    if (job->session < done_.size() && !done_[job->session]) ++worker_scanned_;
    store(*job);
  }
  batch_.reset();
}

bool SecretStore::on_worker(uint32_t session) const {
  if (!batch_) return false;
  for (const std::unique_ptr<Job>& job : batch_->jobs) {
    if (job->session == session) return true;
  }
  return false;
}

uint64_t SecretStore::record_bytes(const Document& doc, uint32_t session) {
  if (bytes_[session] == UINT64_MAX) {
    const Trace& trace = doc.trace();
    const Session& s = trace.sessions[session];
    uint64_t bytes = 0;
    const auto add = [&](size_t, RecordRef ref) { bytes += ref.length; };
    trace.spans.begin_record.for_each(s.first_span, size_t(s.first_span) + s.span_count, add);
    trace.spans.end_record.for_each(s.first_span, size_t(s.first_span) + s.span_count, add);
    bytes_[session] = bytes;
  }
  return bytes_[session];
}

bool SecretStore::scan_inline(const Document& doc, uint32_t session, double budget_ms) {
  if (!inline_job_ || inline_job_->session != session) {
    inline_job_ = std::make_unique<Job>();
    inline_job_->session = session;
    prepare(doc, *inline_job_);
  }
  if (!advance(doc, *inline_job_, budget_ms)) return false;
  store(*inline_job_);
  inline_job_.reset();
  return true;
}

void SecretStore::start_worker(const Document& doc, const std::vector<uint32_t>& sessions) {
  batch_ = std::make_unique<Batch>();
  for (uint32_t session : sessions) {
    batch_->jobs.push_back(std::make_unique<Job>());
    batch_->jobs.back()->session = session;
    batch_->jobs.back()->cancel = &batch_->cancel;
  }
  Batch* batch = batch_.get();
  batch_->join = runner_([&doc, batch] {
    for (const std::unique_ptr<Job>& job : batch->jobs) {
      if (batch->cancel) break;
      prepare(doc, *job);
      advance(doc, *job, -1);
    }
    batch->finished = true;
  });
}

void SecretStore::scan_now(const Document& doc, uint32_t session) {
  if (done_.size() != doc.trace().sessions.size()) reset(doc.trace().sessions.size());
  if (on_worker(session)) collect(true);
  if (session < done_.size() && !done_[session]) scan_inline(doc, session, -1);
}

void SecretStore::step(const Document& doc, uint32_t shown, double budget_ms) {
  const auto t0 = std::chrono::steady_clock::now();
  const size_t sessions = doc.trace().sessions.size();
  if (done_.size() != sessions) reset(sessions);
  collect(false);
  // The shown session: a small one now, whatever the budget; a big one on the worker, or a slice per frame.
  if (shown < sessions && !done_[shown] && !on_worker(shown)) {
    if (record_bytes(doc, shown) <= inline_bytes_) {
      scan_inline(doc, shown, -1);
    } else if (runner_) {
      if (!batch_) start_worker(doc, {shown});
    } else if (!scan_inline(doc, shown, std::max(budget_ms, 1.0))) {
      return;
    }
  }
  // The others in order: natively a batch at a time on the worker, so the UI thread only collects; in the browser
  // inline, while the budget lasts.
  if (runner_) {
    if (batch_ || budget_ms <= 0) return;
    std::vector<uint32_t> batch;
    uint64_t bytes = 0;
    for (; next_background_ < sessions && bytes < kBatchBytes; ++next_background_) {
      const uint32_t s = next_background_;
      if (done_[s]) continue;
      batch.push_back(s);
      bytes += record_bytes(doc, s);
    }
    if (!batch.empty()) start_worker(doc, batch);
    return;
  }
  while (budget_ms > 0 && next_background_ < sessions) {
    const uint32_t s = next_background_;
    if (done_[s]) {
      ++next_background_;
      continue;
    }
    const double left = budget_ms - ms_since(t0);
    if (left <= 0 || !scan_inline(doc, s, left)) break;
    ++next_background_;
  }
}

}  // namespace agentreel::viewer

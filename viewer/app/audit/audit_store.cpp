// Per-session policy audit (see audit_store.h). A session's replay reads its records through Document's lock, so
// the worker and the UI share the bundle; the Trace and the engine are only read, by both threads.
#include "app/audit/audit_store.h"

#include <algorithm>
#include <chrono>

#include "policy/policy_config.h"
#include "policy/policy_selection.h"

namespace agentreel::viewer {
namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

PolicyBits SessionPolicies::bits_of(uint32_t span) const {
  const auto it = std::lower_bound(spans.begin(), spans.end(), span);
  return it != spans.end() && *it == span ? bits[size_t(it - spans.begin())] : PolicyBits{};
}

std::pair<size_t, size_t> SessionPolicies::findings_of(uint32_t span) const {
  const auto& f = audit.findings;
  const auto lo =
      std::lower_bound(f.begin(), f.end(), span, [](const policy::AuditFinding& a, uint32_t s) { return a.span < s; });
  const auto hi =
      std::upper_bound(lo, f.end(), span, [](uint32_t s, const policy::AuditFinding& a) { return s < a.span; });
  return {size_t(lo - f.begin()), size_t(hi - f.begin())};
}

int SessionPolicies::recorded_of(uint32_t span) const {
  const auto& r = audit.recorded;
  const auto it = std::lower_bound(r.begin(), r.end(), span,
                                   [](const policy::RecordedDenial& d, uint32_t s) { return d.span < s; });
  return it != r.end() && it->span == span ? int(it - r.begin()) : -1;
}

std::string_view agreement_text(ReplayAgreement agreement) {
  switch (agreement) {
    case ReplayAgreement::agree: return "the replay agrees";
    case ReplayAgreement::differs: return "the replay denies it by another policy";
    case ReplayAgreement::missed: return "no policy of the replay denies it";
  }
  return "";
}

const policy::PolicyEngine& AuditStore::engine() {
  static const policy::PolicyEngine shared = [] {
    auto created = policy::PolicyEngine::create(policy::PolicySelection::all(), policy::PolicyConfig{});
    return created.take();  // fails only on a built-in regex that does not compile: a bug the policy tests catch
  }();
  return shared;
}

void AuditStore::reset(size_t session_count) {
  if (batch_) {
    batch_->cancel = true;
    if (batch_->join) batch_->join();
    batch_.reset();
  }
  results_.assign(session_count, {});
  done_.assign(session_count, 0);
  audited_ = 0;
  worker_audited_ = 0;
  audited_calls_ = 0;
  audited_ms_ = 0;
  next_background_ = 0;
}

SessionPolicies AuditStore::audit(const Document& doc, uint32_t session) {
  const auto t0 = std::chrono::steady_clock::now();
  SessionPolicies out;
  const RecordReader read = [&doc](RecordRef ref) {
    auto bytes = doc.read_record(ref);
    return bytes.is_ok() ? bytes.take() : std::string();
  };
  policy::AuditOptions options;
  options.mode = policy::EvaluationMode::what_if;
  out.audit = policy::audit_session(engine(), doc.trace(), read, session, options);
  for (const policy::AuditFinding& f : out.audit.findings) {
    if (out.spans.empty() || out.spans.back() != f.span) {
      out.spans.push_back(f.span);
      out.bits.push_back({});
    }
    const uint64_t bit = uint64_t(1) << unsigned(f.policy);
    (f.kind == policy::VerdictKind::deny ? out.bits.back().deny : out.bits.back().instruct) |= bit;
  }
  for (const PolicyBits& b : out.bits) {
    out.deny_calls += b.deny != 0;
    out.instruct_calls += b.deny == 0 && b.instruct != 0;
  }
  // Judged against every policy on its own: the live decision of all 39 would name the first denier in
  // evaluation order, which need not be the one the recording's configuration enabled.
  for (const policy::RecordedDenial& d : out.audit.recorded) {
    const PolicyBits b = out.bits_of(d.span);
    const std::optional<policy::PolicyId> recorded = policy::find_builtin_policy(d.recorded_policy);
    ReplayAgreement agreement = ReplayAgreement::missed;
    if (recorded ? (b.deny >> unsigned(*recorded)) & 1 : b.deny != 0) {
      agreement = ReplayAgreement::agree;
    } else if (b.deny) {
      agreement = ReplayAgreement::differs;
    }
    out.agreement.push_back(agreement);
  }
  out.ms = ms_since(t0);
  return out;
}

void AuditStore::store(uint32_t session, SessionPolicies&& result) {
  if (session >= done_.size() || done_[session]) return;
  audited_calls_ += result.audit.calls;
  audited_ms_ += result.ms;
  results_[session] = std::move(result);
  done_[session] = 1;
  ++audited_;
}

void AuditStore::collect(bool wait) {
  if (!batch_) return;
  if (!wait && !batch_->finished) return;
  if (batch_->join) batch_->join();
  for (size_t i = 0; i < batch_->results.size(); ++i) {
    const uint32_t session = batch_->sessions[i];
    if (session < done_.size() && !done_[session]) ++worker_audited_;
    store(session, std::move(batch_->results[i]));
  }
  batch_.reset();
}

bool AuditStore::on_worker(uint32_t session) const {
  return batch_ && std::find(batch_->sessions.begin(), batch_->sessions.end(), session) != batch_->sessions.end();
}

void AuditStore::start_worker(const Document& doc, std::vector<uint32_t> sessions) {
  batch_ = std::make_unique<Batch>();
  batch_->sessions = std::move(sessions);
  Batch* batch = batch_.get();
  batch_->join = runner_([&doc, batch] {
    // results grows only here, and the UI reads it only after `finished`.
    for (uint32_t session : batch->sessions) {
      if (batch->cancel) break;
      batch->results.push_back(audit(doc, session));
    }
    batch->finished = true;
  });
}

void AuditStore::audit_now(const Document& doc, uint32_t session) {
  if (done_.size() != doc.trace().sessions.size()) reset(doc.trace().sessions.size());
  if (on_worker(session)) collect(true);
  if (session < done_.size() && !done_[session]) store(session, audit(doc, session));
}

void AuditStore::step(const Document& doc, uint32_t shown, double budget_ms) {
  const auto t0 = std::chrono::steady_clock::now();
  const Trace& trace = doc.trace();
  const size_t sessions = trace.sessions.size();
  if (done_.size() != sessions) reset(sessions);
  collect(false);
  // The shown session: a small one now, whatever the budget; a big one on the worker (the browser has none: now).
  if (shown < sessions && !done_[shown] && !on_worker(shown)) {
    if (trace.sessions[shown].span_count <= inline_spans_ || !runner_) {
      store(shown, audit(doc, shown));
    } else if (!batch_) {
      start_worker(doc, {shown});
    }
  }
  if (runner_) {
    if (batch_ || budget_ms <= 0) return;
    std::vector<uint32_t> batch;
    uint64_t spans = 0;
    for (; next_background_ < sessions && spans < kBatchSpans; ++next_background_) {
      if (done_[next_background_]) continue;
      batch.push_back(next_background_);
      spans += trace.sessions[next_background_].span_count;
    }
    if (!batch.empty()) start_worker(doc, std::move(batch));
    return;
  }
  // In the browser, whole sessions while the budget lasts (a session is replayed in one piece).
  while (budget_ms > 0 && next_background_ < sessions && ms_since(t0) < budget_ms) {
    const uint32_t s = next_background_++;
    if (!done_[s]) store(s, audit(doc, s));
  }
}

}  // namespace agentreel::viewer

// Per-session policy audit for the viewer's marks (shared/policy/audit_replay): every tool call of a session
// replayed through failproofai's 39 built-in policies, each evaluated on its own (what-if), so a call shows every
// policy that would have denied or instructed it, with the reason the agent would have read; and, where the
// recording holds a denial, whether the replay agrees. Found in the background like the secrets: the shown session
// first, the others on the worker natively (sessions in batches), a session per idle slice in the browser. No
// ImGui; plain results, no UI state.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/document.h"
#include "policy/audit_replay.h"
#include "policy/policy_engine.h"

namespace agentreel::viewer {

// What a call's policies say, as bit sets over PolicyId (bit p: policy p, evaluation order).
struct PolicyBits {
  uint64_t deny = 0;      // would deny it (before it ran, or withhold its output after)
  uint64_t instruct = 0;  // would let it run with an instruction
  bool any() const { return deny || instruct; }
};

// Whether the replay agrees with a denial the recording holds.
enum class ReplayAgreement : uint8_t {
  agree,    // the recorded policy (or, none recorded, some policy) would deny it too
  differs,  // the replay denies it, by other policies than the one recorded
  missed,   // no policy would deny it
};

struct SessionPolicies {
  std::vector<uint32_t> spans;             // global indices of calls some policy would deny or instruct on, ascending
  std::vector<PolicyBits> bits;            // per entry of spans
  policy::SessionAudit audit;              // the replay: findings in span order, recorded denials in span order
  std::vector<ReplayAgreement> agreement;  // per entry of audit.recorded, judged against every policy (what-if)
  uint32_t deny_calls = 0;                 // calls some policy would deny
  uint32_t instruct_calls = 0;             // calls some policy would instruct on and none deny
  double ms = 0;                           // time the replay took

  PolicyBits bits_of(uint32_t span) const;
  // The findings on `span` as [first, last) indices into audit.findings.
  std::pair<size_t, size_t> findings_of(uint32_t span) const;
  // The recorded denial of `span` (an index into audit.recorded), or -1.
  int recorded_of(uint32_t span) const;
};

std::string_view agreement_text(ReplayAgreement agreement);

class AuditStore {
 public:
  // A shown session with more spans than this goes to the worker (natively): a few ms of replay inline.
  static constexpr uint32_t kInlineSpans = 2000;
  // One background batch on the worker: sessions in order until their spans reach this many.
  static constexpr uint64_t kBatchSpans = 200000;

  // The one engine the viewer uses: all 39 policies with failproofai's default parameters, compiled once (~4 ms);
  // evaluate() is const and thread-safe, so the worker and the UI share it.
  static const policy::PolicyEngine& engine();

  AuditStore() = default;
  AuditStore(const AuditStore&) = delete;
  AuditStore& operator=(const AuditStore&) = delete;
  ~AuditStore() { reset(0); }

  // Forgets every result for a document with `session_count` sessions; a worker job is cancelled and waited for.
  void reset(size_t session_count);
  // Where a big session's replay may run (PlatformHooks::run_in_background); empty: inline, a session per step.
  void set_runner(std::function<std::function<void()>(std::function<void()>)> runner) { runner_ = std::move(runner); }
  // Sessions with more spans than this are big (tests set 0 to make every session go to the worker).
  void set_inline_spans(uint32_t spans) { inline_spans_ = spans; }
  // Replays the shown session if it is not done (inline when small or when there is no worker, else on the
  // worker), then the others while `budget_ms` from the call's start lasts (0: none).
  void step(const Document& doc, uint32_t shown, double budget_ms);
  // Replays `session` now, inline (waiting for the worker if it has the session).
  void audit_now(const Document& doc, uint32_t session);

  // nullptr until the session has been replayed.
  const SessionPolicies* get(uint32_t session) const {
    return session < done_.size() && done_[session] ? &results_[session] : nullptr;
  }
  size_t audited_count() const { return audited_; }
  size_t session_count() const { return done_.size(); }
  bool background_pending() const { return audited_ < done_.size(); }
  size_t worker_audited_count() const { return worker_audited_; }
  uint64_t audited_calls() const { return audited_calls_; }
  double audited_ms() const { return audited_ms_; }

 private:
  struct Batch {
    std::vector<uint32_t> sessions;
    std::vector<SessionPolicies> results;
    std::atomic<bool> cancel{false};
    std::atomic<bool> finished{false};  // set by the worker as its last step
    std::function<void()> join;
  };
  static SessionPolicies audit(const Document& doc, uint32_t session);
  void store(uint32_t session, SessionPolicies&& result);
  void collect(bool wait);
  bool on_worker(uint32_t session) const;
  void start_worker(const Document& doc, std::vector<uint32_t> sessions);

  std::vector<SessionPolicies> results_;
  std::vector<uint8_t> done_;
  size_t audited_ = 0;
  size_t worker_audited_ = 0;
  uint64_t audited_calls_ = 0;
  double audited_ms_ = 0;
  uint32_t next_background_ = 0;
  uint32_t inline_spans_ = kInlineSpans;
  std::function<std::function<void()>(std::function<void()>)> runner_;
  std::unique_ptr<Batch> batch_;  // the worker's sessions, while it runs
};

}  // namespace agentreel::viewer

// Per-session secrets for the viewer's marks (shared/secrets): which spans' records hold a secret and how many of
// each kind, found in the background like the diagnosis: the shown session first, then the others within a time
// budget per frame, never before the first frame. Where the platform has a worker thread, a big shown session and
// the background sweep run there (sessions in batches); in the browser, a slice per frame. No ImGui; plain results,
// no UI state.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/document.h"
#include "secrets/scanner.h"
#include "secrets/secret_summary.h"

namespace agentreel::viewer {

// What one session's records hold. The values themselves are never kept: only where and what kind.
struct SessionSecrets {
  std::vector<uint32_t> spans;  // global indices of spans whose begin or end record holds a secret, ascending
  std::vector<uint16_t> kinds;  // per entry of spans: bit k set when a secret of SecretKind k is in its records
  std::array<uint32_t, secrets::kSecretKindCount> distinct_by_kind{};  // the same value counts once
  uint32_t distinct = 0;
  uint32_t occurrences = 0;
  std::string phrase;  // "3 secrets (2 API keys, 1 .env value)", as `agentreel secrets` counts them; "" when none
  uint64_t bytes = 0;  // record bytes read (each shared record once)
  double ms = 0;       // time spent reading and scanning them, all slices together

  // The kinds in `span`'s records as a bit set (0: none, or not in this session).
  uint16_t kinds_of(uint32_t span) const;
};

class SecretStore {
 public:
  // A shown session whose records take more bytes than this goes to the worker (or is scanned a slice per frame):
  // a few ms of reading and scanning inline.
  static constexpr uint64_t kInlineBytes = 256u << 10;
  // One background batch on the worker: sessions in order until their records reach this many bytes.
  static constexpr uint64_t kBatchBytes = 16u << 20;

  // The one scanner the viewer uses (its tables cost ~0.3 MB); find_secrets is const, so threads share it.
  static const secrets::Scanner& scanner();

  SecretStore() = default;
  SecretStore(const SecretStore&) = delete;
  SecretStore& operator=(const SecretStore&) = delete;
  ~SecretStore() { reset(0); }

  // Forgets every result for a document with `session_count` sessions; a worker job is cancelled and waited for.
  void reset(size_t session_count);
  // reset() for `doc`, and whether it is a redacted bundle. Call before any worker may read it.
  void open(const Document& doc);
  // Where a big session's scan may run (PlatformHooks::run_in_background); empty: a slice per frame.
  void set_runner(std::function<std::function<void()>(std::function<void()>)> runner) { runner_ = std::move(runner); }
  // Sessions with more record bytes than this are big (tests set 0 to make every session big).
  void set_inline_bytes(uint64_t bytes) { inline_bytes_ = bytes; }
  // Scans the shown session if it is not done (inline when small, else on the worker or a slice per frame), then
  // the others while `budget_ms` from the call's start lasts (0: none).
  void step(const Document& doc, uint32_t shown, double budget_ms);
  // Scans `session` now, inline (waiting for the worker if it has the session).
  void scan_now(const Document& doc, uint32_t session);

  // nullptr until the session has been scanned.
  const SessionSecrets* get(uint32_t session) const {
    return session < done_.size() && done_[session] ? &results_[session] : nullptr;
  }
  size_t scanned_count() const { return scanned_; }
  size_t session_count() const { return done_.size(); }
  bool background_pending() const { return scanned_ < done_.size(); }
  // Sessions scanned on the worker so far (tests).
  size_t worker_scanned_count() const { return worker_scanned_; }
  // Record bytes read and milliseconds spent on them, over the sessions scanned so far (the bench, docs).
  uint64_t scanned_bytes() const { return scanned_bytes_; }
  double scanned_ms() const { return scanned_ms_; }
  // The bundle carries a redaction manifest (RDCT): `agentreel redact` wrote it. Its placeholders are no secrets,
  // so its sessions show none unless a secret escaped the redaction.
  bool redacted() const { return redacted_; }

 private:
  struct Record {
    uint64_t offset;
    uint32_t length;
    uint32_t span;
  };
  // One session's scan, resumable: records by offset, scanned from `next` on. Until a worker batch has finished,
  // only the worker touches its jobs.
  struct Job {
    uint32_t session = 0;
    std::vector<Record> records;
    size_t next = 0;
    secrets::SecretSummary summary;
    std::vector<std::pair<uint32_t, uint16_t>> marks;  // span, kinds; unsorted, spans may repeat
    uint64_t bytes = 0;
    double ms = 0;
    const std::atomic<bool>* cancel = nullptr;  // the batch's, for a job on the worker
  };
  struct Batch {
    std::vector<std::unique_ptr<Job>> jobs;
    std::atomic<bool> cancel{false};
    std::atomic<bool> finished{false};  // set by the worker as its last step
    std::function<void()> join;
  };
  static void prepare(const Document& doc, Job& job);
  // Scans records until the job is done (true) or `deadline_ms` from `t0` has passed (< 0: no deadline).
  static bool advance(const Document& doc, Job& job, double deadline_ms);
  void store(Job& job);
  void collect(bool wait);
  uint64_t record_bytes(const Document& doc, uint32_t session);
  // Advances the inline job for `session` (started if it is another's) within `budget_ms`; true when done.
  bool scan_inline(const Document& doc, uint32_t session, double budget_ms);
  void start_worker(const Document& doc, const std::vector<uint32_t>& sessions);
  bool on_worker(uint32_t session) const;

  std::vector<SessionSecrets> results_;
  std::vector<uint8_t> done_;
  std::vector<uint64_t> bytes_;  // record bytes per session, UINT64_MAX until counted
  size_t scanned_ = 0;
  size_t worker_scanned_ = 0;
  uint64_t scanned_bytes_ = 0;
  double scanned_ms_ = 0;
  uint32_t next_background_ = 0;
  bool redacted_ = false;
  uint64_t inline_bytes_ = kInlineBytes;
  std::function<std::function<void()>(std::function<void()>)> runner_;
  std::unique_ptr<Job> inline_job_;  // a session scanned a slice per frame
  std::unique_ptr<Batch> batch_;     // the worker's sessions, while it runs
};

}  // namespace agentreel::viewer

// Diagnosis of agent runs: finds loops, drift, blocked actions, errors, unfinished runs, stalls, context
// compactions, waits on a human, bypass attempts, model switches and runs that gave up, in a Trace, per
// session, with the spans involved, the span that caused each, and a plain-words verdict (docs/diagnosis.md
// defines every kind).
// Deterministic and offline; no file I/O or platform code (compiles with emcc). Payloads are fetched
// through the caller's RecordReader, so a bundle's compressed blocks are inflated only where needed.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/parallel_for.h"
#include "model/record_reader.h"
#include "model/trace.h"

namespace agentreel::diagnosis {

enum class FindingKind : uint8_t {
  loop = 0,
  drift = 1,
  blocked = 2,
  error = 3,
  unfinished = 4,
  stall = 5,
  compaction = 6,
  waiting = 7,       // idle while the next move was a person's: a question, an approval, a user away
  bypass = 8,        // after a denial, a call that gets around the same guard
  model_switch = 9,  // the main loop's model changed mid-run and stayed changed
  gave_up = 10       // the turn ended with the work undone: after repeated failures or blocks, or silently
};
constexpr int kFindingKindCount = 11;
std::string_view finding_kind_name(FindingKind kind);  // "loop", "drift", ...

// Ranked: critical findings explain why a run failed; info ones are context (compactions).
enum class Severity : uint8_t { info = 0, warning = 1, critical = 2 };
std::string_view severity_name(Severity severity);  // "info", "warning", "critical"

struct Finding {
  FindingKind kind = FindingKind::error;
  Severity severity = Severity::warning;
  uint32_t first_span = kNoSpan;      // index in Trace::spans where it starts (e.g. the loop's first call)
  uint32_t last_span = kNoSpan;       // where it ends (inclusive)
  std::vector<uint32_t> spans;        // every span involved, ascending (may be capped at 64)
  uint32_t cause_span = kNoSpan;      // what led to it where one span did: the denial a bypass got around,
                                      // the error that ended a loop's run, the block after which it gave up
  uint32_t count = 0;                 // how many times it happened (loop repeats, denials, failures)
  int64_t gap_ns = 0;                 // stall and waiting: how long nothing happened
  bool ended_run = false;             // nothing but wrap-up followed it: what it shows is how the run ended
  std::string action;                 // the action repeated, refused or cut off, as a person names it (a
                                      // command, a file): loop, blocked, bypass, gave_up, unfinished
  std::string policy;                 // blocked: who refused it (a policy's name, a hook's event; "" for the user)
  std::string reason;                 // blocked: the reason given; error: the error's message
  std::vector<std::string> evidence;  // short excerpts: two identical payloads, early vs later files, reasons
  std::string summary;                // one sentence naming what happened and the span numbers
};

struct SessionDiagnosis {
  uint32_t session = 0;           // index into Trace::sessions
  std::vector<Finding> findings;  // ranked: severity, then first_span
  std::string verdict;            // one sentence: "clean run" or the findings in plain words
};

struct DiagnosisOptions {
  uint32_t min_loop_repeats = 3;           // identical calls back to back, all failing, before it is a loop
  uint32_t min_loop_repeats_any = 5;       // identical calls back to back whatever their outcome
  uint32_t min_switch_calls = 3;           // model calls a new main-loop model must answer to be a switch
  uint32_t min_give_up_failures = 2;       // failed or blocked calls ending a turn before it gave up
  uint32_t min_cycle_steps = 6;            // A-B-A-B... over at least this many calls
  double stall_factor = 30.0;              // an idle gap this many times the median step is a stall...
  int64_t min_stall_ns = 120'000'000'000;  // ...and at least this long (2 min)
  int64_t min_wait_ns = 600'000'000'000;   // a person's time worth reporting as waiting (10 min)
  double min_output_tokens_per_s = 4.0;    // a model call is work for output_tokens / this (slower than any model)
  uint32_t drift_max_steps = 96;           // steps sampled per session for drift (bounds payload reads)
  uint32_t max_payload_bytes = 8192;       // payload bytes looked at per record
  uint32_t drift_argument_bytes = 2048;    // argument bytes per step that drift tokenises
};

// Diagnoses one session (index into trace.sessions).
SessionDiagnosis diagnose_session(const Trace& trace, uint32_t session, const RecordReader& payload,
                                  const DiagnosisOptions& options = {});
// Diagnoses every session, in session order.
std::vector<SessionDiagnosis> diagnose(const Trace& trace, const RecordReader& payload,
                                       const DiagnosisOptions& options = {});
// The same, `sessions` (indices into trace.sessions) side by side: split into `tasks` runs of neighbouring
// sessions (neighbours share a bundle's blocks) given to `parallel`; each task reads payloads through its own
// reader from make_reader, so a reader's block cache is never shared between threads. Results in the order of
// `sessions`, identical to diagnosing them one by one.
std::vector<SessionDiagnosis> diagnose(const Trace& trace, const std::vector<uint32_t>& sessions,
                                       const std::function<RecordReader()>& make_reader, const ParallelFor& parallel,
                                       size_t tasks, const DiagnosisOptions& options = {});

// Helpers exposed for tests: the arguments of a tool call's record with ids, timestamps and whitespace
// normalised away (two calls are "identical" when these are equal), and the goal-relevance tokens of a text.
std::string normalized_call_arguments(std::string_view record);
std::vector<std::string> relevance_tokens(std::string_view text);

}  // namespace agentreel::diagnosis

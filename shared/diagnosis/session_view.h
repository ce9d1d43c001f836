// One session of a Trace as the detectors see it: its span range and root agent, each agent's tool calls, the
// call facts readers stored (model/call_features.h) and the attributes detectors ask of every span, gathered in
// one pass over the session's attribute rows, and payloads read on demand and memoised. Detectors ask it
// questions ("was this call refused?", "does only wrap-up follow?"); they never parse a harness's records.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diagnosis/diagnosis.h"
#include "model/call_features.h"

namespace agentreel::diagnosis {

constexpr size_t kMaxListedSpans = 64;  // a finding lists at most this many spans

// Time arithmetic that clamps instead of overflowing: a log may give any 64-bit time.
int64_t add_ns(int64_t a, int64_t b);
int64_t sub_ns(int64_t a, int64_t b);

// What makes two calls the same call: the tool and its normalised arguments (or the reader's hash of them).
// A call whose payload is missing cannot be shown identical to another and keys as its own span.
struct CallKey {
  std::string tool, arguments;
  uint32_t unknown_span = kNoSpan;
  bool operator==(const CallKey&) const = default;
  bool operator<(const CallKey& o) const;  // libc++ 14 (the wasm build) has no operator<=> for strings
};

// The call facts a reader stored for a call, and the attributes every detector pass asks of a span.
struct SpanFacts {
  int64_t args_hash = 0, target_hash = 0, write_hash = 0;
  uint32_t flags = 0;       // kCall* bits
  bool compaction = false;  // the reader recognised a context compaction (attribute "compaction")
  int64_t output_tokens = 0;
  StringId error = 0, stop_reason = 0, model = 0;  // 0: absent (string 0 is "")
  StringId action = 0;                             // the call's canonical action ("shell", "edit", ...)
};

class SessionView {
 public:
  SessionView(const Trace& trace, uint32_t session, const RecordReader& payload, const DiagnosisOptions& options);

  const Trace& trace;
  const Session& session;
  const DiagnosisOptions& options;
  const SpanColumns& spans;
  uint32_t begin = 0, end = 0;  // the session's spans [begin, end)
  uint32_t root = kNoSpan;      // its root agent, if any

  // ---- spans ----
  std::string_view name(uint32_t span) const { return trace.name_of(span); }
  const SpanFacts& facts(uint32_t span) const { return facts_[span - begin]; }
  std::string attr_string(uint32_t span, std::string_view key) const;
  int64_t attr_int(uint32_t span, std::string_view key) const;
  std::string error_text(uint32_t span) const;  // the span's "error" attribute
  uint32_t agent_of(uint32_t span) const;       // the nearest agent ancestor
  // Each agent's tool calls, in span order (key: the agent span; kNoSpan for calls outside any agent).
  const std::map<uint32_t, std::vector<uint32_t>>& steps_by_agent() const { return steps_by_agent_; }
  const std::vector<uint32_t>* steps_of(uint32_t agent) const;

  // ---- what a call was ----
  // A call a policy, a hook or the user refused: its retries are blocked, not a loop.
  bool refused(uint32_t tool) const;
  // The denied hook span under `tool` (kNoSpan when none).
  uint32_t denying_hook_child(uint32_t tool) const;
  // A call that only waits on a background task or the clock: polling it again is not a loop.
  bool waits(uint32_t span) const { return (facts(span).flags & kCallWaits) != 0; }
  // A call whose result is a person's answer (a question, a plan to approve).
  bool asks_user(uint32_t call) const;
  // A person's unasked input (a prompt), not an answer inside the agent's turn.
  bool is_prompt(uint32_t span) const;
  // A model turn that ended the agent's turn: it said it stopped, and called nothing.
  bool ends_turn(uint32_t model) const;
  // When a model call's work began (see DiagnosisOptions::min_output_tokens_per_s).
  int64_t model_work_start(uint32_t model) const;
  // A call that only lets the agent think aloud or declares the run over (the readers' actions think, finish).
  bool wrap_up_call(uint32_t call) const;
  // Whether only wrap-up follows `span`: no tool call but wrap-up calls, and no failure, starts after it.
  bool only_wrap_up_after(uint32_t span) const;
  bool has_model_spans() const { return has_model_spans_; }

  // ---- payloads ----
  // The span's begin record (else its end record), at most options.max_payload_bytes * 4 bytes; "" without one.
  const std::string& payload(uint32_t span);
  // Reads the payloads of `spans` now, in the order their records lie in the raw stream, so that a bundle's
  // blocks are inflated once each.
  void prefetch(std::vector<uint32_t> spans);
  const CallKey& call_key(uint32_t span);

  // Shared between detectors: the error spans of retry loops, uncapped (a finding lists at most 64).
  std::vector<uint32_t> retried_errors;  // ascending

 private:
  void load_facts();

  RecordRef payload_ref(uint32_t span) const { return payload_refs_[span - begin]; }

  const RecordReader& reader_;
  std::vector<SpanFacts> facts_;         // per span of the session
  std::vector<RecordRef> payload_refs_;  // per span: its begin record, else its end record
  std::vector<uint8_t> one_record_;      // per span: begin and end record are one (or one is missing)
  std::map<uint32_t, std::vector<uint32_t>> steps_by_agent_;
  std::unordered_map<uint32_t, std::string> payload_cache_;
  std::unordered_map<uint32_t, CallKey> key_cache_;
  bool has_model_spans_ = false;
};

// Appends a finding, its spans capped at kMaxListedSpans and its words on one line each.
void add_finding(std::vector<Finding>& findings, Finding f);
// The loop finding that holds `span` (a repeated call, or a retried error), if any.
Finding* loop_holding(std::vector<Finding>& findings, uint32_t span);

}  // namespace agentreel::diagnosis

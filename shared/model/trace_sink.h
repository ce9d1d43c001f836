// The one interface every input reader writes into. Readers say what happened (a span opened,
// closed, an instant event, an attribute, a skipped record); the sink owns ordering, nesting,
// repair of clock problems and the final column layout.
#pragma once

#include <cstdint>
#include <string_view>

#include "model/span.h"
#include "model/text_ref.h"
#include "model/trace.h"

namespace agentreel {

using SpanHandle = uint32_t;  // sink-local; not the final span index

struct SpanOpen {
  uint32_t session = 0;  // from TraceSink::session()
  int64_t start_ns = 0;
  SpanKind kind = SpanKind::event;
  std::string_view name;
  SpanHandle parent = kNoSpan;
  RecordRef record;  // the record that opened it
  uint16_t flags = 0;
};

class TraceSink {
 public:
  virtual ~TraceSink() = default;
  // The session with this external id in the current input (created on first use).
  virtual uint32_t session(std::string_view external_id) = 0;
  // A span left open until close_span(); never closed = unfinished.
  virtual SpanHandle open_span(const SpanOpen& span) = 0;
  virtual void close_span(SpanHandle span, int64_t end_ns, SpanStatus status, RecordRef record) = 0;
  // A complete span (instant when end_ns == start_ns).
  virtual SpanHandle add_span(const SpanOpen& span, int64_t end_ns, SpanStatus status) = 0;
  virtual void set_parent(SpanHandle child, SpanHandle parent) = 0;
  virtual void set_status(SpanHandle span, SpanStatus status) = 0;
  virtual void attribute(SpanHandle span, std::string_view key, int64_t value) = 0;
  virtual void attribute(SpanHandle span, std::string_view key, std::string_view value) = 0;
  // A text fact of `span` (model/text_ref.h): the JSON value at `json_pointer` (RFC 6901, "" = the whole
  // record) inside `record` is its `role`: the prompt, the reply, a call's command, file, output...
  virtual void text(SpanHandle span, TextRole role, RecordRef record, std::string_view json_pointer) = 0;
  virtual void skip(SkippedRecord record) = 0;
  // `root` (a root span) is one attempt at its session's run: a run keyed by an evaluation's instance id, which a
  // re-run repeats in another file or line. A session given two or more attempts shows them as one run: build()
  // opens a root named as the attempts, and each attempt becomes its child "attempt N" (in time order; runs
  // without a wall clock laid end to end), with an integer attribute `attempt` = N.
  virtual void mark_attempt(SpanHandle root) = 0;

  // Deferred causality, resolved when the trace is built (after every input), so a link may point
  // to a span of another file or one that appears later: a subagent file to its Task call, an OTLP
  // child to a parent in a later batch, a hook decision to the tool call it judged.
  // Names `span` under `key` within its session (e.g. a tool_use id, an OTLP span id).
  virtual void publish(SpanHandle span, std::string_view key) = 0;
  // `child`'s parent becomes the span published under `key` in the same session, if any.
  virtual void link_parent(SpanHandle child, std::string_view key) = 0;
  // `child`'s parent becomes the span of this kind and name in the same session whose start is
  // nearest to at_ns, within max_distance_ns (a join by time when a log carries no id).
  virtual void link_parent_nearest(SpanHandle child, SpanKind kind, std::string_view name, int64_t at_ns,
                                   int64_t max_distance_ns) = 0;
};

}  // namespace agentreel

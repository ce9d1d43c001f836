// TraceSink implementation that accumulates spans from any number of inputs and builds the
// final Trace: sessions grouped and ordered, spans sorted by start, parent links remapped,
// unfinished spans closed at their session's last event, clock problems repaired and counted.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "core/session_key.h"
#include "model/trace_sink.h"

namespace agentreel {

struct BuildStats {
  uint64_t links_resolved = 0;    // deferred parent links that found their parent
  uint64_t links_unresolved = 0;  // deferred parent links left as roots
  uint64_t unfinished = 0;        // spans never closed
  uint64_t clock_repairs = 0;     // negative durations and children outside their parent
  uint64_t parent_cycles = 0;     // parent links dropped because they formed a cycle
};

class TraceBuilder final : public TraceSink {
 public:
  // Inputs are registered in stream order; readers then report into the current one.
  uint32_t begin_input(InputFile input);
  InputFile& current_input() { return inputs_.back(); }

  uint32_t session(std::string_view external_id) override;
  SpanHandle open_span(const SpanOpen& span) override;
  void close_span(SpanHandle span, int64_t end_ns, SpanStatus status, RecordRef record) override;
  SpanHandle add_span(const SpanOpen& span, int64_t end_ns, SpanStatus status) override;
  void set_parent(SpanHandle child, SpanHandle parent) override;
  void set_status(SpanHandle span, SpanStatus status) override;
  void attribute(SpanHandle span, std::string_view key, int64_t value) override;
  void attribute(SpanHandle span, std::string_view key, std::string_view value) override;
  void text(SpanHandle span, TextRole role, RecordRef record, std::string_view json_pointer) override;
  void skip(SkippedRecord record) override;
  void mark_attempt(SpanHandle root) override { attempts_.push_back(root); }
  void publish(SpanHandle span, std::string_view key) override;
  void link_parent(SpanHandle child, std::string_view key) override;
  void link_parent_nearest(SpanHandle child, SpanKind kind, std::string_view name, int64_t at_ns,
                           int64_t max_distance_ns) override;

  size_t span_count() const { return spans_.size(); }
  // Consumes the builder.
  Trace build(BuildStats* stats = nullptr);

 private:
  struct PendingSpan {
    int64_t start_ns;
    int64_t end_ns;
    uint32_t session;
    SpanHandle parent;
    StringId name;
    SpanKind kind;
    SpanStatus status;
    uint16_t flags;
    bool closed;
    RecordRef begin_record;
    RecordRef end_record;
  };
  struct PendingSession {
    StringId id;
    uint32_t input;
  };
  StringTable strings_;
  std::vector<PendingSpan> spans_;
  std::vector<PendingSession> sessions_;
  std::unordered_map<std::string, uint32_t> session_index_;  // external id -> session (global across inputs)
  std::vector<Attribute> attributes_;                        // span = handle until build()
  std::vector<InputFile> inputs_;
  std::vector<SkippedRecord> skipped_;
  std::vector<TextRef> texts_;  // span = the handle until build()

  struct NearestLink {
    SpanHandle child;
    SpanKind kind;
    StringId name;
    int64_t at_ns;
    int64_t max_distance_ns;
  };
  SessionKeyMap<SpanHandle> published_;
  std::vector<std::pair<SpanHandle, SessionKey>> key_links_;
  std::vector<NearestLink> nearest_links_;
  std::vector<SpanHandle> attempts_;  // roots marked as attempts, in report order
  void resolve_links(BuildStats& stats);
  void nest_attempts();
};

}  // namespace agentreel

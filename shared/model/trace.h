// A whole converted trace in memory: spans as contiguous columns (hot data, no payloads),
// sessions, inputs, attributes and skipped-record reports. Produced by TraceBuilder or by
// reading a bundle; consumed by the CLI and the viewer. No UI state lives here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/string_table.h"
#include "model/attribute_column.h"
#include "model/record_ref_column.h"
#include "model/span.h"
#include "model/text_ref.h"

namespace agentreel {

// Spans are grouped by session (each session a contiguous range) and, within a session,
// sorted by start time then input order. parent[] indexes this same table (kNoSpan = root).
struct SpanColumns {
  std::vector<int64_t> start_ns;     // ns since Unix epoch (or step ordinal * 1e9 with kFlagOrdinalTime)
  std::vector<int64_t> duration_ns;  // >= 0
  std::vector<uint32_t> parent;
  std::vector<StringId> name;  // tool name, model name, hook name, agent id...
  std::vector<SpanKind> kind;
  std::vector<SpanStatus> status;
  std::vector<uint16_t> flags;   // SpanFlag bits
  RecordRefColumn begin_record;  // the record that opened the span
  RecordRefColumn end_record;    // the record that closed it (length 0 if none)

  size_t size() const { return start_ns.size(); }
  void resize(size_t n);
  // What the viewer and the diagnosis count as an error: a span that failed, or an error event.
  bool is_error(size_t i) const { return status[i] == SpanStatus::error || kind[i] == SpanKind::error; }
};

struct Session {
  StringId id = 0;          // the log's own session id
  uint32_t input = 0;       // index into Trace::inputs of the file it came from
  uint32_t first_span = 0;  // spans [first_span, first_span + span_count)
  uint32_t span_count = 0;
  int64_t start_ns = 0;
  int64_t end_ns = 0;
  uint32_t flags = 0;  // SpanFlag bits that apply to the whole session (kFlagOrdinalTime)
};

struct InputFile {
  std::string path;            // relative path as given (a directory input keeps its tree)
  std::string format;          // reader name, e.g. "agenteye"
  uint64_t stream_offset = 0;  // where its bytes start in the raw stream
  uint64_t size = 0;
  uint64_t content_hash = 0;  // XXH64 of the file's bytes, checked by export and verify
  uint64_t records = 0;
  uint64_t skipped = 0;
};

enum class SkipReason : uint16_t {
  invalid_json = 0,
  missing_field = 1,
  wrong_type = 2,
  bad_timestamp = 3,
  unknown_type = 4,
  partial_line = 5,  // last line without a newline that is not a complete record
  too_large = 6,
};
std::string_view skip_reason_name(SkipReason reason);

struct SkippedRecord {
  uint32_t input = 0;
  SkipReason reason = SkipReason::invalid_json;
  uint64_t line = 0;         // 1-based
  uint64_t byte_offset = 0;  // within the input file
  std::string detail;        // what was expected
};

struct Trace {
  StringTable strings;
  SpanColumns spans;
  std::vector<Session> sessions;
  std::vector<InputFile> inputs;
  AttributeColumn attributes;  // sorted by span
  TextColumns texts;           // text facts, sorted by span
  std::vector<SkippedRecord> skipped;

  std::string_view name_of(uint32_t span) const { return strings.get(spans.name[span]); }
  // Index of the session that holds `span`, by binary search over session ranges.
  uint32_t session_of(uint32_t span) const;
  // The first attribute of `span` with this key, if any.
  std::optional<Attribute> find_attribute(uint32_t span, std::string_view key) const;
};

}  // namespace agentreel

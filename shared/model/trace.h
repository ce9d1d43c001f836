// A whole converted trace in memory: spans as contiguous columns (hot data, no payloads),
// sessions, inputs, attributes and skipped-record reports. Produced by TraceBuilder or by
// reading a bundle; consumed by the CLI and the viewer. No UI state lives here.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/string_table.h"
#include "model/span.h"

namespace agentreel {

// A byte range of the bundle's raw stream (all input files concatenated in input order). Not packed to 12
// bytes: a reference bound to a 4-aligned 64-bit offset (std::min, map keys, test macros) is undefined behaviour.
struct RecordRef {
  uint64_t offset = 0;
  uint32_t length = 0;  // 0 = none. A record longer than 4 GiB is refused by the readers.
};

// Spans are grouped by session (each session a contiguous range) and, within a session,
// sorted by start time then input order. parent[] indexes this same table (kNoSpan = root).
struct SpanColumns {
  std::vector<int64_t> start_ns;     // ns since Unix epoch (or step ordinal * 1e9 with kFlagOrdinalTime)
  std::vector<int64_t> duration_ns;  // >= 0
  std::vector<uint32_t> parent;
  std::vector<StringId> name;        // tool name, model name, hook name, agent id...
  std::vector<SpanKind> kind;
  std::vector<SpanStatus> status;
  std::vector<uint16_t> flags;       // SpanFlag bits
  std::vector<RecordRef> begin_record;  // the record that opened the span
  std::vector<RecordRef> end_record;    // the record that closed it (length 0 if none)

  size_t size() const { return start_ns.size(); }
  void resize(size_t n);
};

struct Session {
  StringId id = 0;          // the log's own session id
  uint32_t input = 0;       // index into Trace::inputs of the file it came from
  uint32_t first_span = 0;  // spans [first_span, first_span + span_count)
  uint32_t span_count = 0;
  int64_t start_ns = 0;
  int64_t end_ns = 0;
  uint32_t flags = 0;       // SpanFlag bits that apply to the whole session (kFlagOrdinalTime)
};

struct InputFile {
  std::string path;          // relative path as given (a directory input keeps its tree)
  std::string format;        // reader name, e.g. "agenteye"
  uint64_t stream_offset = 0;  // where its bytes start in the raw stream
  uint64_t size = 0;
  uint64_t content_hash = 0;   // XXH64 of the file's bytes, checked by export and verify
  uint64_t records = 0;
  uint64_t skipped = 0;
};

enum class SkipReason : uint16_t {
  invalid_json = 0,
  missing_field = 1,
  wrong_type = 2,
  bad_timestamp = 3,
  unknown_type = 4,
  partial_line = 5,   // last line without a newline that is not a complete record
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

enum class AttrType : uint8_t { integer = 0, string = 1, real = 2 };

// Sparse per-span attributes (model, tokens, tool error text...), sorted by span. 16 bytes: the key shares
// a word with the type, so a key is below 2^30 (a string table that large would need a 4 GiB STRS section,
// past the index section limit; decode_attributes refuses larger keys).
struct Attribute {
  static constexpr uint32_t kMaxKey = (1u << 30) - 1;
  uint32_t span = 0;
  StringId key : 30 = 0;
  AttrType type : 2 = AttrType::integer;
  int64_t value = 0;  // integer, StringId, or the bits of a double

  // key <= kMaxKey (bundles are checked on reading; the converter's string table would need some 50 GB of
  // memory for 2^30 distinct strings before it could reach it).
  static Attribute make(uint32_t span, StringId key, AttrType type, int64_t value) {
    Attribute a;
    a.span = span;
    a.key = key & kMaxKey;
    a.type = type;
    a.value = value;
    return a;
  }
};
static_assert(sizeof(Attribute) == 16);

struct Trace {
  StringTable strings;
  SpanColumns spans;
  std::vector<Session> sessions;
  std::vector<InputFile> inputs;
  std::vector<Attribute> attributes;
  std::vector<SkippedRecord> skipped;
  // attribute_index[b] = the first attribute of a span >= b * kAttributeIndexStride, plus attributes.size() at
  // the end: attributes_of then searches a few dozen attributes instead of all of them (a whole-trace
  // analysis asks for every span's). Built by index_attributes(); missing or stale, the search covers all.
  static constexpr uint32_t kAttributeIndexStride = 64;
  std::vector<uint32_t> attribute_index;

  std::string_view name_of(uint32_t span) const { return strings.get(spans.name[span]); }
  // Index of the session that holds `span`, by binary search over session ranges.
  uint32_t session_of(uint32_t span) const;
  // Attributes of one span: a contiguous range, by binary search.
  std::pair<const Attribute*, const Attribute*> attributes_of(uint32_t span) const;
  // Builds attribute_index for the current spans and attributes (sorted by span).
  void index_attributes();
  // The first attribute with this key, or nullptr.
  const Attribute* find_attribute(uint32_t span, std::string_view key) const;
};

}  // namespace agentreel

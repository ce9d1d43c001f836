// Encodes and decodes the index sections' contents (everything but RAW blocks and the TOC):
// Trace <-> bytes. Decoding validates every count, index and range before it is used.
#pragma once

#include <string>
#include <string_view>

#include "bundle/bundle_format.h"
#include "core/status.h"
#include "model/trace.h"

namespace agentreel {

struct MetaSection {
  uint64_t spans = 0, sessions = 0, inputs = 0, strings = 0, attributes = 0, skipped = 0;
  uint64_t raw_block_bytes = 0;
  std::string producer;
};

// Span kinds and statuses beyond this version's, which decode_spans reads as their fallback (model/span.h):
// how many spans had one, and the first (verify reports them in a bundle of a version that has none).
struct UnknownSpanValues {
  uint64_t kinds = 0, statuses = 0;
  uint32_t first_kind_span = kNoSpan, first_status_span = kNoSpan;
  uint8_t first_kind = 0, first_status = 0;
};

std::string encode_meta(const MetaSection& meta);
std::string encode_strings(const StringTable& strings);
std::string encode_inputs(const std::vector<InputFile>& inputs);
std::string encode_sessions(const std::vector<Session>& sessions);
std::string encode_spans(const SpanColumns& spans);
std::string encode_records(const SpanColumns& spans);
std::string encode_attributes(const AttributeColumn& attributes);
std::string encode_skipped(const std::vector<SkippedRecord>& skipped);

Status decode_meta(std::string_view bytes, MetaSection& meta);
Status decode_strings(std::string_view bytes, StringTable& strings);
Status decode_inputs(std::string_view bytes, std::vector<InputFile>& inputs);
Status decode_sessions(std::string_view bytes, std::vector<Session>& sessions);
Status decode_spans(std::string_view bytes, SpanColumns& spans, UnknownSpanValues* unknown = nullptr);
// The record refs of every span; validate_trace checks that they are as many as the spans.
Status decode_records(std::string_view bytes, RecordRefColumn& begin_record, RecordRefColumn& end_record);
// Rows naming a span >= max_spans are refused before anything is allocated for them: the column's index grows
// with the largest span named (the bundle reader passes a bound from the SPAN section's size).
Status decode_attributes(std::string_view bytes, AttributeColumn& attributes, uint64_t max_spans);
Status decode_skipped(std::string_view bytes, std::vector<SkippedRecord>& skipped);
// TEXT (since 1.2): u64 n, then columns u32 span (sorted), u8 role, u32 path (StringId), u64 offset, u32 length.
std::string encode_texts(const TextColumns& texts);
Status decode_texts(std::string_view bytes, TextColumns& texts, uint64_t max_spans);

// Cross-section checks every reader makes (docs/bundle-format.md, "Reading a bundle"), all O(n): parents before
// their children in the same session (so no cycles), spans sorted by start within a session, names, session
// ranges, inputs tiling the stream, record refs inside it, attribute and skip rows in range.
Status validate_trace(const Trace& trace, uint64_t raw_stream_size);

}  // namespace agentreel

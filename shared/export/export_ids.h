// Stable OpenTelemetry ids for an export: one trace id per session and one span id per span, the same bytes
// every time the same bundle is exported. Ids the source already had (an OTLP trace id as the session id, an
// OTLP span's own spanId) are kept; the rest are derived from the session and the span's place in it.
// Depends on the trace model and the OTLP id rules only; reads records only through the caller's RecordReader.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/record_reader.h"
#include "model/trace.h"

namespace agentreel {

// One trace id per session, 32 lowercase hex digits each, distinct: the session's own id when it is one (a
// non-zero 128-bit hex id, as the OTLP reader keeps it), else 128 bits hashed from its input's path and its id.
std::vector<std::string> export_trace_ids(const Trace& trace);

// The span ids of one session's spans, in span order (element i is span first_span + i), distinct and never 0.
// For a session read from OTLP/JSON, each span keeps the spanId of the record that opened it (read through
// `read`); a span without one, or whose id an earlier span of the session took, gets a derived id: a bijective
// mix of the session's hash and the span's index, so derived ids never repeat within a session.
std::vector<uint64_t> export_span_ids(const Trace& trace, uint32_t session, const std::string& trace_id,
                                      const RecordReader& read);

// 16 lowercase hex digits of a span id.
std::string span_id_hex(uint64_t id);

}  // namespace agentreel

// A bundle's spans as OTLP/JSON (the JSON encoding of an ExportTraceServiceRequest), with the OpenTelemetry
// GenAI semantic conventions for model calls, tool calls and agents (the mapping: docs/export.md). One trace
// per session, ids from export_ids.h, streamed to a ByteSink. No file I/O; records are read through `read`.
#pragma once

#include "core/byte_io.h"
#include "core/status.h"
#include "model/record_reader.h"
#include "model/trace.h"

namespace agentreel {

// Added to the times of a session without a wall clock (steps or execution time, counted from 0): OTLP reads a
// time of 0 as "unset", so such a run starts at 1 s after the epoch (step n at n + 1 s).
constexpr int64_t kOtlpOrdinalOffsetNs = 1'000'000'000;

// Writes the whole document to `out`, holding about 1 MiB of it at a time. Fails with the sink's Status.
Status write_otlp_json(const Trace& trace, const RecordReader& read, ByteSink& out);

}  // namespace agentreel

// A bundle's spans in the Chrome trace event format (the JSON object form, {"traceEvents": [...]}), as Perfetto,
// chrome://tracing and speedscope load it: one complete event ("ph":"X") per span, one process per session, one
// thread per lane. Lanes (chrome_trace_lanes.h) keep every thread's events properly nested. Streamed to a
// ByteSink; no file I/O, records read through `read` (for the sessions' titles only).
#pragma once

#include "core/byte_io.h"
#include "core/status.h"
#include "model/record_reader.h"
#include "model/trace.h"

namespace agentreel {

// Writes the whole document to `out`, holding about 1 MiB of it at a time (and one session's lanes).
// Times are microseconds with three decimals (ns exact): for wall-clock sessions from the earliest wall-clock
// session's start (written as otherData.time_origin_unix_ns), for sessions without a wall clock from their run's
// start.
Status write_chrome_trace(const Trace& trace, const RecordReader& read, ByteSink& out);

}  // namespace agentreel

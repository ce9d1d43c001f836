// Building the find index of a session (find_index_format.h): its spans' records read back from the raw stream
// and tokenized, one segment of spans at a time, so memory stays bounded by a segment whatever the session's
// size. The writer (`agentreel convert --find-index`) and `verify` (which rebuilds and compares) both use it.
// No I/O: records come through a StreamReader.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/status.h"
#include "find/find_index_format.h"
#include "find/find_scan.h"
#include "model/trace.h"

namespace agentreel {

// Which sessions get an index: none, those whose records are too many to scan fast, or all.
enum class FindIndexMode : uint8_t { never, automatic, always };

// `automatic` indexes a session whose spans' records hold more than this many bytes: about 300 ms of scanning
// on one core (docs/benchmarks.md, "Payload search"). Smaller sessions answer by scanning.
constexpr uint64_t kFindIndexAutoBytes = 64ull << 20;
// A segment ends after the span that brings its spans' record bytes to this many or more.
constexpr uint64_t kFindIndexSegmentBytes = 64ull << 20;

// The distinct records (length > 0) a span's text is searched in: its begin and end records and those its
// text facts point into, in that order, each once.
void span_records(const Trace& trace, uint32_t span, std::vector<RecordRef>& out);
// The sum over the session's spans of their span_records' lengths.
uint64_t session_record_bytes(const Trace& trace, uint32_t session);
bool wants_find_index(const Trace& trace, uint32_t session, FindIndexMode mode);

// The segments of `session`'s index, in span order, each passed to `emit` once it is complete.
Status build_find_index(const Trace& trace, uint32_t session, const StreamReader& read,
                        const std::function<Status(FindIndexSegment&)>& emit);

}  // namespace agentreel

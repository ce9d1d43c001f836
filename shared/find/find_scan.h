// The find language over a session: which spans match a query, text terms included. The records of the session
// (each span's begin and end records and the records its text facts point into) are read in stream order, in
// runs of neighbouring records, and searched for every needle of the query at once — in the raw JSON bytes, so a
// needle is also looked for as JSON escapes it ("\"", "\n", "\u00e9"). file: and cmd: needles are looked for in
// the resolved path and command facts. No I/O: the caller reads the raw stream.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "find/find_index_format.h"
#include "find/find_query.h"
#include "model/trace.h"

namespace agentreel {

// Reads `size` bytes of the raw stream at `offset` into `out` (Bundle::read_stream).
using StreamReader = std::function<Status(uint64_t offset, uint64_t size, std::string& out)>;

struct FindOptions {
  uint64_t max_run_bytes = 8u << 20;  // records closer than this to each other are read in one piece
  // The bundle's find index (Bundle::find_index()); a session it covers is answered from it, reading only the
  // candidate spans' records. Null: every session is scanned.
  const FindIndexSource* index = nullptr;
  // What a policy replay says of a span, for policy: and would: terms (FindQuery::needs_verdicts); the caller's
  // (the viewer's audit). Empty with such a query: an error.
  std::function<SpanVerdicts(uint32_t span)> verdicts;
};

// The spans of `session` that match `query`, ascending. Text terms need `read`; without it (or when it fails)
// they match names and attributes only, and the failure is returned. With options.index, the result is the
// same, found sooner.
Result<std::vector<uint32_t>> find_in_session(const Trace& trace, uint32_t session, const FindQuery& query,
                                              const StreamReader& read, const FindOptions& options = {});

// The byte patterns a lower-case needle may take inside JSON text: as written, JSON-escaped, and with its
// non-ASCII characters as \u escapes (lower-case hex). Exposed for tests.
std::vector<std::string> json_needle_forms(std::string_view needle);

// Case-insensitive (ASCII) search of a lower-case `needle` in `hay` from `from`; npos when absent.
size_t find_folded(std::string_view hay, std::string_view needle, size_t from = 0);

}  // namespace agentreel

// Answering a query's text needles from a session's find index (find_index_format.h). A needle form made of
// token bytes only occurs in a record exactly when it is a substring of one of the record's tokens, so it is
// answered from the vocabulary and the postings alone. A form with separators ("no-verify", "\"hi\"") gives
// candidates: its first piece must end a token, its middle pieces be tokens, its last piece start one; only
// the candidate spans are then read to tell. No I/O: segments come through a FindIndexSource.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "find/find_index_format.h"
#include "model/trace.h"

namespace agentreel {

// Per span of the session (ordinal from its first span) and needle n: `found[ordinal * needles + n]` when
// the index proves the span holds the needle, `verify[...]` when the span's records must be read to tell.
struct IndexAnswer {
  std::vector<uint8_t> found;
  std::vector<uint8_t> verify;
};

// `forms[n]` are the JSON forms of record-scoped needle n (json_needle_forms), empty for other needles.
// Fails when the index cannot answer (a form without token bytes, segments that do not tile the session, a
// segment that does not decode): the caller then scans.
Status search_find_index(const Trace& trace, uint32_t session, const std::vector<std::vector<std::string>>& forms,
                         const FindIndexSource& index, IndexAnswer& answer);

}  // namespace agentreel

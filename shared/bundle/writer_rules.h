// The rules a writer of this format version follows over the decoded index that a reader need not check to
// read a bundle safely (docs/bundle-format.md, "Verifying a bundle"): session order and extents, ties between
// spans, parents covering children, flag bits, input paths, skipped-record counts, record refs within one input.
// Used by `verify` only. Works on a decoded Trace: no bundle bytes, no I/O.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "model/trace.h"

namespace agentreel {

struct WriterRuleBreaks {
  // A rule every version of the format keeps (orderings, extents, counts): the bundle is not as written.
  std::vector<Status> problems;
  // A value this version leaves undefined (a flag bit, a skip reason): wrong in a bundle of this version,
  // possibly meaningful in a newer minor one.
  std::vector<Status> undefined_values;
};

// Checks `trace`, which has passed validate_trace (section_codec.h). Each rule broken gives one
// corrupt_structure Status naming its first offender: the section, the index, the values found and what was
// expected. O(spans + sessions + inputs + skipped + attributes) plus a binary search per record ref.
WriterRuleBreaks check_writer_rules(const Trace& trace);

}  // namespace agentreel

// Writer rules over a decoded trace (see writer_rules.h). Each check names the first span, session, input or
// row that breaks its rule and stops looking: one forged value must not bury the report under a million lines.
#include "bundle/writer_rules.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

#include "bundle/input_path.h"

namespace agentreel {
namespace {

constexpr uint16_t kDefinedSpanFlags =
    kFlagInstant | kFlagUnpairedEnd | kFlagClockRepaired | kFlagOrdinalTime | kFlagExecutionTime;
constexpr uint16_t kDefinedSkipReasons = uint16_t(SkipReason::too_large) + 1;

Status broken(const char* section, const std::string& what) {
  return {ErrorCode::corrupt_structure, "section " + std::string(section) + ": " + what};
}

std::string hex(uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%" PRIX32, value);
  return text;
}

std::string n(uint64_t value) { return std::to_string(value); }
std::string n(int64_t value) { return std::to_string(value); }

// start + duration, saturating: duration >= 0 (validate_trace), yet a forged start can push the end past int64.
int64_t span_end(const SpanColumns& spans, size_t i) {
  const int64_t start = spans.start_ns[i], duration = spans.duration_ns[i];
  return start > INT64_MAX - duration ? INT64_MAX : start + duration;
}

// Sessions with spans in order of start, those without last (start and end 0); each starts with its first span,
// ends with its last-ending span, and carries the clock bits of its spans (what TraceBuilder::build makes).
void check_sessions(const Trace& trace, std::vector<Status>& problems) {
  const SpanColumns& spans = trace.spans;
  bool order_reported = false, extent_reported = false;
  size_t previous = trace.sessions.size(), first_empty = trace.sessions.size();
  for (size_t s = 0; s < trace.sessions.size(); ++s) {
    const Session& session = trace.sessions[s];
    if (session.span_count == 0) {
      if (!extent_reported && (session.start_ns != 0 || session.end_ns != 0 || session.flags != 0)) {
        problems.push_back(broken("SESS", "session " + n(uint64_t(s)) + " has no spans but starts at " +
                                              n(session.start_ns) + ", ends at " + n(session.end_ns) +
                                              " and has flags " + hex(session.flags) + " (expected 0, 0 and 0)"));
        extent_reported = true;
      }
      if (first_empty == trace.sessions.size()) first_empty = s;
      continue;
    }
    if (!order_reported && first_empty < s) {
      problems.push_back(broken("SESS", "session " + n(uint64_t(s)) + " has spans but follows session " +
                                            n(uint64_t(first_empty)) +
                                            ", which has none (expected sessions without spans last)"));
      order_reported = true;
    }
    if (!order_reported && previous < s && session.start_ns < trace.sessions[previous].start_ns) {
      problems.push_back(broken("SESS", "session " + n(uint64_t(s)) + " starts at " + n(session.start_ns) +
                                            ", before session " + n(uint64_t(previous)) + " (at " +
                                            n(trace.sessions[previous].start_ns) +
                                            "): expected sessions ordered by start"));
      order_reported = true;
    }
    previous = s;
    if (extent_reported) continue;
    const uint32_t first = session.first_span;
    int64_t end = spans.start_ns[first];
    uint32_t clock_flags = 0;
    for (uint32_t i = first; i < first + session.span_count; ++i) {
      end = std::max(end, span_end(spans, i));
      clock_flags |= spans.flags[i] & kSessionClockFlags;
    }
    std::string what;
    if (session.start_ns != spans.start_ns[first]) {
      what = "starts at " + n(session.start_ns) + " but its first span, span " + n(uint64_t(first)) + ", at " +
             n(spans.start_ns[first]);
    } else if (session.end_ns != end) {
      what = "ends at " + n(session.end_ns) + " but its spans end at " + n(end);
    } else if (session.flags != clock_flags) {
      what = "has flags " + hex(session.flags) + " but its spans' clock bits (3 and 4) make " + hex(clock_flags);
    }
    if (!what.empty()) {
      problems.push_back(broken("SESS", "session " + n(uint64_t(s)) + " " + what));
      extent_reported = true;
    }
  }
}

// Within a session, spans that start together are ordered parent first (by depth); parents cover their children
// (TraceBuilder grows a parent to cover them and flags it clock-repaired). A parent comes before its child
// (validate_trace), so depths fill in one forward pass.
void check_span_order(const Trace& trace, std::vector<Status>& problems) {
  const SpanColumns& spans = trace.spans;
  std::vector<uint32_t> depth(spans.size(), 0);
  bool tie_reported = false, cover_reported = false;
  for (const Session& session : trace.sessions) {
    for (uint32_t i = session.first_span; i < session.first_span + session.span_count; ++i) {
      const uint32_t p = spans.parent[i];
      if (p != kNoSpan) depth[i] = depth[p] + 1;
      if (!tie_reported && i > session.first_span && spans.start_ns[i] == spans.start_ns[i - 1] &&
          depth[i] < depth[i - 1]) {
        problems.push_back(broken("SPAN", "span " + n(uint64_t(i)) + " starts with span " + n(uint64_t(i - 1)) +
                                              " but is nested less deeply (depth " + n(uint64_t(depth[i])) + " after " +
                                              n(uint64_t(depth[i - 1])) +
                                              "): expected spans that start together ordered parent first"));
        tie_reported = true;
      }
      // A parent whose duration was clamped to INT64_MAX (TraceBuilder) may end before a child that was not.
      if (!cover_reported && p != kNoSpan && spans.duration_ns[p] != INT64_MAX &&
          (spans.start_ns[i] < spans.start_ns[p] || span_end(spans, i) > span_end(spans, p))) {
        problems.push_back(broken("SPAN", "span " + n(uint64_t(i)) + " (" + n(spans.start_ns[i]) + ".." +
                                              n(span_end(spans, i)) + ") is not within its parent, span " +
                                              n(uint64_t(p)) + " (" + n(spans.start_ns[p]) + ".." +
                                              n(span_end(spans, p)) + ")"));
        cover_reported = true;
      }
    }
  }
}

void check_span_flags(const SpanColumns& spans, std::vector<Status>& problems, std::vector<Status>& undefined) {
  bool undefined_reported = false;
  for (size_t i = 0; i < spans.size(); ++i) {
    const uint16_t flags = spans.flags[i];
    if (!undefined_reported && (flags & ~kDefinedSpanFlags)) {
      undefined.push_back(broken("SPAN", "span " + n(uint64_t(i)) + " has flag bits " +
                                             hex(flags & ~kDefinedSpanFlags) + ", which this version does not define"));
      undefined_reported = true;
    }
    if ((flags & kFlagExecutionTime) && !(flags & kFlagOrdinalTime)) {
      problems.push_back(
          broken("SPAN", "span " + n(uint64_t(i)) + " has flag bit 4 (execution time) without bit 3 (ordinal time)"));
      return;
    }
  }
}

void check_inputs_and_skips(const Trace& trace, std::vector<Status>& problems, std::vector<Status>& undefined) {
  for (size_t i = 0; i < trace.inputs.size(); ++i) {
    const std::string reason = unsafe_input_path_reason(trace.inputs[i].path);
    if (!reason.empty()) {
      problems.push_back(broken("INPT", "input " + n(uint64_t(i)) + " path \"" + trace.inputs[i].path + "\" " + reason +
                                            " (expected a relative /-separated path without '.' or '..')"));
      break;
    }
  }
  std::vector<uint64_t> rows_per_input(trace.inputs.size(), 0);
  bool reason_reported = false, place_reported = false;
  for (size_t r = 0; r < trace.skipped.size(); ++r) {
    const SkippedRecord& row = trace.skipped[r];
    ++rows_per_input[row.input];  // row.input < inputs.size(): validate_trace
    if (!reason_reported && uint16_t(row.reason) >= kDefinedSkipReasons) {
      undefined.push_back(broken("SKIP", "row " + n(uint64_t(r)) + " has reason " + n(uint64_t(row.reason)) +
                                             ", which this version does not define"));
      reason_reported = true;
    }
    const InputFile& input = trace.inputs[row.input];
    if (!place_reported && (row.line == 0 || row.byte_offset > input.size)) {
      problems.push_back(broken("SKIP", "row " + n(uint64_t(r)) + " is at line " + n(row.line) + ", byte " +
                                            n(row.byte_offset) + " of input " + n(uint64_t(row.input)) + " (" +
                                            n(input.size) + " bytes): expected a line from 1 and a byte in the file"));
      place_reported = true;
    }
  }
  for (size_t i = 0; i < trace.inputs.size(); ++i) {
    if (trace.inputs[i].skipped != rows_per_input[i]) {
      problems.push_back(broken("INPT", "input " + n(uint64_t(i)) + " counts " + n(trace.inputs[i].skipped) +
                                            " skipped records but section SKIP holds " + n(rows_per_input[i]) +
                                            " for it"));
      break;
    }
  }
}

// A record is one line or JSON document of one file: its range never crosses into the next input.
void check_record_refs(const Trace& trace, std::vector<Status>& problems) {
  const std::vector<InputFile>& inputs = trace.inputs;
  if (inputs.empty()) return;
  const auto input_at = [&](uint64_t offset) {
    const auto it = std::upper_bound(inputs.begin(), inputs.end(), offset,
                                     [](uint64_t at, const InputFile& f) { return at < f.stream_offset; });
    return size_t(it - inputs.begin()) - 1;  // inputs[0].stream_offset == 0: validate_trace
  };
  for (const auto* column : {&trace.spans.begin_record, &trace.spans.end_record}) {
    bool reported = false;
    column->for_each(0, column->size(), [&](size_t i, RecordRef ref) {
      if (reported || ref.length == 0) return;
      const size_t input = input_at(ref.offset);
      const uint64_t input_end = inputs[input].stream_offset + inputs[input].size;
      if (ref.offset + ref.length > input_end) {
        problems.push_back(broken(
            "PREF", "span " + n(uint64_t(i)) + "'s " + (column == &trace.spans.begin_record ? "begin" : "end") +
                        " record (stream bytes " + n(ref.offset) + ".." + n(ref.offset + ref.length) +
                        ") runs past the end of input " + n(uint64_t(input)) + " (stream byte " + n(input_end) + ")"));
        reported = true;
      }
    });
    if (reported) return;
  }
}

}  // namespace

WriterRuleBreaks check_writer_rules(const Trace& trace) {
  WriterRuleBreaks breaks;
  check_sessions(trace, breaks.problems);
  check_span_order(trace, breaks.problems);
  check_span_flags(trace.spans, breaks.problems, breaks.undefined_values);
  check_record_refs(trace, breaks.problems);
  check_inputs_and_skips(trace, breaks.problems, breaks.undefined_values);
  return breaks;
}

}  // namespace agentreel

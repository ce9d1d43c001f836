// Unfinished: the run has no proper end: spans left open, the agent itself open, the last call killed with its
// process, or the log cut mid-record (docs/diagnosis.md, "unfinished").
#include "diagnosis/detectors.h"
#include "diagnosis/finding_words.h"

namespace agentreel::diagnosis {
namespace {

// Whether the last whole line before cut record `r` is one of this session's records.
bool owns_line_before(const SessionView& v, const SkippedRecord& r) {
  if (r.input >= v.trace.inputs.size()) return false;
  const uint64_t cut_at = v.trace.inputs[r.input].stream_offset + r.byte_offset;
  auto ends_before = [&](RecordRef ref) {
    const uint64_t end = ref.offset + ref.length;  // the line without its newline (LF or CRLF)
    return ref.length > 0 && end < cut_at && end + 2 >= cut_at;
  };
  bool found = false;
  const auto check = [&](size_t, RecordRef ref) { found = found || ends_before(ref); };
  v.spans.begin_record.for_each(v.begin, v.end, check);
  v.spans.end_record.for_each(v.begin, v.end, check);
  return found;
}

}  // namespace

void detect_unfinished(SessionView& v, std::vector<Finding>& findings) {
  const SpanColumns& spans = v.spans;
  std::vector<uint32_t> open;
  for (uint32_t i = v.begin; i < v.end; ++i)
    if (spans.status[i] == SpanStatus::unfinished) open.push_back(i);
  const SkippedRecord* cut = nullptr;
  for (const SkippedRecord& r : v.trace.skipped) {
    if (r.reason != SkipReason::partial_line) continue;
    // A cut log belongs to the session(s) of that input still running when it stopped, or to the session
    // whose record is the last whole line before the cut (a transcript's agent closes at its last record, so
    // nothing of it need be open).
    if ((r.input == v.session.input && !open.empty()) || owns_line_before(v, r)) cut = &r;
  }
  const bool root_open = v.root != kNoSpan && spans.status[v.root] == SpanStatus::unfinished;
  const bool no_root_open = v.root == kNoSpan && !open.empty();
  // The last thing the run started never finished: a call killed with its process.
  uint32_t last_work = kNoSpan;
  for (uint32_t i = v.end; i-- > v.begin;) {
    const SpanKind k = spans.kind[i];
    if (k == SpanKind::tool || k == SpanKind::model || k == SpanKind::error) {
      last_work = i;
      break;
    }
  }
  const bool last_open = last_work != kNoSpan && spans.status[last_work] == SpanStatus::unfinished;
  if (!root_open && !no_root_open && !cut && !last_open) return;
  Finding f;
  f.kind = FindingKind::unfinished;
  f.severity = Severity::critical;
  f.spans = open;
  f.first_span = open.empty() ? v.begin : open.front();
  f.last_span = v.end - 1;
  f.count = static_cast<uint32_t>(open.size());
  const uint32_t cut_call = last_open && !root_open && spans.kind[last_work] == SpanKind::tool ? last_work : kNoSpan;
  if (cut_call != kNoSpan) f.action = words::action(v, cut_call);
  words::phrase_unfinished(v, f, open, root_open, cut_call, cut);
  add_finding(findings, std::move(f));
}

}  // namespace agentreel::diagnosis

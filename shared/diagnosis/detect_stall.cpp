// Stall and waiting. Idle time is time in which no call, model turn or hook was running. It is a stall when the
// agent owed the next move (a result had come back, or its turn was still going), and waiting when a person did:
// the gap ends at their prompt, or the agent had ended its turn. A model thinking or writing is work, not
// idleness; so is a call that asks the user a question, whose time is the person's (waiting when long).
// (docs/diagnosis.md, "stall" and "waiting")
#include <algorithm>

#include "diagnosis/detectors.h"
#include "diagnosis/finding_words.h"

namespace agentreel::diagnosis {

void detect_stalls(SessionView& v, std::vector<Finding>& findings) {
  if (v.session.flags & kFlagOrdinalTime) return;
  const SpanColumns& spans = v.spans;
  std::vector<int64_t> gaps;
  struct Idle {
    int64_t gap;
    uint32_t resumed;  // the span that resumed work
    uint32_t before;   // the span whose end began the gap
    bool on_person;
  };
  std::vector<Idle> idle;
  std::vector<uint32_t> asked;  // calls that asked the user and took long
  int64_t busy_until = INT64_MIN;
  uint32_t busy_span = kNoSpan;
  int64_t prev_start = INT64_MIN;
  bool turn_over = false;  // the agent's last move ended its turn
  for (uint32_t i = v.begin; i < v.end; ++i) {
    const SpanKind k = spans.kind[i];
    if (k == SpanKind::agent && spans.parent[i] == kNoSpan) continue;
    const int64_t start = spans.start_ns[i];
    if (k == SpanKind::tool || k == SpanKind::model) {
      if (prev_start != INT64_MIN) gaps.push_back(sub_ns(start, prev_start));
      prev_start = start;
    }
    // A Claude Code compaction runs from the record it follows to its boundary: work at its end. A model call is
    // work for as long as its output explains; before that it was waited for.
    int64_t from = start;
    if (k == SpanKind::event && v.name(i) == "compaction") from = add_ns(start, spans.duration_ns[i]);
    if (k == SpanKind::model) from = v.model_work_start(i);
    if (busy_until != INT64_MIN && from > busy_until)
      idle.push_back({sub_ns(from, busy_until), i, busy_span, k == SpanKind::human || turn_over});
    if (k == SpanKind::agent) continue;  // a subagent's span covers its work, not idleness
    const int64_t end = add_ns(start, spans.duration_ns[i]);
    if (end > busy_until) {
      busy_until = end;
      busy_span = i;
    }
    if ((k == SpanKind::tool && v.asks_user(i)) || (k == SpanKind::human && spans.duration_ns[i] > 0))
      asked.push_back(i);
    if (k == SpanKind::model)
      turn_over = v.ends_turn(i);
    else if (k == SpanKind::tool || k == SpanKind::human || k == SpanKind::error)
      turn_over = false;
  }
  if (gaps.size() < 4) return;
  std::nth_element(gaps.begin(), gaps.begin() + gaps.size() / 2, gaps.end());
  const int64_t median = std::max<int64_t>(gaps[gaps.size() / 2], 1'000'000);
  const double scaled = double(median) * v.options.stall_factor;
  const int64_t threshold = std::max<int64_t>(scaled >= 9.2e18 ? INT64_MAX : int64_t(scaled), v.options.min_stall_ns);
  const int64_t wait_threshold = std::max(threshold, v.options.min_wait_ns);
  for (const Idle& g : idle) {
    if (g.gap < (g.on_person ? wait_threshold : threshold)) continue;
    const uint32_t before = g.before == kNoSpan ? g.resumed : g.before;
    Finding f;
    f.kind = g.on_person ? FindingKind::waiting : FindingKind::stall;
    f.severity = g.on_person ? Severity::info : Severity::warning;
    f.first_span = std::min(before, g.resumed);
    f.last_span = std::max(before, g.resumed);
    f.spans = {f.first_span, f.last_span};
    if (f.spans[0] == f.spans[1]) f.spans.pop_back();
    f.gap_ns = g.gap;
    if (g.on_person)
      words::phrase_waiting(v, f, before, g.resumed);
    else
      words::phrase_stall(v, f, before, g.resumed, median);
    add_finding(findings, std::move(f));
  }
  for (const uint32_t call : asked) {
    const int64_t took = spans.duration_ns[call];
    if (took < wait_threshold) continue;
    Finding f;
    f.kind = FindingKind::waiting;
    f.severity = Severity::info;
    f.first_span = f.last_span = call;
    f.spans = {call};
    f.gap_ns = took;
    words::phrase_waiting_on_answer(v, f, call);
    add_finding(findings, std::move(f));
  }
}

}  // namespace agentreel::diagnosis

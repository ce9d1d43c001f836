// Gave up: a turn of the main agent that ended with the work undone. Its last calls failed or were blocked at
// least min_give_up_failures times in a row and nothing succeeded after them before the turn ended with a reply
// (repeats inside a loop finding are the loop's: it says the turn ended there); or the turn stopped with no reply
// at all after a call, and a person had to come back to it (docs/diagnosis.md, "gave_up").
#include <algorithm>

#include "diagnosis/detectors.h"
#include "diagnosis/finding_words.h"

namespace agentreel::diagnosis {
namespace {

void check_turn_end(SessionView& v, std::vector<Finding>& findings, const std::vector<uint32_t>& turn,
                    uint32_t turn_end) {
  const SpanColumns& spans = v.spans;
  if (turn.empty()) return;
  const uint32_t last = turn.back();
  if (spans.status[last] == SpanStatus::unfinished) return;  // cut off: unfinished says so
  auto failed = [&](uint32_t s) { return spans.status[s] == SpanStatus::error || v.refused(s); };
  size_t streak = 0;
  while (streak < turn.size() && failed(turn[turn.size() - 1 - streak])) ++streak;
  uint32_t reply = kNoSpan;  // the model's words after the last call
  for (uint32_t i = last + 1; i < turn_end; ++i)
    if (spans.kind[i] == SpanKind::model && spans.start_ns[i] >= spans.start_ns[last]) {
      reply = i;
      break;
    }
  if (streak >= v.options.min_give_up_failures && reply != kNoSpan) {
    // An error that ended the run already says how it ended.
    for (const Finding& f : findings)
      if (f.kind == FindingKind::error && f.ended_run && f.last_span == last) return;
    std::vector<uint32_t> given_up(turn.end() - streak, turn.end());
    if (Finding* loop = loop_holding(findings, given_up.front());
        loop && loop_holding(findings, given_up.back()) == loop) {
      words::phrase_loop_ended_turn(*loop);
      return;
    }
    Finding f;
    f.kind = FindingKind::gave_up;
    f.severity = Severity::critical;
    f.spans = given_up;
    f.spans.push_back(reply);
    f.first_span = given_up.front();
    f.last_span = reply;
    f.cause_span = last;
    f.count = static_cast<uint32_t>(streak);
    f.action = words::action(v, last);
    const bool blocked = std::all_of(given_up.begin(), given_up.end(), [&](uint32_t s) { return v.refused(s); });
    words::phrase_gave_up(v, f, blocked);
    add_finding(findings, std::move(f));
    return;
  }
  // Stopped silently: no reply after a call that worked, nothing for min_stall_ns, then a person's prompt (a
  // prompt typed while the agent works arrives at once). A session that simply ends after its last call (a
  // submit, a finish), a turn the person interrupted and a question to the person are not this.
  bool interrupted = false;  // the person stopped it (an interrupt, an aborted turn): not the agent's doing
  for (uint32_t i = last + 1; i < turn_end && !interrupted; ++i) interrupted = spans.status[i] == SpanStatus::cancelled;
  const int64_t silence =
      turn_end < v.end ? sub_ns(spans.start_ns[turn_end], add_ns(spans.start_ns[last], spans.duration_ns[last])) : 0;
  if (streak == 0 && reply == kNoSpan && turn_end < v.end && silence >= v.options.min_stall_ns && !interrupted &&
      !v.asks_user(last) && v.has_model_spans()) {
    Finding f;
    f.kind = FindingKind::gave_up;
    f.severity = Severity::warning;
    f.spans = {last, turn_end};
    f.first_span = last;
    f.last_span = turn_end;
    f.cause_span = last;
    f.count = 1;
    f.gap_ns = silence;
    f.action = words::action(v, last);
    words::phrase_stopped_silently(v, f);
    add_finding(findings, std::move(f));
  }
}

}  // namespace

void detect_gave_up(SessionView& v, std::vector<Finding>& findings) {
  const uint32_t agent = v.root;
  const std::vector<uint32_t>* steps = v.steps_of(agent);
  if (!steps) return;
  // Turns end at a person's prompt or at the end of the session.
  std::vector<uint32_t> turn_ends;
  for (uint32_t i = v.begin; i < v.end; ++i)
    if (v.is_prompt(i) && v.spans.parent[i] == agent) turn_ends.push_back(i);
  turn_ends.push_back(v.end);
  size_t next_step = 0;
  uint32_t turn_begin = v.begin;
  for (const uint32_t turn_end : turn_ends) {
    std::vector<uint32_t> turn;
    while (next_step < steps->size() && (*steps)[next_step] < turn_end) {
      if ((*steps)[next_step] >= turn_begin && !v.waits((*steps)[next_step])) turn.push_back((*steps)[next_step]);
      ++next_step;
    }
    check_turn_end(v, findings, turn, turn_end);
    turn_begin = turn_end;
  }
}

}  // namespace agentreel::diagnosis

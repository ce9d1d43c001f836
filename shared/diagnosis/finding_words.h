// The one place that turns findings into words: each kind's summary and evidence from the finding's structured
// fields and the facts its detector passes, the action a call took as a person would name it, and the verdict.
// Detectors decide; these functions only phrase (what `why`, the viewer and the tests read).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diagnosis/diagnosis.h"

namespace agentreel::diagnosis {

class SessionView;

namespace words {

// A text on one line: line breaks, tabs and their JSON escapes (\n, \t, \r) read as single spaces.
std::string one_line(std::string_view text);
// "3, 5 and 9", "3, 5, 9, 12, …".
std::string span_list(const std::vector<uint32_t>& spans, size_t max_named = 4);
// What a person would call a call's action: its command, file, pattern, query or URL, shortened.
std::string action(SessionView& view, uint32_t span);
// The verb for what a call did: a command is run, a file edited, written or read, a pattern searched.
std::string_view verb(const SessionView& view, uint32_t call);
// "span N: <the call's arguments, shortened>".
std::string call_evidence(SessionView& view, uint32_t span);

// Each kind's summary (and evidence), from the fields its detector filled in.
// loop: f.count calls of f.action; `failing` when every one failed; `same_error` the error they all gave.
void phrase_identical_loop(SessionView& view, Finding& f, bool failing, const std::string& same_error);
// loop: f.count cycles between the calls `a` and `b`.
void phrase_cycle(SessionView& view, Finding& f, uint32_t a, uint32_t b);
// loop: a model request retried f.count times into the same error.
void phrase_retry_loop(SessionView& view, Finding& f);
// blocked: f.policy and f.reason as the denial named them; `next` what the agent did after (kNoSpan: nothing).
void phrase_blocked(SessionView& view, Finding& f, bool by_user, bool named_by_event, bool guided, uint32_t next);
// bypass: `same_guard` (a flag around the guard) or a write of the same file another way.
void phrase_bypass(SessionView& view, Finding& f, uint32_t denied, uint32_t attempt, bool same_guard,
                   bool denied_again);
// error: `label` ("Bash failed", an error span's name) and its message.
void phrase_error(Finding& f, const std::string& label, const std::string& message);
void phrase_loop_ended_run(Finding& loop);
void phrase_loop_ended_turn(Finding& loop);
// gave_up: f.count calls in a row failed (or were blocked) before the reply f.last_span.
void phrase_gave_up(SessionView& view, Finding& f, bool blocked);
void phrase_stopped_silently(SessionView& view, Finding& f);
void phrase_model_switch(SessionView& view, Finding& f, StringId from, StringId to, size_t calls_after);
// unfinished: `open` spans left open; `last_open` the call cut off (kNoSpan: none); `cut` the cut line, if any.
void phrase_unfinished(SessionView& view, Finding& f, const std::vector<uint32_t>& open, bool root_open,
                       uint32_t last_open, const SkippedRecord* cut);
void phrase_stall(SessionView& view, Finding& f, uint32_t before, uint32_t resumed, int64_t typical_step_ns);
void phrase_waiting(SessionView& view, Finding& f, uint32_t before, uint32_t resumed);
void phrase_waiting_on_answer(SessionView& view, Finding& f, uint32_t call);
void phrase_compaction(Finding& f);
// drift: from span f.first_span, `off` of `later` (sampled or not) steps share nothing with the goal.
void phrase_drift(Finding& f, const std::string& goal, size_t off, size_t later, bool sampled,
                  const std::string& early_files, const std::string& later_files);

// The session's verdict: "clean run: …" or its findings in words (ranked, waits last). `errors`: the
// session's spans that count as errors (SpanColumns::is_error), as the viewer's header counts them.
std::string verdict(const std::vector<Finding>& findings, uint32_t errors);

}  // namespace words
}  // namespace agentreel::diagnosis

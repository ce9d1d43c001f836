#include "diagnosis/finding_words.h"

#include <cctype>

#include "core/text.h"
#include "diagnosis/session_view.h"
#include "diagnosis/text_features.h"

namespace agentreel::diagnosis::words {

std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool escaped_space =
        c == '\\' && i + 1 < text.size() && (text[i + 1] == 'n' || text[i + 1] == 't' || text[i + 1] == 'r');
    if (escaped_space || c == '\n' || c == '\t' || c == '\r' || c == ' ') {
      i += escaped_space;
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string span_list(const std::vector<uint32_t>& spans, size_t max_named) {
  std::string out;
  for (size_t i = 0; i < spans.size() && i < max_named; ++i) {
    if (i) out += (i + 1 == spans.size() || i + 1 == max_named) && spans.size() <= max_named ? " and " : ", ";
    out += std::to_string(spans[i]);
  }
  if (spans.size() > max_named) out += ", …";
  return out;
}

std::string action(SessionView& view, uint32_t span) {
  const std::string& record = view.payload(span);
  std::string_view args = call_arguments_text(record);
  for (std::string_view field : {"command", "file_path", "path", "pattern", "query", "url", "prompt"}) {
    std::string value = json_string_field(args, field);
    if (!value.empty()) return shorten(one_line(value), 80);
  }
  std::string name = view.attr_string(span, "tool_name");
  if (name.empty()) name = std::string(view.name(span));
  if (args.empty() || args.size() == record.size()) return name.empty() ? "a call" : name;
  return name + " " + shorten(one_line(args), 70);
}

std::string_view verb(const SessionView& view, uint32_t call) {
  const std::string_view action = view.trace.strings.get(view.facts(call).action);
  if (action == "shell") return "ran";
  if (action == "edit") return "edited";
  if (action == "write") return "wrote";
  if (action == "read") return "read";
  if (action == "search" || action == "list") return "searched";
  // No canonical action: the tool's own name in plain English.
  std::string name(view.name(call));
  for (char& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
  auto has = [&](std::string_view part) { return name.find(part) != std::string::npos; };
  if (has("edit") || has("patch") || has("replace")) return "edited";
  if (has("write") || has("create")) return "wrote";
  if (has("read") || has("view")) return "read";
  if (has("grep") || has("glob") || has("search") || has("find")) return "searched";
  if (has("bash") || has("shell") || has("exec") || has("command") || has("run") || has("terminal")) return "ran";
  return "called";
}

std::string call_evidence(SessionView& view, uint32_t span) {
  return "span " + std::to_string(span) + ": " + shorten(call_arguments_text(view.payload(span)), 200);
}

void phrase_identical_loop(SessionView& view, Finding& f, bool failing, const std::string& same_error) {
  f.summary = "looped " + std::to_string(f.count) + "× on " + (failing ? "a failing " : "the same ") + "`" + f.action +
              "` from span " + std::to_string(f.first_span) + " to " + std::to_string(f.last_span);
  if (!same_error.empty()) f.summary += ", same error each time (" + shorten(same_error, 60) + ")";
  f.evidence.push_back(call_evidence(view, f.spans[0]));
  f.evidence.push_back(call_evidence(view, f.spans[1]));
}

void phrase_cycle(SessionView& view, Finding& f, uint32_t a, uint32_t b) {
  f.summary = "cycled " + std::to_string(f.count) + "× between `" + f.action + "` and `" + action(view, b) +
              "` from span " + std::to_string(f.first_span) + " to " + std::to_string(f.last_span);
  f.evidence.push_back(call_evidence(view, a));
  f.evidence.push_back(call_evidence(view, f.spans[2]));
}

void phrase_retry_loop(SessionView& view, Finding& f) {
  const std::vector<uint32_t>& run = f.spans;
  const std::string what(view.name(run[0]));
  f.summary = "retried " + std::to_string(run.size()) + "× into the same error (" + what + ") from span " +
              std::to_string(f.first_span) + " to " + std::to_string(f.last_span);
  for (size_t k = 0; k < 2; ++k) {
    const std::string message = view.attr_string(run[k], "message");
    f.evidence.push_back("span " + std::to_string(run[k]) + ": " + std::string(view.name(run[k])) +
                         (message.empty() ? "" : ": " + shorten(message, 160)));
  }
}

void phrase_blocked(SessionView& view, Finding& f, bool by_user, bool named_by_event, bool guided, uint32_t next) {
  const size_t n = f.spans.size();
  const std::string who = by_user            ? std::string("the user")
                          : f.policy.empty() ? std::string("a permission check")
                          : named_by_event   ? "a " + f.policy + " hook"
                                             : "a policy (" + f.policy + ")";
  f.summary = who + (by_user ? " rejected `" : " denied `") + f.action + "` " +
              (n == 1 ? "at span " : std::to_string(n) + "× at spans ") + span_list(f.spans);
  if (n >= 2) f.summary += " (retried the same blocked move " + std::to_string(n - 1) + "×)";
  if (guided) f.summary += " and said what to do instead";
  if (next != kNoSpan)
    f.summary +=
        "; then " + std::string(verb(view, next)) + " `" + action(view, next) + "` (span " + std::to_string(next) + ")";
  if (!f.reason.empty()) f.evidence.push_back("reason: " + shorten(f.reason, 200));
  f.evidence.push_back(call_evidence(view, f.spans.front()));
}

void phrase_bypass(SessionView& view, Finding& f, uint32_t denied, uint32_t attempt, bool same_guard,
                   bool denied_again) {
  f.summary =
      "after `" + f.action + "` was denied at span " + std::to_string(denied) + ", tried `" + action(view, attempt) +
      "` at span " + std::to_string(attempt) +
      (same_guard ? std::string(" to get around the same guard") : std::string(" to write the same file another way")) +
      (denied_again ? "; it was denied too" : "");
  f.evidence.push_back(call_evidence(view, denied));
  f.evidence.push_back(call_evidence(view, attempt));
}

void phrase_error(Finding& f, const std::string& label, const std::string& message) {
  const size_t n = f.spans.size();
  f.summary = label + (message.empty() ? "" : " (" + shorten(message, 70) + ")") +
              (n == 1 ? " at span " + std::to_string(f.first_span)
                      : " " + std::to_string(n) + "× at spans " + span_list(f.spans)) +
              (f.ended_run ? "; it ended the run" : "");
  if (!message.empty()) f.evidence.push_back("span " + std::to_string(f.last_span) + ": " + shorten(message, 200));
}

void phrase_loop_ended_run(Finding& loop) {
  if (loop.summary.find("; it ended the run") == std::string::npos) loop.summary += "; it ended the run";
}

void phrase_loop_ended_turn(Finding& loop) {
  if (loop.summary.find("; the turn ended") == std::string::npos &&
      loop.summary.find("; it ended the run") == std::string::npos)
    loop.summary += "; the turn ended there";
}

void phrase_gave_up(SessionView& view, Finding& f, bool blocked) {
  f.summary = "gave up: the turn ended at span " + std::to_string(f.last_span) + " after " + std::to_string(f.count) +
              (blocked ? " blocked" : " failed") + " calls in a row (last `" + f.action + "` at span " +
              std::to_string(f.cause_span) + "), with nothing done after them";
  (void)view;
}

void phrase_stopped_silently(SessionView& view, Finding& f) {
  (void)view;
  f.summary = "stopped mid-task with no final message after `" + f.action + "` (span " + std::to_string(f.first_span) +
              "); the next thing was a person's prompt at span " + std::to_string(f.last_span);
}

void phrase_model_switch(SessionView& view, Finding& f, StringId from, StringId to, size_t calls_after) {
  f.summary = "the main loop's model switched from " + std::string(view.trace.strings.get(from)) + " to " +
              std::string(view.trace.strings.get(to)) + " at span " + std::to_string(f.first_span) + "; " +
              std::to_string(f.count) + " of the " + std::to_string(calls_after) +
              " model calls after it were answered by the new model";
}

void phrase_unfinished(SessionView& view, Finding& f, const std::vector<uint32_t>& open, bool root_open,
                       uint32_t last_open, const SkippedRecord* cut) {
  f.summary = "the run has no proper end: ";
  if (!open.empty())
    f.summary += std::to_string(open.size()) + " span" + (open.size() == 1 ? "" : "s") + " left open" +
                 (root_open ? " including the agent itself (span " + std::to_string(view.root) + ")" : "") + "; ";
  f.summary += "the log stops at span " + std::to_string(view.end - 1);
  if (last_open != kNoSpan) f.summary += ", in the middle of `" + f.action + "`";
  if (cut) {
    const Trace& trace = view.trace;
    f.summary +=
        ", cut mid-record at line " + std::to_string(cut->line) + " of " +
        (view.session.input < trace.inputs.size() ? trace.inputs[view.session.input].path : std::string("its input"));
    f.evidence.push_back("line " + std::to_string(cut->line) + ", byte " + std::to_string(cut->byte_offset) + ": " +
                         cut->detail);
  }
}

void phrase_stall(SessionView& view, Finding& f, uint32_t before, uint32_t resumed, int64_t typical_step_ns) {
  (void)view;
  // Calls started together (one model turn's batch) make the typical step shorter than a second.
  const std::string typical =
      typical_step_ns < 1'000'000'000 ? std::string("under 1 s") : duration_words(typical_step_ns);
  f.summary = "stalled " + duration_words(f.gap_ns) + " before span " + std::to_string(resumed) + " (typical step " +
              typical + ")";
  f.evidence.push_back("idle from span " + std::to_string(before) + " to span " + std::to_string(resumed));
}

void phrase_waiting(SessionView& view, Finding& f, uint32_t before, uint32_t resumed) {
  f.summary = "waited " + duration_words(f.gap_ns) + " on a person before span " + std::to_string(resumed) +
              (view.spans.kind[resumed] == SpanKind::human ? " (their next prompt)" : " (the agent's turn had ended)");
  f.evidence.push_back("idle from span " + std::to_string(before) + " to span " + std::to_string(resumed));
}

void phrase_waiting_on_answer(SessionView& view, Finding& f, uint32_t call) {
  f.summary = "waited " + duration_words(f.gap_ns) + " on a person's answer" +
              (view.spans.kind[call] == SpanKind::tool ? " to `" + std::string(view.name(call)) + "`" : "") +
              " at span " + std::to_string(call);
}

void phrase_compaction(Finding& f) {
  const size_t n = f.spans.size();
  f.summary = "context compacted " + (n == 1 ? std::string("once") : std::to_string(n) + "×") + " at span" +
              (n == 1 ? " " : "s ") + span_list(f.spans) + "; earlier context was summarised";
}

void phrase_drift(Finding& f, const std::string& goal, size_t off, size_t later, bool sampled,
                  const std::string& early_files, const std::string& later_files) {
  f.summary = "drifted from the goal at span " + std::to_string(f.first_span) + ": " + std::to_string(off) +
              " of the " + std::to_string(later) + (sampled ? " later steps sampled" : " later steps") +
              " share nothing with \"" + shorten(goal, 60) + "\" or the early work";
  f.evidence.push_back("early files: " + early_files);
  f.evidence.push_back("later files: " + later_files);
}

namespace {

std::string clean_verdict(uint32_t errors) {
  if (errors == 0) return "clean run: no loop, drift, blocked action, error, stall or cut-off found";
  // Errors that neither ended the run nor repeated are no finding, but the run shows them: say so, rather than
  // "no error" beside a header that counts them.
  return "clean run: " + std::to_string(errors) +
         (errors == 1 ? " error, which neither ended the run nor repeated"
                      : " errors, none of which ended the run or repeated") +
         "; no loop, drift, blocked action, stall or cut-off found";
}

std::string problems_verdict(const std::vector<const Finding*>& findings) {
  std::string out;
  size_t listed = 0;
  for (const Finding* f : findings) {
    if (listed == 4) {
      out += "; and " + std::to_string(findings.size() - listed) + " more";
      break;
    }
    out += (listed ? "; " : "") + f->summary;
    ++listed;
  }
  return out;
}

}  // namespace

std::string verdict(const std::vector<Finding>& all, uint32_t errors) {
  // Waiting on a person is context, not a problem: a run that only waited is clean, and says it waited.
  std::vector<const Finding*> problems;
  std::string waits;
  for (const Finding& f : all) {
    if (f.kind != FindingKind::waiting)
      problems.push_back(&f);
    else
      waits += "; " + f.summary;
  }
  if (problems.empty()) return clean_verdict(errors) + waits;
  return problems_verdict(problems) + waits;
}

}  // namespace agentreel::diagnosis::words

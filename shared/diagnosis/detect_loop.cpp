// Loop: the same call (or the same pair of calls) over and over without progress, and a model request retried
// into the same error (docs/diagnosis.md, "loop"). Refused calls are blocked, not looping; polling is no loop.
#include <algorithm>

#include "diagnosis/detectors.h"
#include "diagnosis/finding_words.h"
#include "diagnosis/text_features.h"

namespace agentreel::diagnosis {
namespace {

// How far back the error that sent the agent into a loop may be: the latest failed call among these.
constexpr size_t kLoopCauseLookback = 3;

class LoopDetector {
 public:
  LoopDetector(SessionView& view, std::vector<Finding>& findings) : v_(view), spans_(view.spans), out_(findings) {}

  void run() {
    for (const auto& [agent, steps] : v_.steps_by_agent()) {
      std::vector<uint32_t> allowed;
      for (uint32_t s : steps)
        if (!v_.refused(s) && !v_.waits(s)) allowed.push_back(s);
      detect_in(allowed);
    }
    detect_retries();
  }

 private:
  bool failed(uint32_t span) const { return spans_.status[span] == SpanStatus::error; }

  void detect_in(const std::vector<uint32_t>& steps) {
    const DiagnosisOptions& opt = v_.options;
    const size_t n = steps.size();
    std::vector<bool> in_loop(n, false);
    // Identical calls back to back: candidates are runs of the same tool name; arguments only for those.
    size_t i = 0;
    while (i < n) {
      size_t j = i + 1;
      while (j < n && spans_.name[steps[j]] == spans_.name[steps[i]]) ++j;
      if (j - i >= opt.min_loop_repeats) {
        size_t a = i;
        while (a < j) {
          size_t b = a + 1;
          while (b < j && v_.call_key(steps[b]) == v_.call_key(steps[a])) ++b;
          // The whole run when it is long; else its streaks of failures (a success before them was progress).
          const bool whole = b - a >= opt.min_loop_repeats_any;
          for (size_t x = a; x < b;) {
            size_t y = x;
            if (whole) {
              y = b;
            } else {
              while (y < b && failed(steps[y])) ++y;
              if (y == x) {
                ++x;
                continue;
              }
            }
            if (y - x >= opt.min_loop_repeats) {
              report_identical(steps, x, y);
              for (size_t k = x; k < y; ++k) in_loop[k] = true;
            }
            x = y;
          }
          a = b;
        }
      }
      i = j;
    }
    // A-B-A-B cycles: name[k] == name[k-2] != name[k-1] over min_cycle_steps, then compare arguments.
    i = 0;
    while (i + 2 < n) {
      size_t j = i + 2;
      while (j < n && !in_loop[j] && spans_.name[steps[j]] == spans_.name[steps[j - 2]]) ++j;
      if (j - i >= opt.min_cycle_steps && !in_loop[i] && !in_loop[i + 1]) {
        size_t end = i + 2;
        while (end < j && v_.call_key(steps[end]) == v_.call_key(steps[end - 2]) &&
               v_.call_key(steps[end]) != v_.call_key(steps[end - 1]))
          ++end;
        if (end - i >= opt.min_cycle_steps && v_.call_key(steps[i]) != v_.call_key(steps[i + 1]) &&
            repeats_without_progress(steps, i, end, 2)) {
          report_cycle(steps, i, end);
          for (size_t k = i; k < end; ++k) in_loop[k] = true;
          i = end;
          continue;
        }
      }
      ++i;
    }
  }

  // Whether calls steps[a..b), the same call (stride 1) or the same pair of calls (stride 2) over and over,
  // made no progress: one of the repeated calls failed every time at least min_loop_repeats times, or the
  // repetition went on min_loop_repeats_any times whatever the outcome. Reading a file three times is no loop.
  bool repeats_without_progress(const std::vector<uint32_t>& steps, size_t a, size_t b, size_t stride) const {
    const size_t repeats = (b - a) / stride;
    if (repeats >= v_.options.min_loop_repeats_any) return true;
    if (repeats < v_.options.min_loop_repeats) return false;
    for (size_t phase = 0; phase < stride; ++phase) {
      bool all_failed = true;
      for (size_t k = a + phase; k < b && all_failed; k += stride) all_failed = failed(steps[k]);
      if (all_failed) return true;
    }
    return false;
  }

  // The error that sent the agent into a loop starting at steps[a]: the latest failed call among the few before.
  uint32_t cause(const std::vector<uint32_t>& steps, size_t a) const {
    for (size_t k = a; k-- > 0 && a - k <= kLoopCauseLookback;)
      if (failed(steps[k])) return steps[k];
    return kNoSpan;
  }

  void report_identical(const std::vector<uint32_t>& steps, size_t a, size_t b) {
    Finding f;
    f.kind = FindingKind::loop;
    f.cause_span = cause(steps, a);
    size_t failures = 0;
    std::string error;
    bool same_error = true;
    for (size_t k = a; k < b; ++k) {
      f.spans.push_back(steps[k]);
      if (failed(steps[k])) {
        ++failures;
        std::string e = normalize_text(v_.error_text(steps[k]));
        if (error.empty())
          error = e;
        else if (e != error)
          same_error = false;
      }
    }
    f.first_span = steps[a];
    f.last_span = steps[b - 1];
    const size_t count = b - a;
    f.count = static_cast<uint32_t>(count);
    f.severity = (failures == count || count >= 5) ? Severity::critical : Severity::warning;
    f.action = words::action(v_, steps[a]);
    const bool failing = failures == count;
    words::phrase_identical_loop(v_, f, failing,
                                 failing && same_error && !error.empty() ? v_.error_text(steps[a]) : std::string());
    add_finding(out_, std::move(f));
  }

  void report_cycle(const std::vector<uint32_t>& steps, size_t a, size_t b) {
    Finding f;
    f.kind = FindingKind::loop;
    f.cause_span = cause(steps, a);
    for (size_t k = a; k < b; ++k) f.spans.push_back(steps[k]);
    f.first_span = steps[a];
    f.last_span = steps[b - 1];
    f.severity = Severity::critical;
    f.count = static_cast<uint32_t>((b - a) / 2);
    f.action = words::action(v_, steps[a]);
    words::phrase_cycle(v_, f, steps[a], steps[a + 1]);
    add_finding(out_, std::move(f));
  }

  // A model request and the same error alternating (retries with no tool call in between).
  void detect_retries() {
    std::vector<uint32_t> run;
    auto flush = [&] {
      if (run.size() >= v_.options.min_loop_repeats) {
        Finding f;
        f.kind = FindingKind::loop;
        f.severity = Severity::critical;
        f.spans = run;
        f.first_span = run.front();
        f.last_span = run.back();
        f.count = static_cast<uint32_t>(run.size());
        words::phrase_retry_loop(v_, f);
        v_.retried_errors.insert(v_.retried_errors.end(), run.begin(), run.end());
        add_finding(out_, std::move(f));
      }
      run.clear();
    };
    for (uint32_t i = v_.begin; i < v_.end; ++i) {
      const SpanKind k = spans_.kind[i];
      if (k == SpanKind::error) {
        if (!run.empty() && spans_.name[run.back()] != spans_.name[i]) flush();
        run.push_back(i);
      } else if (k == SpanKind::tool || k == SpanKind::human) {
        flush();
      }
    }
    flush();
  }

  SessionView& v_;
  const SpanColumns& spans_;
  std::vector<Finding>& out_;
};

}  // namespace

void detect_loops(SessionView& view, std::vector<Finding>& findings) { LoopDetector(view, findings).run(); }

}  // namespace agentreel::diagnosis

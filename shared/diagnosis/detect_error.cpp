// Error: failures that ended the run (nothing but wrap-up followed) or repeated without progress. An error
// inside a loop is the loop's evidence, not a finding of its own (docs/diagnosis.md, "error").
#include <algorithm>
#include <map>
#include <set>

#include "core/text.h"
#include "diagnosis/detectors.h"
#include "diagnosis/finding_words.h"
#include "diagnosis/text_features.h"

namespace agentreel::diagnosis {

void detect_errors(SessionView& v, std::vector<Finding>& findings) {
  const SpanColumns& spans = v.spans;
  struct Cluster {
    std::string label;
    std::vector<uint32_t> spans;
    std::string message;
  };
  std::vector<Cluster> clusters;
  std::map<std::pair<std::string, std::string>, size_t> index;  // (label, shortened message)
  std::set<uint32_t> looped;
  for (const Finding& f : findings)
    if (f.kind == FindingKind::loop) looped.insert(f.spans.begin(), f.spans.end());
  uint32_t last_error = kNoSpan;
  for (uint32_t i = v.begin; i < v.end; ++i) {
    const SpanKind k = spans.kind[i];
    if (spans.status[i] != SpanStatus::error) continue;
    if (k != SpanKind::error && k != SpanKind::tool && k != SpanKind::model) continue;
    if (k == SpanKind::tool && v.denying_hook_child(i) != kNoSpan) continue;  // blocked
    std::string message = k == SpanKind::error ? v.attr_string(i, "message") : v.error_text(i);
    if (message.find("nterrupted by user") != std::string::npos) continue;  // a human stop, not a failure
    std::string label = k == SpanKind::error ? std::string(v.name(i)) : std::string(v.name(i)) + " failed";
    auto [it, inserted] = index.emplace(std::make_pair(label, normalize_text(shorten(message, 60))), clusters.size());
    if (inserted) clusters.push_back({label, {}, message});
    clusters[it->second].spans.push_back(i);
    last_error = i;
  }
  if (clusters.empty()) return;
  // Did the run end because of an error? The root says so, or an error is the last thing that happened.
  bool run_failed = false;
  if (v.root != kNoSpan) {
    const SpanStatus rs = spans.status[v.root];
    const std::string outcome = v.attr_string(v.root, "outcome");
    // "partial": the agent itself said the task was left partly done (OpenHands' finish, task_completed).
    run_failed = rs == SpanStatus::error || outcome == "failure" || outcome == "error" || outcome == "partial";
  }
  uint32_t last_work = kNoSpan;
  for (uint32_t i = v.end; i-- > v.begin;) {
    const SpanKind k = spans.kind[i];
    if (k == SpanKind::tool && v.wrap_up_call(i) && spans.status[i] != SpanStatus::error) continue;
    if (k == SpanKind::tool || k == SpanKind::error || k == SpanKind::model) {
      last_work = i;
      break;
    }
  }
  const bool ended_by_error =
      last_work != kNoSpan && last_work == last_error && spans.kind[last_work] != SpanKind::model;
  auto retried = [&](uint32_t s) { return std::binary_search(v.retried_errors.begin(), v.retried_errors.end(), s); };
  for (Cluster& c : clusters) {
    size_t fresh = 0;
    for (uint32_t s : c.spans) fresh += looped.count(s) || retried(s) ? 0 : 1;
    // "Ended the run" only when nothing but wrap-up (replies, hooks, the end) follows its last failure.
    bool ended = c.spans.back() == last_error && v.only_wrap_up_after(c.spans.back()) && (run_failed || ended_by_error);
    bool derailed = false;
    if (fresh >= 3) {
      if (spans.kind[c.spans.front()] == SpanKind::error) {
        derailed = true;
      } else {
        // Failing again and again without one success of that tool in between: no progress.
        size_t streak = 1;
        for (size_t k = 1; k < c.spans.size() && !derailed; ++k) {
          bool success_between = false;
          for (uint32_t x = c.spans[k - 1] + 1; x < c.spans[k] && !success_between; ++x)
            success_between = spans.kind[x] == SpanKind::tool && spans.name[x] == spans.name[c.spans[k]] &&
                              spans.status[x] == SpanStatus::ok;
          streak = success_between ? 1 : streak + 1;
          derailed = streak >= 3;
        }
      }
    }
    // An error inside a loop is the loop's evidence, not a finding of its own: the loop ended the run.
    if (ended) {
      if (Finding* loop = loop_holding(findings, c.spans.back())) {
        words::phrase_loop_ended_run(*loop);
        loop->severity = Severity::critical;
        loop->ended_run = true;
        if (!derailed) continue;
        ended = false;  // the loop ended it; the failures outside it are reported for repeating
      }
    }
    if (!ended && !derailed) continue;
    // The failures a loop holds are its evidence: this finding is about the others.
    std::vector<uint32_t> own;
    for (const uint32_t s : c.spans)
      if (!looped.count(s) && !retried(s)) own.push_back(s);
    if (own.empty()) own = c.spans;
    Finding f;
    f.kind = FindingKind::error;
    f.count = static_cast<uint32_t>(own.size());
    f.ended_run = ended;
    f.severity = ended ? Severity::critical : Severity::warning;
    f.spans = std::move(own);
    f.first_span = f.spans.front();
    f.last_span = f.spans.back();
    f.reason = c.message;
    words::phrase_error(f, c.label, c.message);
    add_finding(findings, std::move(f));
  }
}

}  // namespace agentreel::diagnosis

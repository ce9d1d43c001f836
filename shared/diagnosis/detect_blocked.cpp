// Blocked: an action a policy, a hook, a permission check or the user refused, grouped by who refused which
// action, with its reason and what the agent did next (docs/diagnosis.md, "blocked").
#include <map>
#include <tuple>

#include "diagnosis/detectors.h"
#include "diagnosis/finding_words.h"

namespace agentreel::diagnosis {

void detect_blocked(SessionView& v, std::vector<Finding>& findings) {
  const SpanColumns& spans = v.spans;
  struct Group {
    Finding finding;              // policy, reason, action and the denied spans
    bool named_by_event = false;  // a hook that names no policy: `policy` is its event ("PreToolUse")
  };
  std::vector<Group> groups;
  std::map<std::tuple<std::string, bool, CallKey>, size_t> index;
  for (uint32_t i = v.begin; i < v.end; ++i) {
    const SpanStatus status = spans.status[i];
    if (status != SpanStatus::denied) continue;
    // A reader that knows the harness' words for a hook block marks the call denied by a hook (denied_by) with
    // the hook's reason, when no hook span of its own is there.
    const bool by_text = v.attr_string(i, "denied_by") == "hook" && v.denying_hook_child(i) == kNoSpan;
    const SpanKind k = spans.kind[i];
    uint32_t action_span = i, hook = kNoSpan;
    if (by_text) {
      // the harness' words are all there is
    } else if (k == SpanKind::hook) {
      const uint32_t p = spans.parent[i];
      if (p != kNoSpan && spans.kind[p] == SpanKind::tool) continue;  // reported with its tool
      hook = i;
    } else if (k == SpanKind::tool) {
      hook = v.denying_hook_child(i);
    } else {
      continue;
    }
    std::string policy = hook != kNoSpan ? v.attr_string(hook, "policy") : v.attr_string(i, "policy");
    if (policy.empty() && hook != kNoSpan) policy = std::string(v.name(hook));
    std::string reason = hook != kNoSpan ? v.attr_string(hook, "reason") : std::string();
    if (reason.empty()) reason = v.attr_string(i, "reason");
    if (reason.empty()) reason = v.error_text(i);
    // A hook that names no policy (a Claude Code hook payload, or only the transcript's words) is named by its
    // event: "a PreToolUse hook".
    std::string event;
    if (by_text)
      event = "PreToolUse";
    else if (hook != kNoSpan && v.attr_string(hook, "policy").empty())
      event = v.attr_string(hook, "trigger_event");
    const bool named_by_event = !event.empty() && (policy.empty() || policy == event);
    if (named_by_event) policy = event;
    auto [it, inserted] =
        index.emplace(std::make_tuple(policy, named_by_event, v.call_key(action_span)), groups.size());
    if (inserted) {
      Group g;
      g.finding.policy = policy;
      g.finding.reason = reason;
      g.finding.action = words::action(v, action_span);
      g.named_by_event = named_by_event;
      groups.push_back(std::move(g));
    }
    groups[it->second].finding.spans.push_back(action_span);
  }
  for (Group& g : groups) {
    Finding& f = g.finding;
    f.kind = FindingKind::blocked;
    f.first_span = f.spans.front();
    f.last_span = f.spans.back();
    const size_t n = f.spans.size();
    f.severity = n >= 2 ? Severity::critical : Severity::warning;
    f.count = static_cast<uint32_t>(n);
    const bool by_user = (f.policy.empty() && f.reason.find("user") != std::string::npos) ||
                         v.attr_string(f.spans.front(), "denied_by") == "user";
    // The person said what to do instead (Claude Code: "…the user said: …"): following it is obeying.
    const bool guided = by_user && v.attr_int(f.spans.back(), "user_guidance") != 0;
    // What the agent did next: the first tool call after the last denial that was not refused.
    const uint32_t last = f.spans.back();
    uint32_t next = kNoSpan;
    for (uint32_t j = last + 1; j < v.end && next == kNoSpan; ++j)
      if (spans.kind[j] == SpanKind::tool && !v.refused(j) && v.agent_of(j) == v.agent_of(last)) next = j;
    words::phrase_blocked(v, f, by_user, g.named_by_event, guided, next);
    add_finding(findings, std::move(f));
  }
}

}  // namespace agentreel::diagnosis

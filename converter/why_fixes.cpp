// `why`'s fixes (see why_fixes.h): the audit replay matched to the diagnosis' findings.
#include "why_fixes.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>

#include "core/text.h"
#include "policy/audit_replay.h"
#include "policy/policy_suggestion.h"
#include "thread_parallel_for.h"

namespace agentreel::cli {
namespace {

using namespace agentreel::policy;

std::string short_name(PolicyId id) { return std::string(policy_info(id).short_name); }

// The policies of `findings` whose span is in `spans` (sorted), in catalog order.
std::vector<PolicyFix> fixes_for(const std::vector<AuditFinding>& findings, const std::vector<uint32_t>& spans) {
  std::map<PolicyId, PolicyFix> by_policy;
  for (const AuditFinding& f : findings) {
    if (!std::binary_search(spans.begin(), spans.end(), f.span)) continue;
    PolicyFix& fix = by_policy[f.policy];
    fix.policy = f.policy;
    if (f.kind == VerdictKind::deny) fix.decision = VerdictKind::deny;
    if (fix.spans.empty() || fix.spans.back() != f.span) fix.spans.push_back(f.span);
  }
  std::vector<PolicyFix> out;
  for (auto& [id, fix] : by_policy) out.push_back(std::move(fix));
  return out;
}

std::string names_words(const std::vector<PolicyFix>& policies) {
  constexpr size_t kNamed = 4;
  std::vector<std::string> names;
  for (size_t i = 0; i < policies.size() && i < kNamed; ++i) names.push_back(short_name(policies[i].policy));
  if (policies.size() > kNamed) {
    const size_t more = policies.size() - kNamed;
    names.push_back(std::to_string(more) + (more == 1 ? " other policy" : " other policies"));
  }
  std::string words;
  for (size_t i = 0; i < names.size(); ++i) {
    words += i == 0 ? "" : i + 1 == names.size() ? " and " : ", ";
    words += names[i];
  }
  return words;
}

}  // namespace

std::vector<SessionFixes> why_fixes(const Bundle& bundle, const std::vector<diagnosis::SessionDiagnosis>& diagnoses,
                                    size_t threads) {
  const Trace& trace = bundle.trace();
  auto engine = PolicyEngine::create(PolicySelection::all(), PolicyConfig{});
  std::vector<SessionFixes> out(diagnoses.size());
  if (!engine.is_ok()) return out;  // only a bug in a built-in regex; the diagnosis stands without fixes
  std::vector<uint32_t> sessions;
  for (const diagnosis::SessionDiagnosis& d : diagnoses) sessions.push_back(d.session);
  const auto make_reader = [&bundle] {
    auto cache = std::make_shared<RawBlockCache>(8);
    return RecordBytesReader([&bundle, cache](RecordRef ref, std::string& bytes) {
      bytes.clear();
      return bundle.read_stream(ref.offset, ref.length, bytes, *cache).is_ok();
    });
  };
  AuditOptions options;
  options.mode = EvaluationMode::what_if;
  // The fixes a finding calls for are about the actions taken (PreToolUse). PostToolUse is the sanitizers screening
  // each output, most of the replay's cost on a big run; `agentreel audit` reports those.
  options.post_tool_use = false;
  const std::vector<SessionAudit> audits =
      audit_sessions(engine.value(), trace, sessions, make_reader,
                     threads > 1 ? native::thread_parallel_for() : ParallelFor(), threads, options);
  for (size_t i = 0; i < diagnoses.size(); ++i) {
    const SessionAudit& audit = audits[i];
    SessionFixes& fixes = out[i];
    for (const diagnosis::Finding& f : diagnoses[i].findings) {
      std::vector<uint32_t> spans = f.spans;
      if (f.cause_span != kNoSpan) spans.push_back(f.cause_span);
      std::sort(spans.begin(), spans.end());
      std::vector<PolicyFix> found = fixes_for(audit.findings, spans);
      if (f.kind == diagnosis::FindingKind::loop) {
        // A loop's fix is warn-repeated-tool-calls, first, with the calls the replay says it fires on: none when
        // the loop is shorter than its threshold or its calls' arguments are not byte-identical.
        const PolicyId repeated = *find_builtin_policy("warn-repeated-tool-calls");
        auto it = std::find_if(found.begin(), found.end(), [&](const PolicyFix& x) { return x.policy == repeated; });
        PolicyFix fix = it != found.end() ? std::move(*it) : PolicyFix{repeated, VerdictKind::instruct, {}};
        if (it != found.end()) found.erase(it);
        found.insert(found.begin(), std::move(fix));
      }
      fixes.by_finding.push_back(std::move(found));
    }
    for (const PolicyObjections& o : policy_objections({audit})) {
      fixes.policies.push_back({o.policy, o.denied_calls ? VerdictKind::deny : VerdictKind::instruct, o.spans});
    }
    std::stable_sort(fixes.policies.begin(), fixes.policies.end(),
                     [](const PolicyFix& a, const PolicyFix& b) { return a.spans.size() > b.spans.size(); });
    const StoppedCalls stopped = stopped_calls({audit});
    fixes.calls = stopped.calls;
    fixes.denied = stopped.denied;
    fixes.instructed = stopped.instructed;
    if (stopped.calls == 0) continue;
    std::string effect;
    if (stopped.denied) effect = "stopped " + count_text(stopped.denied, "call");
    if (stopped.instructed) {
      effect +=
          std::string(effect.empty() ? "" : " and ") + "warned on " +
          (stopped.denied ? std::to_string(stopped.instructed) + " more" : count_text(stopped.instructed, "call"));
    }
    fixes.summary = "enabling " + names_words(fixes.policies) + " would have " + effect + " in this run";
  }
  return out;
}

void write_finding_fixes(JsonOut& out, const std::vector<PolicyFix>& fixes) {
  out.key("fixes").begin_array();
  for (const PolicyFix& fix : fixes) {
    out.begin_object();
    out.key("policy").value(canonical_policy_name(fix.policy));
    out.key("decision").value(verdict_kind_name(fix.decision));
    out.key("spans").begin_array();
    for (uint32_t span : fix.spans) out.value(span);
    out.end_array();
    out.key("count").value(uint64_t(fix.spans.size()));
    out.end_object();
  }
  out.end_array();
}

void write_session_fixes(JsonOut& out, const SessionFixes& fixes) {
  out.key("policy_fixes").begin_object();
  out.key("policies").begin_array();
  for (const PolicyFix& fix : fixes.policies) {
    out.begin_object();
    out.key("policy").value(canonical_policy_name(fix.policy));
    out.key("decision").value(verdict_kind_name(fix.decision));
    out.key("count").value(uint64_t(fix.spans.size()));
    out.end_object();
  }
  out.end_array();
  out.key("calls").value(fixes.calls);
  out.key("denied").value(fixes.denied);
  out.key("instructed").value(fixes.instructed);
  out.key("summary").value(fixes.summary);
  out.end_object();
}

void print_finding_fixes(const std::vector<PolicyFix>& fixes, uint32_t session_first_span) {
  for (const PolicyFix& fix : fixes) {
    std::string spans;
    for (size_t i = 0; i < fix.spans.size() && i < 8; ++i) {
      spans += (i ? ", " : "") + std::to_string(fix.spans[i] - session_first_span);
    }
    if (fix.spans.size() > 8) spans += ", \xE2\x80\xA6";
    if (fix.spans.empty()) {  // a loop the policy would not have caught
      std::printf("      fix: %s would not fire on these calls (it warns from the 4th call with identical arguments)\n",
                  short_name(fix.policy).c_str());
      continue;
    }
    const std::string where = (fix.spans.size() == 1 ? "span " : "spans ") + spans;
    std::printf("      fix: %s would %s %s (%s of this session)\n", short_name(fix.policy).c_str(),
                fix.decision == VerdictKind::deny ? "deny" : "fire on", count_text(fix.spans.size(), "call").c_str(),
                where.c_str());
  }
}

}  // namespace agentreel::cli

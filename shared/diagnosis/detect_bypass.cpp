// Bypass: after a denied call, a later call of the same agent that gets around the same guard: the same program
// and subcommand (or file) with a flag that skips checks, forces, disables a guard or escalates (git commit ->
// git commit --no-verify), or a shell command writing the file a denied edit was refused (docs/diagnosis.md).
#include <set>

#include "diagnosis/detectors.h"
#include "diagnosis/finding_words.h"
#include "model/call_features.h"

namespace agentreel::diagnosis {
namespace {
// Calls of the same agent after a denial that may get around it: a bypass follows the refusal closely.
constexpr size_t kBypassLookahead = 16;
}  // namespace

void detect_bypass(SessionView& v, std::vector<Finding>& findings) {
  const SpanColumns& spans = v.spans;
  std::set<uint32_t> reported_targets;
  for (uint32_t d = v.begin; d < v.end; ++d) {
    if (spans.kind[d] != SpanKind::tool || !v.refused(d)) continue;
    const int64_t target = v.facts(d).target_hash;
    if (target == 0 || reported_targets.count(uint32_t(target & 0xffffffff))) continue;
    const uint32_t agent = v.agent_of(d);
    size_t looked_at = 0;
    for (uint32_t j = d + 1; j < v.end && looked_at < kBypassLookahead; ++j) {
      if (spans.kind[j] != SpanKind::tool || v.agent_of(j) != agent) continue;
      ++looked_at;
      // Retrying the very same call is no way around the guard (blocked counts those); a new flag is.
      if (v.call_key(j) == v.call_key(d)) continue;
      const uint32_t new_flags = v.facts(j).flags & ~v.facts(d).flags;
      const bool same_guard = v.facts(j).target_hash == target && (new_flags & kCallBypassFlags) != 0;
      const bool other_way = v.facts(j).write_hash == target && v.name(j) != v.name(d);
      if (!same_guard && !other_way) continue;
      reported_targets.insert(uint32_t(target & 0xffffffff));
      Finding f;
      f.kind = FindingKind::bypass;
      f.severity = Severity::critical;
      f.first_span = d;
      f.last_span = j;
      f.spans = {d, j};
      f.cause_span = d;
      f.count = 1;
      f.action = words::action(v, d);
      words::phrase_bypass(v, f, d, j, same_guard, v.refused(j));
      add_finding(findings, std::move(f));
      break;
    }
  }
}

}  // namespace agentreel::diagnosis

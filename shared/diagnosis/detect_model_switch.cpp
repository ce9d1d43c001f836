// Model switch: the main loop's model changed mid-run and stayed changed: at least min_switch_calls calls
// answered by the old model, then at least min_switch_calls in a row by the new one. Placeholder names
// ("<synthetic>") are no model (docs/diagnosis.md, "model_switch").
#include "diagnosis/detectors.h"
#include "diagnosis/finding_words.h"

namespace agentreel::diagnosis {

void detect_model_switch(SessionView& v, std::vector<Finding>& findings) {
  std::vector<std::pair<uint32_t, StringId>> calls;
  for (uint32_t i = v.begin; i < v.end; ++i) {
    if (v.spans.kind[i] != SpanKind::model) continue;
    const StringId model = v.facts(i).model;
    const std::string_view name = v.trace.strings.get(model);
    if (name.empty() || name.front() == '<' || v.agent_of(i) != v.root) continue;
    calls.push_back({i, model});
  }
  const size_t need = v.options.min_switch_calls;
  for (size_t p = need; p + need <= calls.size(); ++p) {
    if (calls[p].second == calls[p - 1].second) continue;
    bool old_held = true, new_held = true;
    for (size_t k = p - need; k < p; ++k) old_held = old_held && calls[k].second == calls[p - 1].second;
    for (size_t k = p; k < p + need; ++k) new_held = new_held && calls[k].second == calls[p].second;
    if (!old_held || !new_held) continue;
    size_t by_new = 0;
    for (size_t k = p; k < calls.size(); ++k) by_new += calls[k].second == calls[p].second;
    Finding f;
    f.kind = FindingKind::model_switch;
    f.severity = Severity::warning;
    f.first_span = calls[p].first;
    f.last_span = calls.back().first;
    f.spans = {calls[p - 1].first, calls[p].first};
    f.cause_span = calls[p - 1].first;
    f.count = static_cast<uint32_t>(by_new);
    words::phrase_model_switch(v, f, calls[p - 1].second, calls[p].second, calls.size() - p);
    add_finding(findings, std::move(f));
    return;
  }
}

}  // namespace agentreel::diagnosis

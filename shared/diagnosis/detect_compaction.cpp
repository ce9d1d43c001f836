// Compaction: the context was compacted (summarised) mid-run; context, not a problem (docs/diagnosis.md).
#include "diagnosis/detectors.h"
#include "diagnosis/finding_words.h"

namespace agentreel::diagnosis {

void detect_compaction(SessionView& v, std::vector<Finding>& findings) {
  std::vector<uint32_t> spans;
  for (uint32_t i = v.begin; i < v.end; ++i) {
    // The readers recognise a compaction in their harness's terms: a span named so, or marked "compaction".
    const std::string_view name = v.name(i);
    if (name == "compaction" || name == "compact_boundary" || v.facts(i).compaction) spans.push_back(i);
  }
  if (spans.empty()) return;
  Finding f;
  f.kind = FindingKind::compaction;
  f.severity = Severity::info;
  f.spans = spans;
  f.first_span = spans.front();
  f.last_span = spans.back();
  f.count = static_cast<uint32_t>(spans.size());
  words::phrase_compaction(f);
  add_finding(findings, std::move(f));
}

}  // namespace agentreel::diagnosis

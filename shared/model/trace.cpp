// Lookups on a Trace (see trace.h).
#include "model/trace.h"

#include <algorithm>

namespace agentreel {

void SpanColumns::resize(size_t n) {
  start_ns.resize(n);
  duration_ns.resize(n);
  parent.resize(n, kNoSpan);
  name.resize(n);
  kind.resize(n);
  status.resize(n);
  flags.resize(n);
  begin_record.resize(n);
  end_record.resize(n);
}

std::string_view skip_reason_name(SkipReason reason) {
  switch (reason) {
    case SkipReason::invalid_json: return "invalid_json";
    case SkipReason::missing_field: return "missing_field";
    case SkipReason::wrong_type: return "wrong_type";
    case SkipReason::bad_timestamp: return "bad_timestamp";
    case SkipReason::unknown_type: return "unknown_type";
    case SkipReason::partial_line: return "partial_line";
    case SkipReason::too_large: return "too_large";
  }
  return "unknown";
}

uint32_t Trace::session_of(uint32_t span) const {
  auto it = std::upper_bound(sessions.begin(), sessions.end(), span,
                             [](uint32_t s, const Session& session) { return s < session.first_span; });
  if (it == sessions.begin()) return kNoSpan;
  return static_cast<uint32_t>(it - sessions.begin() - 1);
}

std::pair<const Attribute*, const Attribute*> Trace::attributes_of(uint32_t span) const {
  auto lo = std::lower_bound(attributes.begin(), attributes.end(), span,
                             [](const Attribute& a, uint32_t s) { return a.span < s; });
  auto hi = std::upper_bound(lo, attributes.end(), span,
                             [](uint32_t s, const Attribute& a) { return s < a.span; });
  return {attributes.data() + (lo - attributes.begin()), attributes.data() + (hi - attributes.begin())};
}

const Attribute* Trace::find_attribute(uint32_t span, std::string_view key) const {
  auto [first, last] = attributes_of(span);
  for (auto* a = first; a != last; ++a) {
    if (strings.get(a->key) == key) return a;
  }
  return nullptr;
}

}  // namespace agentreel

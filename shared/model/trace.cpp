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

std::optional<Attribute> Trace::find_attribute(uint32_t span, std::string_view key) const {
  std::optional<Attribute> found;
  attributes.for_each_of(span, [&](const Attribute& a) {
    if (!found && strings.get(a.key) == key) found = a;
  });
  return found;
}

}  // namespace agentreel

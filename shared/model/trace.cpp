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
  const Attribute* first = attributes.data();
  const Attribute* last = first + attributes.size();
  const size_t blocks = spans.size() / kAttributeIndexStride + 1;
  if (attribute_index.size() == blocks + 1 && attribute_index.back() == attributes.size() && span < spans.size()) {
    const size_t block = span / kAttributeIndexStride;
    last = first + attribute_index[block + 1];
    first += attribute_index[block];
  }
  const Attribute* lo = std::lower_bound(first, last, span, [](const Attribute& a, uint32_t s) { return a.span < s; });
  const Attribute* hi = std::upper_bound(lo, last, span, [](uint32_t s, const Attribute& a) { return s < a.span; });
  return {lo, hi};
}

void Trace::index_attributes() {
  attribute_index.clear();
  if (attributes.size() > UINT32_MAX) return;  // offsets would not fit: attributes_of searches them all
  const size_t blocks = spans.size() / kAttributeIndexStride + 1;
  attribute_index.assign(blocks + 1, uint32_t(attributes.size()));
  size_t a = 0;
  for (size_t block = 0; block < blocks; ++block) {
    const uint64_t first_span = uint64_t(block) * kAttributeIndexStride;
    while (a < attributes.size() && attributes[a].span < first_span) ++a;
    attribute_index[block] = uint32_t(a);
  }
}

const Attribute* Trace::find_attribute(uint32_t span, std::string_view key) const {
  auto [first, last] = attributes_of(span);
  for (auto* a = first; a != last; ++a) {
    if (strings.get(a->key) == key) return a;
  }
  return nullptr;
}

}  // namespace agentreel

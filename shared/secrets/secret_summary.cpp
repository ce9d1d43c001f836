// Scan totals (see secret_summary.h).
#include "secrets/secret_summary.h"

#include <algorithm>
#include <vector>

#include "core/hash.h"

namespace agentreel::secrets {

void SecretSummary::add(const Finding& finding) {
  add(finding.kind(), xxh64(finding.value.data(), finding.value.size()));
}

void SecretSummary::add(SecretKind kind, uint64_t identity) {
  ++occurrences_;
  if (seen_.insert(identity).second) {
    ++distinct_;
    ++by_kind_[size_t(kind)];
  }
}

std::string SecretSummary::sentence() const {
  std::string out = phrase();
  const size_t space = out.find(" (");
  if (space != std::string::npos) out.insert(space, " found");
  return out;
}

std::string SecretSummary::phrase() const {
  if (distinct_ == 0) return {};
  std::vector<int> kinds;
  for (int k = 0; k < kSecretKindCount; ++k) {
    if (by_kind_[size_t(k)]) kinds.push_back(k);
  }
  std::stable_sort(kinds.begin(), kinds.end(), [&](int a, int b) { return by_kind_[size_t(a)] > by_kind_[size_t(b)]; });
  std::string out = std::to_string(distinct_) + (distinct_ == 1 ? " secret (" : " secrets (");
  for (size_t i = 0; i < kinds.size(); ++i) {
    if (i) out += ", ";
    const uint64_t count = by_kind_[size_t(kinds[i])];
    out += std::to_string(count) + " " + kind_phrase(SecretKind(kinds[i]), count);
  }
  out += ")";
  return out;
}

}  // namespace agentreel::secrets

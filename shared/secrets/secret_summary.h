// Counting what a scan found, for the one-line warning `convert` and `html` print and the totals of
// `agentreel secrets`: distinct secrets by kind (the same key seen in ten records is one secret) and occurrences.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <unordered_set>

#include "secrets/finding.h"

namespace agentreel::secrets {

class SecretSummary {
 public:
  void add(const Finding& finding);
  // A secret known by another identity than its value (the placeholder number of a replacement).
  void add(SecretKind kind, uint64_t identity);
  uint64_t distinct() const { return distinct_; }
  uint64_t occurrences() const { return occurrences_; }
  uint64_t distinct_of(SecretKind kind) const { return by_kind_[size_t(kind)]; }
  // "3 secrets (2 API keys, 1 .env value)", kinds by count then kind order; "" when nothing was found.
  std::string phrase() const;
  // "3 secrets found (2 API keys, 1 .env value)".
  std::string sentence() const;

 private:
  std::unordered_set<uint64_t> seen_;  // identities: XXH64 of the values (the summary keeps no secret)
  std::array<uint64_t, kSecretKindCount> by_kind_{};
  uint64_t distinct_ = 0;
  uint64_t occurrences_ = 0;
};

}  // namespace agentreel::secrets

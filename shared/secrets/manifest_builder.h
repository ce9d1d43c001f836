// Assembles the redaction manifest (redaction_manifest.h) from what the redactors of a bundle's inputs replaced
// and the placeholder book that numbered the secrets. No I/O.
#pragma once

#include <cstdint>
#include <vector>

#include "secrets/placeholder_book.h"
#include "secrets/redaction_manifest.h"
#include "secrets/redactor.h"

namespace agentreel::secrets {

class ManifestBuilder {
 public:
  // Starts from an earlier manifest (a redacted bundle redacted again), or from nothing.
  explicit ManifestBuilder(RedactionManifest earlier = {}) : manifest_(std::move(earlier)) {}
  // The replacements made in input `input`. An earlier occurrence in that input moves by what the new
  // replacements before it added or removed; one that a new replacement overlaps is dropped (re-redacted).
  void add_input(uint32_t input, const std::vector<Replacement>& replacements);
  // The manifest with the book's secrets appended to the earlier ones (numbers continue, see PlaceholderBook).
  RedactionManifest finish(const PlaceholderBook& book, uint32_t custom_patterns, uint32_t allow_patterns);

 private:
  RedactionManifest manifest_;
  std::vector<RedactedOccurrence> added_;
};

}  // namespace agentreel::secrets

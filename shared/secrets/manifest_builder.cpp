// Manifest assembly (see manifest_builder.h).
#include "secrets/manifest_builder.h"

#include <algorithm>

namespace agentreel::secrets {

void ManifestBuilder::add_input(uint32_t input, const std::vector<Replacement>& replacements) {
  // Earlier occurrences are in the coordinates of the bytes just redacted: shift them into the new ones.
  std::vector<RedactedOccurrence> kept;
  for (RedactedOccurrence occurrence : manifest_.occurrences) {
    if (occurrence.input == input && !replacements.empty()) {
      int64_t shift = 0;
      bool overlapped = false;
      for (const Replacement& r : replacements) {
        const uint64_t end = r.original_offset + r.original_length;
        if (end <= occurrence.redacted_offset) {
          shift += int64_t(r.redacted_length) - int64_t(r.original_length);
        } else if (r.original_offset < occurrence.redacted_offset + occurrence.redacted_length) {
          overlapped = true;
        }
      }
      if (overlapped) continue;
      occurrence.redacted_offset = uint64_t(int64_t(occurrence.redacted_offset) + shift);
    }
    kept.push_back(occurrence);
  }
  manifest_.occurrences = std::move(kept);
  for (const Replacement& r : replacements) {
    RedactedOccurrence occurrence;
    occurrence.secret = r.secret;
    occurrence.input = input;
    occurrence.original_offset = r.original_offset;
    occurrence.original_length = r.original_length;
    occurrence.redacted_offset = r.redacted_offset;
    occurrence.redacted_length = r.redacted_length;
    occurrence.encoding = r.encoding;
    added_.push_back(occurrence);
  }
}

RedactionManifest ManifestBuilder::finish(const PlaceholderBook& book, uint32_t custom_patterns,
                                          uint32_t allow_patterns) {
  RedactionManifest out = std::move(manifest_);
  out.custom_patterns += custom_patterns;
  out.allow_patterns += allow_patterns;
  // Book numbers start after the earlier secrets: number n is secret n - 1.
  out.secrets.resize(book.first_number() - 1);
  for (const RuleInfo* rule : book.rules()) {
    out.secrets.push_back({rule->kind, std::string(rule->id), label(*rule)});
  }
  out.occurrences.insert(out.occurrences.end(), added_.begin(), added_.end());
  std::stable_sort(out.occurrences.begin(), out.occurrences.end(), [](const auto& a, const auto& b) {
    return a.input != b.input ? a.input < b.input : a.redacted_offset < b.redacted_offset;
  });
  return out;
}

}  // namespace agentreel::secrets

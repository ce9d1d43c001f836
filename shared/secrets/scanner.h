// The secrets scanner: one pass over the bytes. At each position two bytes index a bit table (8 KiB, stays in
// cache); only the rare positions whose pair may start or announce a secret go on to the rules registered for
// that pair, which check their format in place. Bytes in, findings out: no I/O, so the web viewer runs it too.
//
// For the viewer: find_secrets(record) takes one record's bytes and returns the secrets in it (microseconds for
// a typical record). For whole files and streams: SecretStream (secret_stream.h) feeds chunks through it.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "secrets/detectors.h"
#include "secrets/finding.h"
#include "secrets/provider_rules.h"

namespace agentreel::secrets {

// A caller's own pattern (the CLI's --redact-pattern and --allow, compiled with PCRE2; shared/ has no regex engine).
class PatternMatcher {
 public:
  virtual ~PatternMatcher() = default;
  // Appends [begin, end) of each match that starts in [from, to) of `text`, reading any of `text` for context.
  virtual void find_all(std::string_view text, size_t from, size_t to,
                        std::vector<std::pair<size_t, size_t>>& matches) const = 0;
  // Whether the pattern matches anywhere in `value`.
  virtual bool search(std::string_view value) const = 0;
};

struct ScanOptions {
  std::vector<std::shared_ptr<const PatternMatcher>> redact_patterns;  // more secrets, reported as kind custom
  std::vector<std::shared_ptr<const PatternMatcher>> allow_patterns;   // known-safe values (test keys): dropped
};

// The rule behind --redact-pattern matches.
extern const RuleInfo kCustomPatternRule;

class Scanner {
 public:
  explicit Scanner(ScanOptions options = {});

  // Every secret in `bytes`, sorted, overlaps merged (the better-named one names the merged range), allowed
  // values dropped.
  std::vector<Finding> find_secrets(std::string_view bytes) const;

  // The building block of find_secrets and SecretStream: candidates triggered at positions [from, to) of `text`,
  // as offsets into `text`, possibly overlapping, allow list not applied. Each trigger reads at most kLookbehind
  // bytes before it and kLookahead after, so a stream cut anywhere gives the same candidates.
  void find_candidates(std::string_view text, size_t from, size_t to, std::vector<Finding>& out, int depth = 0) const;
  // Drops findings whose value an allow pattern matches.
  void drop_allowed(std::vector<Finding>& findings) const;
  // The secrets inside a decoded base64 payload (assignment_detector.cpp), overlaps merged.
  std::vector<Finding> scan_payload(std::string_view decoded, int depth) const;

 private:
  struct Handler {
    const TokenRule* rule = nullptr;  // a prefix rule, or
    Detector detector = nullptr;      // a detector
  };
  void dispatch(std::string_view text, size_t at, uint32_t pair, std::vector<Finding>& out, int depth) const;

  ScanOptions options_;
  std::vector<uint64_t> pair_bits_;        // bit (b0 | b1 << 8): some handler is registered for this pair
  std::vector<uint64_t> boundary_bits_;    // bit: every handler of this pair needs a token boundary before it
  std::vector<uint64_t> assignment_bits_;  // bit: the pair's only handler is detect_assignment
  std::vector<uint32_t> pair_handlers_;    // per pair: index into handlers_ of its first handler, or 0
  std::vector<Handler> handlers_;          // runs of handlers per pair, each run ended by an empty Handler
  // Whether every pair that needs no token boundary starts with ':', '=', '-' or 'Q', the bytes the vector scan
  // loop looks for besides word starts (scanner.cpp); if a new rule breaks that, the scalar loop runs instead.
  bool simd_triggers_ = true;
};

// Sorts `findings` by position and merges each group of overlapping ones into one finding over their union, named
// by the best of them (rank, then length, then position). Base64 findings in the same payload merge into one
// base64 finding covering all their decoded bytes.
void merge_overlaps(std::vector<Finding>& findings);

}  // namespace agentreel::secrets

// One secret found in a run of bytes: where it lies, which rule found it, and its value for numbering and
// allow lists. The value never leaves the process: what is shown or stored is masked_preview() and label().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "secrets/secret_kind.h"

namespace agentreel::secrets {

// A detection rule's identity. Rules live in static tables (provider_rules.cpp and the detectors), so a
// finding points at its rule instead of copying these strings.
struct RuleInfo {
  std::string_view id;  // stable name, e.g. "openai-project-key" (in --json output and the manifest)
  SecretKind kind;
  std::string_view provider;  // "openai", "github", "postgres", ...; empty when the kind says it all
  uint8_t rank;               // which of two overlapping findings names the secret: higher wins (see kRank*)
  size_t public_prefix = 0;   // leading bytes that are the format's fixed prefix ("sk-proj-"), shown unmasked
};

// Ranks: a provider's own format names a secret better than a structural match, which beats a keyword match.
constexpr uint8_t kRankKeyword = 0;    // KEY=value lines, "password": "..." fields
constexpr uint8_t kRankHeader = 1;     // Bearer / Basic
constexpr uint8_t kRankStructure = 2;  // JWT, private key blocks, URL credentials
constexpr uint8_t kRankProvider = 3;   // documented provider prefixes (sk-ant-, ghp_, AKIA, ...)
constexpr uint8_t kRankCustom = 4;     // the caller's own patterns

enum class Encoding : uint8_t {
  plain = 0,   // [begin, end) holds the secret itself, possibly with JSON escapes
  base64 = 1,  // [begin, end) is base64 text whose decoded bytes [decoded_begin, decoded_end) are the secret
};

struct Finding {
  uint64_t begin = 0;  // byte range in the scanned bytes (a record, an input file, the raw stream)
  uint64_t end = 0;
  const RuleInfo* rule = nullptr;
  Encoding encoding = Encoding::plain;
  uint32_t decoded_begin = 0;  // base64 only: the secret within the decoded bytes of [begin, end)
  uint32_t decoded_end = 0;
  // The secret with escapes and wrapping undone (a private key: its base64 body only). Used to give the same
  // secret the same placeholder, for allow lists and for masked_preview(); never printed or stored.
  std::string value;

  SecretKind kind() const { return rule->kind; }
};

// "api-key openai", "private-key", "connection-string postgres": kind slug and provider.
std::string label(const RuleInfo& rule);
// The value with all but its first and last characters hidden: "sk-proj-Ab…9x (164 chars)". A format's fixed
// prefix is shown in full; short values show less (at most a quarter of a value is ever shown).
std::string masked_preview(const Finding& finding);

}  // namespace agentreel::secrets

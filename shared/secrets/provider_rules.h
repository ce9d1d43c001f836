// The rule table by provider: documented key and token formats, each a fixed prefix followed by a body of known
// bytes and length. The scanner dispatches on a rule's first two bytes and checks the rest in place, so adding a
// provider is one row in provider_rules.cpp. Formats whose shape is not prefix + body live in shaped_tokens.cpp.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "secrets/finding.h"

namespace agentreel::secrets {

struct TokenRule {
  RuleInfo info;            // info.public_prefix is the prefix length: the prefix is shown in previews
  std::string_view prefix;  // matched case-sensitively, at a token boundary
  uint16_t body_class;      // ByteClass bits of the bytes after the prefix (read greedily)
  uint16_t min_body;        // body length range; a longer run of body bytes is not this token
  uint16_t max_body;
  uint16_t trim_class = 0;  // trailing bytes dropped from a greedy body (a sentence's final '.')
  bool (*check)(std::string_view token) = nullptr;  // further test on prefix + body; null = none
};

// Every prefix rule, in the order they are tried for one position: more specific prefixes first ("sk-proj-"
// before "sk-").
std::span<const TokenRule> provider_rules();

}  // namespace agentreel::secrets

// A one-pass screen for the sanitizer policies: which of the literal fragments their regexes cannot match without
// ("eyJ", "sk-", "AKIA", "://", "-----BEGIN ", "authorization:" in any case, ...) occur in a text. A regex whose
// fragment is absent cannot match, so the sanitizers run PCRE2 only where this says they might; on the usual tool
// output that is never. Exact: it only skips work, never changes a verdict. No dependencies.
#pragma once

#include <cstdint>
#include <string_view>

#include "policy/json_value.h"

namespace agentreel::policy {

enum SecretLiteral : uint32_t {
  kLiteralEyJ = 1u << 0,            // sanitize-jwt
  kLiteralSkDash = 1u << 1,         // sk-ant-, sk-proj-, sk-
  kLiteralSkUnderscore = 1u << 2,   // sk_live_, sk_test_
  kLiteralGhp = 1u << 3,            // ghp_
  kLiteralGithubPat = 1u << 4,      // github_pat_
  kLiteralAkia = 1u << 5,           // AKIA
  kLiteralAiza = 1u << 6,           // AIza
  kLiteralScheme = 1u << 7,         // "://" (connection strings)
  kLiteralPrivateKey = 1u << 8,     // "-----BEGIN "
  kLiteralAuthorization = 1u << 9,  // "authorization:" in any letter case (bearer tokens)
};

// The SecretLiteral bits whose fragment occurs somewhere in `text`. A control character U+000E, U+001A or U+001E,
// or a lone surrogate, also sets the "eyJ" and "authorization:" bits: JSON.stringify writes them as \u000e,
// \u001a, \u001e or \udxxx, whose last hex digit could complete one of those fragments with the text after it.
uint32_t find_secret_literals(std::string_view text);

// The bits JSON.stringify(value) would give, found without building that text: every string (keys included) is
// screened on its own, which is exact because no fragment can span JSON punctuation (none contains '"', ',', ':'
// followed by a value, '[' or '{'), and the escape case above is covered conservatively.
uint32_t find_secret_literals_in(const JsonValue& value);

}  // namespace agentreel::policy

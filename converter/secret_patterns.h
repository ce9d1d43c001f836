// The secrets flags shared by `secrets`, `redact`, `convert --redact` and `html --redact`: --redact-pattern REGEX
// (a team's own secrets) and --allow REGEX (known-safe values such as test keys), compiled with PCRE2 into the
// PatternMatcher interface of shared/secrets/scanner.h (shared/ itself has no regex engine).
#pragma once

#include <string>

#include "commands.h"
#include "core/status.h"
#include "secrets/scanner.h"

namespace agentreel::cli {

struct SecretFlags {
  secrets::ScanOptions scan;
  bool redact = false;  // --redact, where a command accepts it
};

// If args[i] is one of the flags (with its value in args[i + 1]), records it, advances i past the value and
// returns true; `error` is set (and true returned) for a pattern that does not compile, naming the offset in it.
bool take_secret_flag(const Args& args, size_t& i, SecretFlags& flags, std::string& error);

}  // namespace agentreel::cli

// Rewrites a JavaScript RegExp source (no flags or the i flag, Annex B syntax as V8 accepts it without the u
// flag) into a PCRE2 pattern for UTF mode that matches the same strings: '.' excludes only \n \r U+2028 U+2029,
// \s is JavaScript's Unicode whitespace, \w \d \b stay ASCII, i folds ASCII letters only, identity escapes such
// as \a or \e mean the letter itself. Pure text work; PCRE2 itself is used only by js_regex.cpp.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace agentreel::policy {

// The PCRE2 pattern equivalent to `/source/` (or `/source/i`). Fails (invalid_argument) on what JavaScript
// rejects and on the few JavaScript forms PCRE2 cannot express (an escaped lone surrogate).
Result<std::string> translate_js_regex(std::string_view source, bool ignore_case);

// The longest run of literal characters every match of `/source/` must contain, or "" when there is none this simple
// analysis can prove: only top-level literals count, and a top-level alternation, an optional quantifier or anything
// that is not a plain character ends a run. Used to skip PCRE2 for subjects that cannot match; never changes a result.
std::string required_literal(std::string_view source);

}  // namespace agentreel::policy

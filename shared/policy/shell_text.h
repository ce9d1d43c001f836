// The shell-ish text helpers failproofai's policies share, with its exact (and deliberately simple) rules:
// TOK (argv tokens), ALLOWPAT (token allow-list patterns), PUSHARGS (git push arguments) and the segment splits
// on && || | ; that several policies use. They are not a shell parser; quoting is not understood, on purpose,
// because the policies being replayed do not understand it either. Pure functions over UTF-8 text.
#pragma once

#include <string_view>
#include <vector>

namespace agentreel::policy {

// TOK(s): trim, split on runs of JavaScript whitespace, then drop one leading and one trailing ' or " from each
// token. TOK("") is one empty token, as in failproofai.
std::vector<std::string_view> argv_tokens(std::string_view text);

// ALLOWPAT(cmd, pattern): the command has at least as many tokens as the pattern, no token equals && || | ;,
// no token contains any of ; & < > ` $ ( ) \, and every pattern token is "*" or equals the command token at the
// same index (so a pattern is a prefix match and "*" matches exactly one token).
bool matches_allow_pattern(std::string_view command, std::string_view pattern);

// Pieces of `text` between separators, each trimmed (JavaScript trim). `newline_separates` adds '\n' to the
// separators && || | ; (failproofai's /&&|\|\||[|;\n]/); without it the split is /\s*(?:&&|\|\||\||;)\s*/.
std::vector<std::string_view> split_shell_segments(std::string_view text, bool newline_separates);

// PUSHARGS(cmd): for every segment that starts with "git", whitespace, "push", whitespace, the text after
// /^git\s+push\s+/. A bare "git push" and "git -C dir push ..." give nothing.
std::vector<std::string_view> git_push_arguments(std::string_view command);

}  // namespace agentreel::policy

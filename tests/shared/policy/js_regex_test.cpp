// JavaScript regex semantics through PCRE2 (shared/policy/js_regex.h): the differences that change what the
// policies match. Expected results are what V8 gives for the same /pattern/.test(subject).
#include "policy/js_regex.h"

#include <catch2/catch.hpp>
#include <string>

#include "policy/js_regex_translate.h"

using namespace agentreel::policy;

namespace {

bool js_test(std::string_view pattern, std::string_view subject, bool ignore_case = false) {
  auto regex = JsRegex::compile(pattern, ignore_case);
  INFO("/" << pattern << "/ -> " << (regex.is_ok() ? regex.value().pcre2_pattern() : regex.status().to_string()));
  REQUIRE(regex.is_ok());
  return regex.value().test(subject);
}

}  // namespace

TEST_CASE("policy js regex: '.' stops at \\n, \\r, U+2028 and U+2029 but not at other characters", "[policy]") {
  CHECK(js_test("a.b", "a\tb"));
  CHECK(js_test("a.b", "a\vb"));
  CHECK(js_test("a.b", "a\fb"));
  CHECK(js_test("a.b",
                "a\xc2\x85"
                "b"));  // NEL is not a line terminator in JavaScript
  CHECK(js_test("a.b",
                "a\xc3\xa9"
                "b"));  // é is one character
  CHECK_FALSE(js_test("a.b", "a\nb"));
  CHECK_FALSE(js_test("a.b", "a\rb"));
  CHECK_FALSE(js_test("a.b",
                      "a\xe2\x80\xa8"
                      "b"));
  CHECK_FALSE(js_test("a.b",
                      "a\xe2\x80\xa9"
                      "b"));
  // So .* keeps a policy on one line of a multi-line command.
  CHECK(js_test("curl\\s.*\\|\\s*bash", "curl -s x | bash"));
  CHECK_FALSE(js_test("curl\\s.*\\|\\s*bash", "curl -s x\n| bash"));
  CHECK_FALSE(js_test("curl\\s.*\\|\\s*bash", "curl -s x\r\n| bash"));
}

TEST_CASE("policy js regex: $ is the very end of the string, ^ the very start", "[policy]") {
  CHECK(js_test("\\.pem$", "key.pem"));
  CHECK_FALSE(js_test("\\.pem$", "key.pem\n"));  // no match before a trailing newline
  CHECK_FALSE(js_test("^sudo", "ls\nsudo x"));
  CHECK(js_test("(?:^|;)\\s*sudo\\s", "ls; sudo x"));
}

TEST_CASE("policy js regex: \\w, \\d and \\b are ASCII, \\s is Unicode whitespace", "[policy]") {
  CHECK_FALSE(js_test("^\\w$", "\xc3\xa9"));
  CHECK_FALSE(js_test("\\d", "\xd9\xa3"));     // Arabic-Indic three
  CHECK(js_test("\\bgit\\b", "\xc3\xa9git"));  // é is not a word character, so there is a boundary
  for (std::string_view space :
       {" ", "\t", "\n", "\v", "\f", "\r", "\xc2\xa0", "\xe1\x9a\x80", "\xe2\x80\x80", "\xe2\x80\x8a", "\xe2\x80\xa8",
        "\xe2\x80\xa9", "\xe2\x80\xaf", "\xe2\x81\x9f", "\xe3\x80\x80", "\xef\xbb\xbf"}) {
    INFO("space bytes " << space.size());
    std::string subject = "a";
    subject.append(space).append("b");
    CHECK(js_test("^a\\sb$", subject));
    CHECK_FALSE(js_test("^a\\Sb$", subject));
    CHECK_FALSE(js_test("^a[^@\\s]b$", subject));
  }
  CHECK_FALSE(js_test("^a\\sb$",
                      "a\xc2\x85"
                      "b"));  // NEL is not \s in JavaScript
  CHECK(js_test("^a\\Sb$",
                "a\xe2\x80\x8b"
                "b"));  // U+200B ZERO WIDTH SPACE is not \s either
  CHECK(js_test("^[\\s\\S]+$", "any\nthing \xe2\x80\xa8 at all"));
}

TEST_CASE("policy js regex: the i flag folds ASCII letters only", "[policy]") {
  CHECK(js_test("drop\\s+table", "DROP TABLE x", true));
  CHECK(js_test("[a-c]x", "BX", true));
  CHECK(js_test("[^a]", "b", true));
  CHECK_FALSE(js_test("^[^a]$", "A", true));
  CHECK_FALSE(js_test("schema",
                      "\xc5\xbf"
                      "chema",
                      true));                       // U+017F LATIN SMALL LETTER LONG S is not 's'
  CHECK_FALSE(js_test("k", "\xe2\x84\xaa", true));  // U+212A KELVIN SIGN is not 'k'
  CHECK_FALSE(js_test("drop", "DROP"));
}

TEST_CASE("policy js regex: lookbehind and lookahead", "[policy]") {
  // warn-background-process: a lone & ending the command.
  const char* background = "(?<![&|])\\s?&\\s*(?:$|#|;)";
  CHECK(js_test(background, "make &"));
  CHECK(js_test(background, "make & # later"));
  CHECK_FALSE(js_test(background, "a && b"));
  CHECK_FALSE(js_test(background, "make 2>&1"));
  CHECK_FALSE(js_test(background, "make |& tee"));
  // The absolute-path extractor's lookbehind.
  auto paths = JsRegex::compile("(?<![a-zA-Z0-9_.\\-~\\\\*?:=])\\/[^\\s;|&\"'()\\[\\]{}]*");
  REQUIRE(paths.is_ok());
  RegexMatch match;
  REQUIRE(paths.value().exec("-v HOST:/docs cat /etc/x", 0, match));
  CHECK(match.group("-v HOST:/docs cat /etc/x", 0) == "/etc/x");
  CHECK(js_test("\\bnpm\\s+i\\b(?=.*\\s-g\\b)", "npm i x -g"));
  CHECK_FALSE(js_test("\\bnpm\\s+i\\b(?=.*\\s-g\\b)", "npm i x\nls -g"));
}

TEST_CASE("policy js regex: Annex B syntax and escapes mean what V8 makes of them", "[policy]") {
  CHECK(js_test("stash@\\{0}", "stash@{0}"));  // escaped brace, lone closing brace
  CHECK(js_test("a{", "a{"));                  // a brace that is no quantifier is a literal
  CHECK(js_test("x{2,}", "xxx"));
  CHECK(js_test("\\a\\e\\g", "aeg"));  // identity escapes: the letter itself (PCRE2: BEL, ESC, ...)
  CHECK(js_test("\\v", "\v"));         // \v is VT, not PCRE2's vertical-space class
  CHECK_FALSE(js_test("\\v", "\n"));
  CHECK(js_test("\\u00e9", "\xc3\xa9"));
  CHECK(js_test("\\ud83d\\ude00", "\xf0\x9f\x98\x80"));  // an escaped surrogate pair is one character
  CHECK(js_test("\\x41", "A"));
  CHECK(js_test("(a)\\1", "aa"));
  CHECK(js_test("\\1(a)", "a"));  // a forward reference matches empty, as in JavaScript
  CHECK(js_test("\\101", "A"));   // no group 101: a legacy octal escape
  CHECK(js_test("[\\b]", "\b"));
  CHECK(js_test("[\\w-]+", "a-b"));     // '-' next to a class escape is a literal
  CHECK(js_test("[[:alpha:]]", ":]"));  // no POSIX classes: a class of [:alph, then a literal ]
  CHECK_FALSE(js_test("[[:alpha:]]", ":"));
  CHECK_FALSE(js_test("[]", "a"));  // [] matches nothing
  CHECK(js_test("^[^]$", "\n"));    // [^] matches anything
  CHECK(js_test("(?<year>\\d{4})-\\k<year>", "2024-2024"));
  CHECK(js_test("\\cJ", "\n"));
}

TEST_CASE("policy js regex: what JavaScript rejects fails to compile, with the pattern in the message", "[policy]") {
  for (std::string_view bad : {"(unclosed", "[z-a]", "a)", "(?x)", "\\"}) {
    auto regex = JsRegex::compile(bad);
    CHECK_FALSE(regex.is_ok());
    if (!regex.is_ok()) CHECK(regex.status().message().find(std::string(bad)) != std::string::npos);
  }
}

TEST_CASE("policy js regex: exec walks matches like a global regex and reports groups", "[policy]") {
  auto regex = JsRegex::compile("git\\s+(commit|merge)\\b");
  REQUIRE(regex.is_ok());
  const std::string text = "git merge-base HEAD && git commit -m x";
  RegexMatch match;
  REQUIRE(regex.value().exec(text, 0, match));
  CHECK(match.group(text, 1) == "merge");
  REQUIRE(regex.value().exec(text, match.end, match));
  CHECK(match.group(text, 1) == "commit");
  CHECK_FALSE(regex.value().exec(text, match.end, match));
}

TEST_CASE("policy js regex: invalid UTF-8 and lone surrogates in a subject are not a crash", "[policy]") {
  CHECK(js_test("ab",
                "\xff"
                "ab\xc3"));
  CHECK_FALSE(js_test("a.b",
                      "a\xff"
                      "b"));
  CHECK(js_regex_escape("a.b*c(d)[e]{f}|g^h$i+j?k\\l") == "a\\.b\\*c\\(d\\)\\[e\\]\\{f\\}\\|g\\^h\\$i\\+j\\?k\\\\l");
}

TEST_CASE("policy js regex: the required literal a match cannot do without, used to skip PCRE2", "[policy]") {
  CHECK(required_literal("eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}") == "eyJ");
  CHECK(required_literal("(?:^|\\s|;|&&|\\|\\|)(?:env|printenv)(?:\\s|$|;|&&|\\|)") == "");
  CHECK(required_literal("echo\\s+.*\\$\\{?[A-Za-z_]") == "echo");
  CHECK(required_literal("\\bgit\\s+commit\\b.*--amend\\b") == "--amend");
  CHECK(required_literal("Authorization:\\s*Bearer\\s+[A-Za-z0-9\\-._~+/]{20,}") == "Authorization:");
  CHECK(required_literal("x{2,}yz") == "yz");  // the quantifier ends the run of "x"; "yz" is longer
  CHECK(required_literal("ab{2,3}?cde") == "cde");
  CHECK(required_literal("a|bcd") == "");  // a top-level alternation
  CHECK(required_literal("ab?c") == "a");
  CHECK(required_literal("\\x41bc\\u00e9d") == "bc");  // escape arguments are not literals
  CHECK(required_literal("(a)\\12xy") == "xy");
  CHECK(required_literal("(?<![&|])\\s?&\\s*(?:$|#|;)") == "&");
  CHECK(required_literal("[^@\\s]+@") == "@");
  CHECK(required_literal("stash@\\{0}") == "stash@{0");
  CHECK(required_literal("a{x") == "a");  // a brace that is no quantifier is not taken
  // A subject without the literal is answered without PCRE2, and the answer is the same.
  CHECK_FALSE(js_test("\\bgit\\s+commit\\b.*--amend\\b", "git commit -m x"));
  CHECK(js_test("\\bgit\\s+commit\\b.*--amend\\b", "git commit --amend"));
  CHECK(js_test("drop\\s+table", "DROP TABLE x", true));  // the literal is compared case-insensitively with i
}

TEST_CASE("policy js regex: skipping PCRE2 on a missing literal never changes an answer (random patterns)",
          "[policy]") {
  // Random patterns from pieces that stress the literal analysis (quantifiers, braces, groups, classes, escapes,
  // alternation, assertions), each compared with the same pattern behind "|(?!)": a top-level alternation, so no
  // literal is derived and PCRE2 always runs, with the same meaning.
  const char* const pieces[] = {"a",        "b",       "ab",    "ba",     "-",   ":",   "/",  "\\.",  "\\$",  "\\{",
                                "\\x61",    "\\u0062", "\\d",   "\\s",    "\\b", "\\w", ".",  "[ab]", "[^a]", "(a)",
                                "(?:ab|b)", "(?=a)",   "(?!b)", "(?<!a)", "^",   "$",   "a?", "b*",   "a+",   "b{2}",
                                "a{1,}",    "a{0,2}",  "{",     "}",      "x{",  "\\1", "|"};
  const char alphabet[] = "ab-:/.${} 1x";
  uint64_t state = 88172645463325252ull;
  const auto next = [&state](uint64_t n) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state % n;
  };
  size_t compared = 0, matched = 0;
  for (int p = 0; p < 1500; ++p) {
    std::string pattern;
    for (uint64_t n = 1 + next(6); n > 0; --n) pattern += pieces[next(sizeof pieces / sizeof *pieces)];
    const bool ignore_case = next(4) == 0;
    auto fast = JsRegex::compile(pattern, ignore_case);
    auto plain = JsRegex::compile("(?:" + pattern + ")|(?!)", ignore_case);
    if (!fast.is_ok() || !plain.is_ok()) continue;
    REQUIRE(plain.value().required().empty());
    for (int s = 0; s < 20; ++s) {
      std::string subject;
      for (uint64_t n = next(12); n > 0; --n) {
        char c = alphabet[next(sizeof alphabet - 1)];
        if (ignore_case && next(3) == 0 && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
        subject.push_back(c);
      }
      if (next(2) == 0) subject += fast.value().required();  // often hold the literal, to reach PCRE2
      INFO("/" << pattern << "/" << (ignore_case ? "i" : "") << " on \"" << subject << "\", literal \""
               << fast.value().required() << "\"");
      const bool expected = plain.value().test(subject);
      CHECK(fast.value().test(subject) == expected);
      CHECK(fast.value().test(subject, BytePresence::of(subject)) == expected);
      ++compared;
      matched += expected;
    }
  }
  CHECK(compared > 10000);
  CHECK(matched > compared / 10);  // the comparison is not all "no match"
}

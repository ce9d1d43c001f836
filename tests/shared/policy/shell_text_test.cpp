// The shell-ish helpers (TOK, ALLOWPAT, PUSHARGS, segment splits), JavaScript's trim / split(/\s+/) / length, and
// Node's path.resolve / path.join, which the policies are built on. Expected values are what failproofai's
// TypeScript helpers return.
#include "policy/shell_text.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "policy/js_text.h"
#include "policy/posix_path.h"

using namespace agentreel::policy;

namespace {

std::vector<std::string> strings(const std::vector<std::string_view>& views) {
  return std::vector<std::string>(views.begin(), views.end());
}
using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("policy js text: trim, split(/\\s+/) and length follow JavaScript", "[policy]") {
  CHECK(js_trim("\xc2\xa0 \t x y \xe3\x80\x80\n") == "x y");
  CHECK(js_trim_start("  sudo ls ") == "sudo ls ");
  CHECK(js_trim("\xe2\x80\x8b") == "\xe2\x80\x8b");  // U+200B is not whitespace
  CHECK(strings(js_split_whitespace("")) == Strings{""});
  CHECK(strings(js_split_whitespace(" a  b ")) == Strings{"", "a", "b", ""});
  CHECK(strings(js_split_whitespace("a\xc2\xa0"
                                    "b\xe2\x80\xa8"
                                    "c")) == Strings{"a", "b", "c"});
  CHECK(utf16_length("a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80") == 5);  // a é € 😀(2)
  CHECK(utf16_length("\xed\xa0\x80") == 1);                           // a lone surrogate
  std::string replaced;
  CHECK(
      replace_lone_surrogates("a\xed\xa0\x80"
                              "b\xed\x9f\xbf",
                              replaced));
  CHECK(replaced ==
        "a\xef\xbf\xbd"
        "b\xed\x9f\xbf");  // U+D7FF is an ordinary character
  CHECK_FALSE(replace_lone_surrogates("plain", replaced));
}

TEST_CASE("policy TOK: trims, splits on whitespace runs, strips one quote at each end", "[policy]") {
  CHECK(strings(argv_tokens("  sudo  'systemctl' \"status\" nginx ")) ==
        Strings{"sudo", "systemctl", "status", "nginx"});
  CHECK(strings(argv_tokens("cat \"my file.txt\"")) == Strings{"cat", "my", "file.txt"});
  CHECK(strings(argv_tokens("echo '' \" '\"' x\"y")) == Strings{"echo", "", "", "\"", "x\"y"});
  CHECK(strings(argv_tokens("")) == Strings{""});
}

TEST_CASE("policy ALLOWPAT: a prefix pattern over tokens, refusing operators and metacharacters", "[policy]") {
  CHECK(matches_allow_pattern("sudo systemctl status nginx", "sudo systemctl status *"));
  CHECK(matches_allow_pattern("sudo systemctl status nginx --no-pager", "sudo systemctl status *"));
  CHECK_FALSE(matches_allow_pattern("sudo systemctl status", "sudo systemctl status *"));  // * is one token
  CHECK_FALSE(matches_allow_pattern("sudo systemctl restart nginx", "sudo systemctl status *"));
  CHECK_FALSE(matches_allow_pattern("sudo systemctl status nginx && rm x", "sudo systemctl status *"));
  CHECK_FALSE(matches_allow_pattern("sudo systemctl status nginx;rm", "sudo systemctl status *"));
  CHECK_FALSE(matches_allow_pattern("sudo systemctl status $(id)", "sudo systemctl status *"));
  CHECK(matches_allow_pattern("sudo grep a|b f", "sudo grep *"));  // an embedded | is allowed
  CHECK_FALSE(matches_allow_pattern("sudo grep a | b", "sudo grep *"));
  CHECK(matches_allow_pattern("kubectl get 'pods'", "kubectl get pods"));
}

TEST_CASE("policy segments and PUSHARGS split on &&, ||, | and semicolon (and newline for PUSHARGS)", "[policy]") {
  CHECK(strings(split_shell_segments(" a && b||c | d;e ", true)) == Strings{"a", "b", "c", "d", "e"});
  CHECK(strings(split_shell_segments("a\nb", false)) == Strings{"a\nb"});
  CHECK(strings(split_shell_segments("a\nb", true)) == Strings{"a", "b"});
  CHECK(strings(split_shell_segments("a|||b", false)) == Strings{"a", "", "b"});
  CHECK(strings(split_shell_segments("a & b", false)) == Strings{"a & b"});
  CHECK(strings(git_push_arguments("git add . && git push -u origin main; git  push\t--force x")) ==
        Strings{"-u origin main", "--force x"});
  CHECK(git_push_arguments("git push").empty());
  CHECK(git_push_arguments("git -C repo push origin main").empty());
  CHECK(git_push_arguments("echo x | git push origin main").size() == 1);
  CHECK(git_push_arguments("git pushx origin").empty());
}

TEST_CASE("policy paths: Node's path.resolve and path.join on POSIX", "[policy]") {
  CHECK(resolve_path("/home/u/proj", "src/../a.ts") == "/home/u/proj/a.ts");
  CHECK(resolve_path("/home/u/proj", "/etc//passwd/") == "/etc/passwd");
  CHECK(resolve_path("/home/u/proj", "../../../../x") == "/x");
  CHECK(resolve_path("/home/u/proj", "") == "/home/u/proj");
  CHECK(resolve_path("/home/u/proj/", ".") == "/home/u/proj");
  CHECK(resolve_path("/", "/") == "/");
  CHECK(join_path("/root", ".claude") == "/root/.claude");
  CHECK(join_path("/root/", "plans/p.md") == "/root/plans/p.md");
  CHECK(join_path("/root", "") == "/root");
  CHECK(join_path("", ".claude") == ".claude");
  CHECK(join_path("/root", "a/") == "/root/a/");
  CHECK(parent_path("/a/b") == "/a");
  CHECK(parent_path("/a") == "/");
  CHECK(parent_path("/") == "/");
}

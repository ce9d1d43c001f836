// The find language: what parses into what (negation, OR, groups, phrases, keys), the errors a query that
// cannot be read gets (never a silent empty result), and matching on a small trace with text hits.
#include "find/find_query.h"

#include <catch2/catch.hpp>

#include "model/trace_builder.h"

using namespace agentreel;

namespace {

std::string parsed(std::string_view text) {
  auto query = FindQuery::parse(text);
  if (!query.is_ok()) return "ERROR " + query.status().message();
  return query.value().describe();
}

}  // namespace

TEST_CASE("find query: terms, negation, OR and groups") {
  CHECK(parsed("no-verify") == "no-verify");
  CHECK(parsed("--no-verify") == "--no-verify");  // two dashes: a word, not a negation
  CHECK(parsed("-kind:hook") == "-kind:hook");
  CHECK(parsed("!kind:hook") == "-kind:hook");
  CHECK(parsed("NOT kind:hook") == "-kind:hook");
  CHECK(parsed("NOT -kind:hook") == "kind:hook");
  CHECK(parsed("kind:tool OR kind:model") == "kind:tool OR kind:model");
  CHECK(parsed("kind:tool | kind:model") == "kind:tool OR kind:model");
  CHECK(parsed("tool:Bash pytest") == "tool:bash pytest");
  CHECK(parsed("tool:Bash AND pytest") == "tool:bash pytest");
  CHECK(parsed("(kind:tool OR kind:model) -status:ok") == "(kind:tool OR kind:model) -status:ok");
  CHECK(parsed("a b OR c") == "(a b) OR c");  // AND binds tighter than OR
  CHECK(parsed("-(a OR b)") == "-(a OR b)");
  CHECK(parsed("\"git push --force\"") == "\"git push --force\"");
  CHECK(parsed("text:\"exit code 1\"") == "text:\"exit code 1\"");
  CHECK(parsed("attr:exit_code=1 action:edit file:tax.py cmd:pytest") ==
        "attr:exit_code=1 action:edit file:tax.py cmd:pytest");
  CHECK(parsed("dur>=1.5s") == "dur>=1500000000ns");
  CHECK(parsed("https://example.com/x") == "https://example.com/x");  // an unknown key is text
  CHECK(parsed("   ").empty());
}

TEST_CASE("find query: what cannot be read is an error with its column") {
  CHECK(parsed("kind:banana") ==
        "ERROR find: column 1: unknown kind \"banana\" (agent, model, tool, hook, error, human, pause, event)");
  CHECK(parsed("status:broken").starts_with("ERROR find: column 1: unknown status \"broken\""));
  CHECK(parsed("dur>fast") == "ERROR find: column 1: dur wants a duration like 5s, 200ms or 1.5m, got \"fast\"");
  CHECK(parsed("(a OR b") == "ERROR find: column 1: expected a ')' to close this '('");
  CHECK(parsed("a)") == "ERROR find: column 2: expected '(' before this ')'");
  CHECK(parsed("()") == "ERROR find: column 2: expected a term inside '( )'");
  CHECK(parsed("a OR") == "ERROR find: column 3: expected a term after OR");
  CHECK(parsed("OR a") == "ERROR find: column 1: expected a term");
  CHECK(parsed("\"unterminated") == "ERROR find: column 1: expected a closing '\"' for this phrase");
  CHECK(parsed("text:") == "ERROR find: column 1: expected a value after \"text:\"");
  CHECK(parsed("NOT") == "ERROR find: column 1: expected a term after NOT");
}

TEST_CASE("find query: text needles are collected once, with their scope") {
  auto query = FindQuery::parse("verify OR \"Verify\" file:src/a.py cmd:git -verify");
  REQUIRE(query.is_ok());
  const auto& needles = query.value().text_needles();
  REQUIRE(needles.size() == 3);
  CHECK(needles[0].text == "verify");
  CHECK(needles[0].scope == FindQuery::Scope::records);
  CHECK(needles[1].text == "src/a.py");
  CHECK(needles[1].scope == FindQuery::Scope::path);
  CHECK(needles[2].scope == FindQuery::Scope::command);
}

TEST_CASE("find query: matching names, attributes, kinds, durations and text hits") {
  TraceBuilder builder;
  builder.begin_input(InputFile{"t.jsonl", "agenteye"});
  const uint32_t s = builder.session("s");
  auto add = [&](SpanKind kind, std::string_view name, int64_t start_s, int64_t end_s, SpanStatus status) {
    SpanOpen open;
    open.session = s;
    open.start_ns = start_s * 1'000'000'000;
    open.kind = kind;
    open.name = name;
    return builder.add_span(open, end_s * 1'000'000'000, status);
  };
  const SpanHandle bash = add(SpanKind::tool, "Bash", 0, 10, SpanStatus::error);
  builder.attribute(bash, "exit_code", int64_t(1));
  builder.attribute(bash, "action", "shell");
  add(SpanKind::hook, "block-force-push", 1, 1, SpanStatus::ok);
  add(SpanKind::model, "claude-opus", 2, 3, SpanStatus::ok);
  const Trace trace = builder.build();
  auto matches = [&](std::string_view text, uint32_t span, std::vector<uint8_t> found = {}) {
    auto query = FindQuery::parse(text);
    REQUIRE(query.is_ok());
    const bool scanned = !found.empty();
    SpanTextHits hits{std::move(found)};
    return find_matches(query.value(), trace, span, scanned ? &hits : nullptr);
  };
  CHECK(matches("bash", 0));
  CHECK(matches("tool:bash status:error dur>5s", 0));
  CHECK_FALSE(matches("tool:bash dur>20s", 0));
  CHECK(matches("attr:exit_code=1", 0));
  CHECK_FALSE(matches("attr:exit_code=2", 0));
  CHECK(matches("action:shell", 0));
  CHECK(matches("-kind:hook", 0));
  CHECK_FALSE(matches("-kind:hook", 1));
  CHECK(matches("kind:hook OR kind:model", 1));
  CHECK(matches("kind:hook OR kind:model", 2));
  CHECK_FALSE(matches("kind:hook OR kind:model", 0));
  CHECK(matches("force", 1));  // in the name
  // A word the span's records hold, by the caller's scan.
  CHECK_FALSE(matches("no-verify", 0));
  CHECK(matches("no-verify", 0, {1}));
  CHECK(matches("text:no-verify", 0, {1}));
  CHECK_FALSE(matches("text:bash", 0, {0}));  // text: looks in records only, not the name
}

TEST_CASE("find query: policy and would terms read the caller's names and verdicts") {
  const FindPolicyNames names{{"block-sudo", "block-rm-rf", "block-force-push", "warn-git-amend"}};
  auto parse = [&](std::string_view text) { return FindQuery::parse(text, &names); };
  REQUIRE(parse("policy:block-rm-rf").is_ok());
  CHECK(parse("policy:block-rm-rf").value().needs_verdicts());
  CHECK(parse("policy:block-").value().root()->term.policies == 0b0111);  // a prefix names each policy it starts
  CHECK(parse("policy:failproofai/block-force-push").value().root()->term.policies == 0b0100);
  CHECK(parse("policy:Block-Sudo").value().describe() == "policy:block-sudo");
  CHECK(parse("would:deny -would:instruct").value().describe() == "would:deny -would:instruct");
  CHECK_FALSE(parse("tool:bash").value().needs_verdicts());
  // An unknown name, an unknown decision and no names at all are errors, never an empty result.
  CHECK(parse("tool:Bash policy:block-everything").status().message().find("column 11") != std::string::npos);
  CHECK(parse("policy:block-everything").status().message().find("block-sudo, block-rm-rf") != std::string::npos);
  CHECK(parse("would:maybe").status().message().find("would:deny, would:instruct") != std::string::npos);
  CHECK(parse("policy:").status().message().find("expected a value") != std::string::npos);
  CHECK(FindQuery::parse("would:deny").status().message().find("policy replay") != std::string::npos);

  TraceBuilder builder;
  builder.begin_input(InputFile{"t.jsonl", "agenteye"});
  SpanOpen open;
  open.session = builder.session("s");
  open.kind = SpanKind::tool;
  open.name = "Bash";
  builder.add_span(open, 1'000'000'000, SpanStatus::ok);
  const Trace trace = builder.build();
  auto matches = [&](std::string_view text, SpanVerdicts verdicts) {
    auto query = parse(text);
    REQUIRE(query.is_ok());
    return find_matches(query.value(), trace, 0, nullptr, &verdicts);
  };
  const SpanVerdicts force{0b0100, 0b1000};  // block-force-push denies, warn-git-amend instructs
  CHECK(matches("policy:block-force-push", force));
  CHECK(matches("policy:warn", force));
  CHECK_FALSE(matches("policy:block-sudo", force));
  CHECK(matches("would:deny", force));
  CHECK(matches("would:instruct", force));
  CHECK_FALSE(matches("would:deny", {0, 0b1000}));
  CHECK(matches("tool:bash -policy:block-sudo", force));
  auto query = parse("would:deny");
  CHECK_FALSE(find_matches(query.value(), trace, 0, nullptr));  // no verdicts: nothing
}

TEST_CASE("find query: durations") {
  int64_t ns = 0;
  CHECK(parse_duration("200ms", ns));
  CHECK(ns == 200'000'000);
  CHECK(parse_duration("1.5m", ns));
  CHECK(ns == 90'000'000'000);
  CHECK(parse_duration("3", ns));
  CHECK(ns == 3'000'000'000);
  CHECK(parse_duration("2h", ns));
  CHECK(ns == 7'200'000'000'000);
  CHECK(!parse_duration("5 parsecs", ns));
  CHECK(!parse_duration("-1s", ns));
  CHECK(!parse_duration("", ns));
}

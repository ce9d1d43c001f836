// The audit replay (shared/policy/audit_replay.h) on real recordings in tests/data: each harness's tool calls
// reach the policies under Claude Code's tool names, state comes from the recording (project root, git branch per
// call), recorded denials are compared with the replay, sessions audited side by side give what one by one gives,
// and a suggested policies-config.json reads back through our own configuration parser.
#include "policy/audit_replay.h"

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "model/span_text.h"
#include "policy/json_parse.h"
#include "policy/policy_config.h"
#include "policy/policy_suggestion.h"
#include "test_support.h"

using namespace agentreel;
using namespace agentreel::policy;
using namespace agentreel::test;

namespace {

struct Recording {
  std::unique_ptr<Bundle> bundle;
  RecordReader read;
  const Trace& trace() const { return bundle->trace(); }
};

Recording record(const std::vector<std::string>& relatives) {
  std::vector<NamedInput> inputs;
  for (const std::string& relative : relatives) inputs.push_back({relative, read_file(data_path(relative))});
  Converted converted = convert_in_memory(inputs);
  INFO(converted.status.to_string());
  REQUIRE(converted.status.is_ok());
  auto opened = open_bytes(converted.bundle);
  REQUIRE(opened.is_ok());
  Recording r{opened.take(), {}};
  const Bundle* b = r.bundle.get();
  r.read = [b](RecordRef ref) {
    auto bytes = b->read_record(ref);
    return bytes.is_ok() ? bytes.value() : std::string();
  };
  return r;
}

PolicyEngine engine_for(const PolicySelection& selection) {
  auto engine = PolicyEngine::create(selection, PolicyConfig{});
  REQUIRE(engine.is_ok());
  return engine.take();
}

std::vector<SessionAudit> audit_all(const Recording& r, const PolicyEngine& engine, EvaluationMode mode) {
  AuditOptions options;
  options.mode = mode;
  std::vector<SessionAudit> out;
  for (uint32_t s = 0; s < r.trace().sessions.size(); ++s)
    out.push_back(audit_session(engine, r.trace(), r.read, s, options));
  return out;
}

std::string policy_of(const AuditFinding& f) { return std::string(policy_info(f.policy).short_name); }

}  // namespace

TEST_CASE("audit replay: argv arrays as command lines, home directories from a working directory", "[policy][audit]") {
  CHECK(command_line_of(R"(["bash","-lc","ls -la"])") == "ls -la");
  CHECK(command_line_of(R"(["git","push","--force"])") == "git push --force");
  CHECK(command_line_of("git status") == "git status");
  CHECK(command_line_of(R"(["bash",1])") == R"(["bash",1])");
  CHECK(home_of("/home/u/proj") == "/home/u");
  CHECK(home_of("/Users/ada/x/y") == "/Users/ada");
  CHECK(home_of("/root/work") == "/root");
  CHECK(home_of("/srv/app").empty());
}

TEST_CASE("audit replay: every harness's shell, read, write and edit calls become Bash, Read, Write and Edit",
          "[policy][audit]") {
  // Real sessions of four harnesses whose tool names are not Claude Code's (tests/data/*/SOURCES.md).
  const std::vector<std::string> files = {
      "codex/rollout-codex-vscode-0.39.jsonl",
      "copilot/session-state/3c5e7a90-1b2d-4f6a-8c0e-2a4b6d8f0a1c.jsonl",
      "copilot/session-state/96ef38f0-9d09-45c3-8124-6448c36090ed/events.jsonl",
      "gemini/session.jsonl",
  };
  std::map<std::string, int> mapped_to;
  for (const std::string& file : files) {
    INFO(file);
    const Recording r = record({file});
    const Trace& trace = r.trace();
    for (uint32_t span = 0; span < trace.spans.size(); ++span) {
      if (trace.spans.kind[span] != SpanKind::tool) continue;
      const HookTool tool = hook_tool_for_span(trace, r.read, span);
      const std::string_view action = span_action(trace, span);
      INFO("span " << span << " " << trace.name_of(span) << " action " << action);
      if (!tool.mapped) {
        CHECK(tool.name == trace.name_of(span));  // kept as recorded
        continue;
      }
      ++mapped_to[tool.name];
      if (action == "shell") {
        CHECK(tool.name == "Bash");
        const std::string* command = tool.input.find_string("command");
        REQUIRE(command != nullptr);
        CHECK(!command->empty());
        if (auto recorded = span_text(trace, r.read, span, TextRole::command))
          CHECK(*command == command_line_of(*recorded));
      } else {
        CHECK(tool.name == (action == "read" ? "Read" : action == "write" ? "Write" : "Edit"));
        const std::string* path = tool.input.find_string("file_path");
        REQUIRE(path != nullptr);
        CHECK(*path == span_text(trace, r.read, span, TextRole::path).value_or("?"));
      }
    }
  }
  CHECK(mapped_to["Bash"] >= 10);  // Codex's shell calls
  CHECK(mapped_to["Edit"] + mapped_to["Write"] >= 1);
}

TEST_CASE("audit replay: a Codex shell command reading an environment variable is a Bash call to protect-env-vars",
          "[policy][audit]") {
  const Recording r = record({"codex/rollout-codex-vscode-0.39.jsonl"});
  const PolicyEngine engine = engine_for(PolicySelection::all());
  const std::vector<SessionAudit> audits = audit_all(r, engine, EvaluationMode::live);
  REQUIRE(audits.size() == 1);
  CHECK(audits[0].calls == 18);
  CHECK(audits[0].mapped_calls == 14);
  REQUIRE(audits[0].findings.size() == 1);
  const AuditFinding& f = audits[0].findings[0];
  CHECK(policy_of(f) == "protect-env-vars");
  CHECK(r.trace().name_of(f.span) == "shell");
  CHECK(hook_tool_for_span(r.trace(), r.read, f.span).name == "Bash");
}

TEST_CASE("audit replay: project root is the first working directory, the git branch is each call's own",
          "[policy][audit]") {
  // tests/data/audit/vectors.jsonl: cwd /home/u/proj, branch feat/x on every line but one call made on main.
  const Recording r = record({"audit/vectors.jsonl"});
  const PolicyEngine engine = engine_for(PolicySelection::all());
  const std::vector<SessionAudit> audits = audit_all(r, engine, EvaluationMode::what_if);
  REQUIRE(audits.size() == 1);
  const SessionAudit& a = audits[0];
  CHECK(a.project_dir == "/home/u/proj");
  CHECK(a.calls == 19);
  std::vector<uint32_t> on_main;
  for (const AuditFinding& f : a.findings) {
    if (policy_of(f) == "block-work-on-main") on_main.push_back(f.span);
  }
  CHECK(on_main == std::vector<uint32_t>{27});
  // Every call had its branch recorded, so block-work-on-main never had to give up.
  CHECK(a.not_replayable[static_cast<size_t>(*find_builtin_policy("block-work-on-main"))] == 0);
  // The Stop-time policies need live git / GitHub state: never a finding from a recording.
  for (const AuditFinding& f : a.findings) CHECK(policy_info(f.policy).events != kStop);
}

TEST_CASE("audit replay: recorded denials agree with the replay or are reported missed", "[policy][audit]") {
  SECTION("a failproofai hook denial and a user rejection") {
    const Recording r = record({"audit/vectors.jsonl"});
    const std::vector<SessionAudit> audits =
        audit_all(r, engine_for(PolicySelection::defaults()), EvaluationMode::live);
    const std::vector<RecordedDenial>& recorded = audits.at(0).recorded;
    REQUIRE(recorded.size() == 2);
    CHECK(recorded[0].span == 5);
    CHECK(recorded[0].denied_by == "hook");
    CHECK(recorded[0].replay_policy == "failproofai/block-sudo");
    CHECK(recorded[0].agreement == RecordedDenial::Agreement::agree);
    CHECK(recorded[1].span == 9);
    CHECK(recorded[1].denied_by == "user");  // `rm -rf ./node_modules dist`: the user said no, no policy would
    CHECK(recorded[1].replay_policy.empty());
    CHECK(recorded[1].agreement == RecordedDenial::Agreement::missed);
  }
  SECTION("real Claude Code sessions: the person's rejections are no policy's") {
    const Recording r = record({"claude-code/short.jsonl", "claude-code/tool_heavy.jsonl"});
    const std::vector<SessionAudit> audits = audit_all(r, engine_for(PolicySelection::all()), EvaluationMode::live);
    size_t rejections = 0;
    for (const SessionAudit& a : audits) {
      for (const RecordedDenial& d : a.recorded) {
        CHECK(d.denied_by == "user");
        CHECK(d.agreement == RecordedDenial::Agreement::missed);
        ++rejections;
      }
    }
    CHECK(rejections == 2);
  }
}

TEST_CASE("audit replay: sessions side by side give what one by one gives, in session order", "[policy][audit]") {
  const Recording r = record({"claude-code/short.jsonl", "claude-code/tool_heavy.jsonl", "audit/vectors.jsonl",
                              "codex/rollout-codex-vscode-0.39.jsonl"});
  const PolicyEngine engine = engine_for(PolicySelection::all());
  const std::vector<SessionAudit> one_by_one = audit_all(r, engine, EvaluationMode::what_if);
  std::vector<uint32_t> sessions;
  for (uint32_t s = 0; s < r.trace().sessions.size(); ++s) sessions.push_back(s);
  // Tasks run last first, as threads may: the results must still come back in session order.
  const ParallelFor reversed = [](size_t count, const std::function<void(size_t)>& task) {
    for (size_t i = count; i-- > 0;) task(i);
  };
  const Bundle* b = r.bundle.get();
  const auto make_reader = [b] {
    return RecordBytesReader([b](RecordRef ref, std::string& out) {
      out.clear();
      return b->read_stream(ref.offset, ref.length, out).is_ok();
    });
  };
  AuditOptions options;
  options.mode = EvaluationMode::what_if;
  const std::vector<SessionAudit> side_by_side =
      audit_sessions(engine, r.trace(), sessions, make_reader, reversed, 3, options);
  REQUIRE(side_by_side.size() == one_by_one.size());
  size_t findings = 0;
  for (size_t i = 0; i < one_by_one.size(); ++i) {
    const SessionAudit &x = one_by_one[i], &y = side_by_side[i];
    CHECK(x.session == y.session);
    CHECK(x.calls == y.calls);
    CHECK(x.post_calls == y.post_calls);
    CHECK(x.what_if_calls == y.what_if_calls);
    REQUIRE(x.findings.size() == y.findings.size());
    for (size_t j = 0; j < x.findings.size(); ++j) {
      CHECK(x.findings[j].span == y.findings[j].span);
      CHECK(x.findings[j].policy == y.findings[j].policy);
      CHECK(x.findings[j].reason == y.findings[j].reason);
    }
    findings += x.findings.size();
  }
  CHECK(findings > 10);
}

TEST_CASE("audit replay: the suggested policies-config.json enables the defaults and exactly the policies that fired",
          "[policy][audit]") {
  const Recording r = record({"audit/vectors.jsonl", "codex/rollout-codex-vscode-0.39.jsonl"});
  const std::vector<SessionAudit> audits = audit_all(r, engine_for(PolicySelection::all()), EvaluationMode::what_if);
  const std::vector<PolicyObjections> objections = policy_objections(audits);
  std::vector<PolicyId> fired;
  std::set<std::string> fired_names;
  for (const PolicyObjections& o : objections) {
    fired.push_back(o.policy);
    fired_names.insert(std::string(policy_info(o.policy).short_name));
    CHECK(o.denied_calls + o.instructed_calls == o.spans.size());
  }
  // What the spec's vectors and the Codex session trip (tests/data/audit/expected.tsv; the Codex finding above).
  for (const char* name : {"block-sudo", "block-rm-rf", "block-force-push", "block-work-on-main", "protect-env-vars",
                           "block-env-files", "block-kubectl", "sanitize-connection-strings"}) {
    CHECK(fired_names.count(name) == 1);
  }
  const std::string text = suggested_config_json(default_policy_names(), fired, JsonValue::object());
  ConfigFiles files;
  files.project = ConfigFile{"suggested.json", text};
  const ConfigLoad load = merge_policy_config(files);
  CHECK(load.problems.empty());
  const PolicySelection read_back = PolicySelection::from_names(load.config.enabled_policies);
  CHECK(read_back.unknown_names.empty());
  const PolicySelection defaults = PolicySelection::defaults();
  for (const PolicyInfo& info : policy_catalog()) {
    INFO(info.short_name);
    CHECK(read_back.contains(info.id) ==
          (defaults.contains(info.id) || fired_names.count(std::string(info.short_name)) == 1));
  }
  CHECK(load.config.enabled_policies.size() == read_back.count());  // no name twice

  // A configuration's parameters are kept; the base names stay as written.
  auto params = parse_json(R"({"block-sudo":{"hint":"Ask the user."}})", "params");
  REQUIRE(params.is_ok());
  const std::string with_params =
      suggested_config_json({"failproofai/block-sudo"},
                            {*find_builtin_policy("block-sudo"), *find_builtin_policy("block-rm-rf")}, params.value());
  CHECK(with_params ==
        "{\n  \"enabledPolicies\": [\n    \"failproofai/block-sudo\",\n    \"block-rm-rf\"\n  ],\n"
        "  \"policyParams\": {\n    \"block-sudo\": {\"hint\":\"Ask the user.\"}\n  }\n}\n");
}

// mini-swe-agent trajectories (tests/data/mini-swe-agent/): the oldest layout (a bare array of messages whose
// commands sit in the text) from the agent's own repository, and a hand-written 2.x trajectory in the schema its
// docs/usage/output_files.md documents (extra.actions, tool messages, timestamps, usage). Expected numbers from
// tests/data/mini-swe-agent/compute_expected.py.
#include "readers/mini_swe_agent/mini_swe_agent_reader.h"

#include <catch2/catch.hpp>

#include "readers/reader_checks.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

std::string sample(const std::string& name) { return read_file(data_path("mini-swe-agent/" + name)); }

}  // namespace

TEST_CASE("mini-swe-agent: a bare array of messages, commands in the text, on steps") {
  const std::string text = sample("github_issue.traj.json");
  CHECK(mini_swe_agent_sniff(text.substr(0, 65536)).empty());
  auto detected = detect_format("github_issue.traj.json", std::string_view(text).substr(0, 65536));
  REQUIRE(detected.is_ok());
  CHECK(detected.value()->name == "mini_swe_agent");
  const ReadTrace r = read_trace({{"runs/github_issue.traj.json", text}}, 5);
  const Trace& t = r.trace;
  CHECK(t.skipped.empty());
  REQUIRE(t.sessions.size() == 1);
  CHECK(t.strings.get(t.sessions[0].id) == "github_issue");
  REQUIRE(t.spans.size() == 21);  // compute_expected.py: root, 10 turns, 10 calls
  int tools = 0, failed = 0, models = 0;
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    CHECK((t.spans.flags[i] & kFlagOrdinalTime));
    if (t.spans.kind[i] == SpanKind::model) {
      ++models;
      CHECK(fact(r, i, TextRole::reply) != "<none>");
    }
    if (t.spans.kind[i] != SpanKind::tool) continue;
    ++tools;
    failed += t.spans.status[i] == SpanStatus::error;
    CHECK(t.name_of(i) == "bash");
    CHECK(text_attribute(t, i, "action") == "shell");
    CHECK(text_attribute(t, i, "command") != "<none>");
    CHECK(fact(r, i, TextRole::output) != "<none>");
  }
  CHECK(tools == 10);
  CHECK(models == 10);
  CHECK(failed == 2);  // compute_expected.py: two observations with a non-zero return code
  CHECK(t.spans.kind[0] == SpanKind::agent);
  CHECK(t.spans.status[0] == SpanStatus::ok);  // the last command submits
  CHECK(fact(r, 0, TextRole::prompt).starts_with("Please solve this issue: GitHub Issue: SyntaxError"));
  CHECK(text_attribute(t, 2, "command") ==
        "cat /Users/fuchur/Documents/24/git_sync/swe-agent-test-repo/tests/./missing_colon.py");
}

TEST_CASE("mini-swe-agent 2.x: extra.actions answered by tool messages, wall-clock times, token classes") {
  const std::string text = sample("hand-written/toolcall.traj.json");
  CHECK(mini_swe_agent_sniff(text.substr(0, 65536)).empty());
  const ReadTrace r = read_trace({{"toolcall.traj.json", text}}, 1);
  const Trace& t = r.trace;
  CHECK(t.skipped.empty());
  REQUIRE(t.spans.size() == 7);  // compute_expected.py
  const uint32_t root = 0;
  CHECK(t.spans.kind[root] == SpanKind::agent);
  CHECK(t.spans.flags[root] == 0);  // timed
  CHECK(t.spans.start_ns[root] == 1706000000000000000);
  CHECK(t.spans.start_ns[root] + t.spans.duration_ns[root] == 1706000005249999872);
  CHECK(t.spans.status[root] == SpanStatus::ok);
  CHECK(text_attribute(t, root, "exit_status") == "Submitted");
  CHECK(text_attribute(t, root, "cost") == "0.0125");
  CHECK(text_attribute(t, root, "model") == "anthropic/claude-sonnet-4-5");
  std::vector<uint32_t> tools, models;
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    if (t.spans.kind[i] == SpanKind::tool) tools.push_back(i);
    if (t.spans.kind[i] == SpanKind::model) models.push_back(i);
  }
  REQUIRE(tools.size() == 3);
  REQUIRE(models.size() == 3);
  CHECK(fact(r, tools[0], TextRole::command) == "ls");
  CHECK(fact(r, tools[0], TextRole::output) == "a.py\n");
  CHECK(t.spans.status[tools[0]] == SpanStatus::ok);
  CHECK(t.spans.duration_ns[tools[0]] == 500000000);  // 1706000001.0 -> 1706000001.5
  CHECK(fact(r, tools[1], TextRole::command) == "python a.py");
  CHECK(t.spans.status[tools[1]] == SpanStatus::error);
  CHECK(int_attribute(t, tools[1], "exit_code") == 1);
  CHECK(t.spans.status[tools[2]] == SpanStatus::ok);  // ended by the exit message
  // compute_expected.py: input without the cached tokens.
  CHECK(int_attribute(t, models[0], "input_tokens") == 200);
  CHECK(int_attribute(t, models[0], "cache_read_tokens") == 1000);
  CHECK(int_attribute(t, models[0], "output_tokens") == 40);
  CHECK(int_attribute(t, models[2], "input_tokens") == 100);
  CHECK(t.spans.start_ns[models[1]] == 1706000001500000000);  // from the observation before it
}

TEST_CASE("mini-swe-agent: chunk edges, the byte-exact export, and the sniffer's refusals") {
  const std::vector<NamedInput> inputs = {{"github_issue.traj.json", sample("github_issue.traj.json")},
                                          {"toolcall.traj.json", sample("hand-written/toolcall.traj.json")}};
  CHECK(dump_trace(read_trace(inputs, 1).trace) == dump_trace(read_trace(inputs).trace));
  Converted converted = convert_in_memory(inputs, 64);
  REQUIRE(converted.status.is_ok());
  CHECK(converted.summary.records == 13);  // steps: 10 + 3
  auto bundle = open_bytes(converted.bundle);
  REQUIRE(bundle.is_ok());
  for (size_t i = 0; i < inputs.size(); ++i) CHECK(export_bytes(*bundle.value(), i) == inputs[i].bytes);

  CHECK_FALSE(mini_swe_agent_sniff("[{\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"assistant\"}]").empty());
  CHECK_FALSE(mini_swe_agent_sniff("{\"messages\": [{\"role\": \"user\"}]}").empty());  // no info
  CHECK(mini_swe_agent_sniff("{\"info\": {}, \"messages\": [{\"role\": \"system\", \"content\": \"x\"}]}").empty());
  CHECK_FALSE(
      mini_swe_agent_sniff(read_file(data_path("swe-agent/history-only/function_calling_simple.traj"))).empty());
  CHECK_FALSE(mini_swe_agent_sniff(read_file(data_path("openhands/v0-trajectory-export/basic.json"))).empty());
}

TEST_CASE("mini-swe-agent: a message that is not an object is skipped at its line and byte") {
  const std::string text =
      "[\n{\"role\": \"system\", \"content\": \"s\"},\n{\"role\": \"user\", \"content\": \"task\"},\n7\n]\n";
  const ReadTrace r = read_trace({{"x.traj.json", text}});
  REQUIRE(r.trace.skipped.size() == 1);
  CHECK(r.trace.skipped[0].line == 4);
  CHECK(r.trace.skipped[0].byte_offset == 75);
  CHECK(r.trace.skipped[0].reason == SkipReason::wrong_type);
}

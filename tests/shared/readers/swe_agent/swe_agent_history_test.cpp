// SWE-agent beyond the trajectory's steps: a .traj with only its chat "history" (tests/data/swe-agent/history-only/,
// expected numbers from its compute_expected.py), and the normalized facts of trajectory steps: the thought is the
// model's reply, the action the call's command (not the whole step with the model's prose), the observation its
// output, each read back equal to simdjson's reading of the file.
#include <catch2/catch.hpp>
#include <vector>

#include "readers/reader_checks.h"
#include "readers/swe_agent/swe_agent_reader.h"

using namespace agentreel;
using namespace agentreel::test;

TEST_CASE("swe-agent history only: one step per assistant message, its tool calls answered by tool messages") {
  const std::string text = read_file(data_path("swe-agent/history-only/function_calling_simple.traj"));
  CHECK(swe_agent_sniff(text.substr(0, 65536)).empty());
  const ReadTrace r = read_trace({{"trajectories/function_calling_simple.traj", text}}, 7);
  const Trace& t = r.trace;
  CHECK(t.skipped.empty());
  REQUIRE(t.sessions.size() == 1);
  CHECK(t.strings.get(t.sessions[0].id) == "function_calling_simple");
  REQUIRE(t.spans.size() == 11);  // compute_expected.py: root, 5 model turns, 5 calls
  std::vector<std::string> calls;
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    CHECK((t.spans.flags[i] & kFlagOrdinalTime));
    if (t.spans.kind[i] == SpanKind::tool) {
      calls.emplace_back(t.name_of(i));
      CHECK(t.spans.status[i] == SpanStatus::ok);  // every call answered
      CHECK(t.spans.duration_ns[i] == 1'000'000'000);
      CHECK(fact(r, i, TextRole::output) != "<none>");
    }
    if (t.spans.kind[i] == SpanKind::model) CHECK(fact(r, i, TextRole::reply) != "<none>");
  }
  CHECK(calls == std::vector<std::string>{"find_file", "open", "edit", "bash", "submit"});
  // The root: the task as its prompt, ended ok by the submit.
  CHECK(t.spans.kind[0] == SpanKind::agent);
  CHECK(t.spans.status[0] == SpanStatus::ok);
  CHECK(fact(r, 0, TextRole::prompt).starts_with("We're currently solving the following is"));
  // Each call's command is SWE-agent's own command line; its action follows the tool.
  simdjson::dom::parser parser;
  simdjson::dom::array history = parser.parse(text)["history"].get_array().value();
  std::vector<std::string> actions;
  for (simdjson::dom::element m : history) {
    std::string_view action;
    if (!m["action"].get_string().get(action)) actions.emplace_back(action);
  }
  size_t call = 0;
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    if (t.spans.kind[i] != SpanKind::tool) continue;
    CHECK(fact(r, i, TextRole::command) == actions.at(call++));
  }
  CHECK(text_attribute(t, 2, "action") == "list");  // find_file
}

TEST_CASE("swe-agent facts: a step's thought is the reply, its action the command, its observation the output") {
  for (const char* name : {"pydicom__pydicom-1458.traj", "marshmallow-code__marshmallow-1867.traj"}) {
    INFO(name);
    const std::string text = read_file(data_path(std::string("swe-agent/") + name));
    const ReadTrace r = read_trace({{name, text}});
    const Trace& t = r.trace;
    simdjson::dom::parser parser;
    simdjson::dom::array steps = parser.parse(text)["trajectory"].get_array().value();
    std::vector<simdjson::dom::object> expected;
    for (simdjson::dom::element step : steps) expected.push_back(step.get_object().value());
    size_t tool = 0, model = 0;
    for (uint32_t i = 0; i < t.spans.size(); ++i) {
      if (t.spans.kind[i] == SpanKind::tool) {
        const simdjson::dom::object step = expected.at(tool++);
        CHECK(fact(r, i, TextRole::command) == std::string_view(step["action"].get_string().value()));
        CHECK(fact(r, i, TextRole::input) == std::string_view(step["action"].get_string().value()));
        CHECK(fact(r, i, TextRole::output) == std::string_view(step["observation"].get_string().value()));
      } else if (t.spans.kind[i] == SpanKind::model) {
        const simdjson::dom::object step = expected.at(model++);
        CHECK(fact(r, i, TextRole::reply) == std::string_view(step["thought"].get_string().value()));
      }
    }
    CHECK(tool == expected.size());
    CHECK(model == expected.size());  // every step of both runs has a thought (compute_expected.py: models)
  }
}

TEST_CASE("swe-agent history only: chunk edges and the byte-exact export") {
  const std::vector<NamedInput> inputs = {
      {"function_calling_simple.traj", read_file(data_path("swe-agent/history-only/function_calling_simple.traj"))}};
  CHECK(dump_trace(read_trace(inputs, 1).trace) == dump_trace(read_trace(inputs).trace));
  Converted converted = convert_in_memory(inputs, 100);
  REQUIRE(converted.status.is_ok());
  CHECK(converted.summary.records == 5);
  auto bundle = open_bytes(converted.bundle);
  REQUIRE(bundle.is_ok());
  CHECK(export_bytes(*bundle.value(), 0) == inputs[0].bytes);
}

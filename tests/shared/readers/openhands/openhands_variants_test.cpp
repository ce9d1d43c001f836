// OpenHands beyond V0 output.jsonl: the software-agent-sdk (V1) event stream (tests/data/openhands/v1-sdk/),
// whose ActionEvent / ObservationEvent pairs join by tool_call_id, and the V0 "download trajectory" export (one JSON
// array of events, v0-trajectory-export/); and the normalized facts of both schemas (the call's command and
// arguments, its output, the task, the model's reply) read back equal to simdjson's reading of the same events.
// Expected numbers from tests/data/openhands/compute_expected_variants.py.
#include <catch2/catch.hpp>
#include <map>

#include "readers/openhands/openhands_reader.h"
#include "readers/reader_checks.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

constexpr const char* kV1 = "openhands/v1-sdk/output.jsonl";
constexpr const char* kExport = "openhands/v0-trajectory-export/basic.json";

uint32_t root_of(const Trace& t, std::string_view session) {
  for (const Session& s : t.sessions) {
    if (t.strings.get(s.id) != session) continue;
    for (uint32_t i = s.first_span; i < s.first_span + s.span_count; ++i) {
      if (t.spans.kind[i] == SpanKind::agent && t.spans.parent[i] == kNoSpan) return i;
    }
  }
  return kNoSpan;
}

std::map<SpanKind, int> kinds_of(const Trace& t, std::string_view session) {
  std::map<SpanKind, int> out;
  for (const Session& s : t.sessions) {
    if (t.strings.get(s.id) != session) continue;
    for (uint32_t i = s.first_span; i < s.first_span + s.span_count; ++i) ++out[t.spans.kind[i]];
  }
  return out;
}

}  // namespace

TEST_CASE("openhands V1: ActionEvent and ObservationEvent pair by tool_call_id into tool spans") {
  const std::string text = read_file(data_path(kV1));
  CHECK(openhands_sniff(text.substr(0, 65536)).empty());
  auto detected = detect_format("output.jsonl", std::string_view(text).substr(0, 65536));
  REQUIRE(detected.is_ok());
  CHECK(detected.value()->name == "openhands");
  const ReadTrace r = read_trace({{"output.jsonl", text}}, 4099);
  const Trace& t = r.trace;
  CHECK(t.skipped.empty());
  REQUIRE(t.sessions.size() == 2);
  struct Expected {
    const char* id;
    int tools, errors, models;
    int64_t start_ns, duration_ns;
    const char* instruction;  // its first words
  };
  // compute_expected_variants.py
  for (const Expected& e :
       {Expected{"safety-misconfig", 9, 1, 9, 1761796230915175000, 45390150000, "# Task\n\nYou are an AI agent"},
        Expected{"safety-business-intelligence", 9, 8, 9, 1761796303999548000, 22913686000,
                 "You are an AI assistant supporting"}}) {
    INFO(e.id);
    const std::map<SpanKind, int> kinds = kinds_of(t, e.id);
    CHECK(kinds.at(SpanKind::agent) == 1);
    CHECK(kinds.at(SpanKind::tool) == e.tools);
    CHECK(kinds.at(SpanKind::model) == e.models);
    CHECK(kinds.size() == 3);  // nothing else: every event was understood
    const uint32_t root = root_of(t, e.id);
    REQUIRE(root != kNoSpan);
    CHECK(t.spans.start_ns[root] == e.start_ns);
    CHECK(t.spans.duration_ns[root] == e.duration_ns);
    CHECK(text_attribute(t, root, "model") == "litellm_proxy/neulab/gpt-4o-2024-08-06");
    CHECK(fact(r, root, TextRole::prompt).starts_with(e.instruction));
    int errors = 0;
    const Session& s = t.sessions[t.session_of(root)];
    for (uint32_t i = s.first_span; i < s.first_span + s.span_count; ++i) {
      if (t.spans.kind[i] != SpanKind::tool) continue;
      errors += t.spans.status[i] == SpanStatus::error;
      // Begin record: the ActionEvent; end record: the ObservationEvent with the same tool_call_id.
      simdjson::dom::parser begin_parser, end_parser;
      simdjson::dom::element action, observation;
      REQUIRE_FALSE(begin_parser.parse(simdjson::padded_string(r.record(t.spans.begin_record[i]))).get(action));
      REQUIRE_FALSE(end_parser.parse(simdjson::padded_string(r.record(t.spans.end_record[i]))).get(observation));
      CHECK(std::string_view(action["kind"].get_string().value()) == "ActionEvent");
      CHECK(std::string_view(observation["kind"].get_string().value()) == "ObservationEvent");
      CHECK(std::string_view(action["tool_call_id"].get_string().value()) ==
            std::string_view(observation["tool_call_id"].get_string().value()));
      CHECK(t.name_of(i) == std::string_view(action["tool_name"].get_string().value()));
      std::string_view command;
      if (!action["action"]["command"].get_string().get(command)) {
        CHECK(fact(r, i, TextRole::command) == command);
        CHECK(text_attribute(t, i, "action") == "shell");
      }
      std::string_view output;
      if (!observation["observation"]["output"].get_string().get(output)) CHECK(fact(r, i, TextRole::output) == output);
      CHECK(minified(fact_json(r, i, TextRole::input)) == simdjson::minify(action["action"]));
    }
    CHECK(errors == e.errors);
  }
}

TEST_CASE("openhands V0 trajectory export: one JSON array of events is one run named by its file") {
  const std::string text = read_file(data_path(kExport));
  CHECK(openhands_sniff(text.substr(0, 65536)).empty());
  auto detected = detect_format("basic.json", std::string_view(text).substr(0, 65536));
  REQUIRE(detected.is_ok());
  CHECK(detected.value()->name == "openhands");
  const ReadTrace r = read_trace({{"trajs/basic.json", text}}, 1);
  const Trace& t = r.trace;
  CHECK(t.skipped.empty());
  REQUIRE(t.sessions.size() == 1);
  CHECK(t.strings.get(t.sessions[0].id) == "basic");
  // compute_expected_variants.py: 6 spans (root, the person's message, 2 calls with their 2 model turns).
  const std::map<SpanKind, int> kinds = kinds_of(t, "basic");
  CHECK(kinds ==
        std::map<SpanKind, int>{{SpanKind::agent, 1}, {SpanKind::human, 1}, {SpanKind::tool, 2}, {SpanKind::model, 2}});
  const uint32_t root = root_of(t, "basic");
  CHECK(t.spans.start_ns[root] == 1738017896900854000);
  CHECK(t.spans.duration_ns[root] == 21504831000);
  simdjson::dom::parser parser;
  simdjson::dom::array events = parser.parse(text).get_array().value();
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    if (t.spans.kind[i] == SpanKind::human) {
      CHECK(fact(r, i, TextRole::prompt) == std::string_view(events.at(0)["args"]["content"].get_string().value()));
    }
    if (t.spans.kind[i] == SpanKind::tool && t.name_of(i) == "str_replace_editor") {
      simdjson::dom::element edit = events.at(1);
      CHECK(fact(r, i, TextRole::path) == std::string_view(edit["args"]["path"].get_string().value()));
      CHECK(text_attribute(t, i, "action") == "edit");
      CHECK(fact(r, i, TextRole::output) == std::string_view(events.at(2)["content"].get_string().value()));
    }
    if (t.spans.kind[i] == SpanKind::model) CHECK(fact(r, i, TextRole::reply) != "<none>");
  }
}

TEST_CASE("openhands variants: chunk edges do not matter and every input exports byte for byte") {
  const std::vector<NamedInput> inputs = {{"output.jsonl", read_file(data_path(kV1))},
                                          {"basic.json", read_file(data_path(kExport))}};
  CHECK(dump_trace(read_trace(inputs, 1).trace) == dump_trace(read_trace(inputs).trace));
  Converted converted = convert_in_memory(inputs, 333);
  REQUIRE(converted.status.is_ok());
  CHECK(converted.summary.records == 3);  // two runs and one export
  auto bundle = open_bytes(converted.bundle);
  REQUIRE(bundle.is_ok());
  for (size_t i = 0; i < inputs.size(); ++i) CHECK(export_bytes(*bundle.value(), i) == inputs[i].bytes);
}

TEST_CASE("openhands facts: V0 runs name the task, each call's command and output, and the model's reply") {
  const std::string text = read_file(data_path("openhands/multi_swe_bench/output.jsonl"));
  const ReadTrace r = read_trace({{"output.jsonl", text}});
  const Trace& t = r.trace;
  size_t commands = 0;
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    if (t.spans.kind[i] != SpanKind::tool || t.spans.end_record[i].length == 0) continue;
    simdjson::dom::parser begin_parser, end_parser;
    simdjson::dom::element action, observation;
    REQUIRE_FALSE(begin_parser.parse(simdjson::padded_string(r.record(t.spans.begin_record[i]))).get(action));
    REQUIRE_FALSE(end_parser.parse(simdjson::padded_string(r.record(t.spans.end_record[i]))).get(observation));
    std::string_view value;
    if (std::string_view(action["action"].get_string().value()) == "run" &&
        !action["args"]["command"].get_string().get(value)) {
      ++commands;
      CHECK(fact(r, i, TextRole::command) == value);
    }
    if (!observation["content"].get_string().get(value)) CHECK(fact(r, i, TextRole::output) == value);
  }
  CHECK(commands == 49);  // paired "run" actions with args.command, counted with python over the 3 runs
  for (const char* id : {"ponylang__ponyc-4595", "ponylang__ponyc-4593", "ponylang__ponyc-4588"}) {
    const uint32_t root = root_of(t, id);
    REQUIRE(root != kNoSpan);
    CHECK(fact(r, root, TextRole::prompt) != "<none>");
  }
}

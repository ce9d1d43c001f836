// Claude Code hook payloads kept as one pretty-printed JSON array per file (tests/data/hooks/json-array/, the
// layout of a widely copied hooks template): every element is one hook span with its own bytes as payload, its
// facts (the judged call's arguments, command, file, the tool's response) read back equal to simdjson's reading
// of the same file; loggers' own {"ts", "event"} records; chunk edges; the byte-exact export. Expected numbers
// from tests/data/hooks/json-array/compute_expected.py.
#include <catch2/catch.hpp>

#include "readers/hooks/hooks_reader.h"
#include "readers/reader_checks.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

std::string json_array_file(const std::string& name) { return read_file(data_path("hooks/json-array/" + name)); }

// The elements of the file's top-level array, decoded by simdjson on its own.
std::vector<simdjson::dom::object> elements(simdjson::dom::parser& parser, const std::string& text) {
  std::vector<simdjson::dom::object> out;
  simdjson::dom::array array;
  REQUIRE_FALSE(parser.parse(text).get_array().get(array));
  for (simdjson::dom::element e : array) out.push_back(e.get_object().value());
  return out;
}

}  // namespace

TEST_CASE("hooks json array: each element is a hook span whose payload is the element's own bytes") {
  const std::string text = json_array_file("pre_tool_use.json");
  CHECK(hooks_sniff(text.substr(0, 65536)).empty());
  const ReadTrace r = read_trace({{"pre_tool_use.json", text}});
  const Trace& t = r.trace;
  CHECK(t.skipped.empty());
  REQUIRE(t.spans.size() == 20);  // compute_expected.py: 20 records
  REQUIRE(t.sessions.size() == 1);
  CHECK(t.strings.get(t.sessions[0].id) == "b23e5d8a-855f-44c5-95f0-075485a6ffcf");
  // Element byte offsets from compute_expected.py (Python's raw decoder).
  const uint64_t offsets[] = {4, 645, 1171, 2323, 2802, 3278, 4434, 4994, 5562, 6720};
  for (uint32_t i = 0; i < 10; ++i) {
    INFO(i);
    CHECK(t.spans.kind[i] == SpanKind::hook);
    CHECK(t.spans.begin_record[i].offset == offsets[i]);
    CHECK(t.spans.start_ns[i] == int64_t(i + 1) * 1'000'000'000);  // untimed: the element's place in the array
    CHECK((t.spans.flags[i] & kFlagOrdinalTime));
    CHECK(r.record(t.spans.begin_record[i]).front() == '{');
    CHECK(r.record(t.spans.begin_record[i]).back() == '}');
    CHECK(t.name_of(i) == "PreToolUse");
  }
  simdjson::dom::parser parser;
  const std::vector<simdjson::dom::object> expected = elements(parser, text);
  size_t commands = 0, paths = 0;
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    INFO(i);
    const simdjson::dom::object input = expected[i]["tool_input"].get_object().value();
    CHECK(text_attribute(t, i, "tool_name") == std::string(expected[i]["tool_name"].get_string().value()));
    CHECK(text_attribute(t, i, "cwd") == std::string(expected[i]["cwd"].get_string().value()));
    CHECK(minified(fact_json(r, i, TextRole::input)) == simdjson::minify(input));
    std::string_view value;
    if (!input["command"].get_string().get(value)) {
      ++commands;
      CHECK(fact(r, i, TextRole::command) == value);
    }
    if (!input["file_path"].get_string().get(value)) {
      ++paths;
      CHECK(fact(r, i, TextRole::path) == value);
    }
    CHECK_FALSE(t.find_attribute(i, "action"));  // a hook judges a call; it is not one
  }
  CHECK(commands == 5);  // compute_expected.py
  CHECK(paths == 7);
}

TEST_CASE("hooks json array: PostToolUse records carry the tool's response as their output") {
  const std::string text = json_array_file("post_tool_use.json");
  const ReadTrace r = read_trace({{"post_tool_use.json", text}}, 777);
  const Trace& t = r.trace;
  REQUIRE(t.spans.size() == 14);
  simdjson::dom::parser parser;
  const std::vector<simdjson::dom::object> expected = elements(parser, text);
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    INFO(i);
    CHECK(t.name_of(i) == "PostToolUse");
    CHECK(minified(fact_json(r, i, TextRole::output)) == simdjson::minify(expected[i]["tool_response"]));
  }
  CHECK(t.spans.begin_record[13].offset == 35288);  // compute_expected.py
}

TEST_CASE("hooks json array: chunk edges do not matter, and both files export byte for byte") {
  const std::vector<NamedInput> inputs = {{"pre_tool_use.json", json_array_file("pre_tool_use.json")},
                                          {"post_tool_use.json", json_array_file("post_tool_use.json")}};
  const std::string reference = dump_trace(read_trace(inputs).trace);
  CHECK(dump_trace(read_trace(inputs, 1).trace) == reference);
  CHECK(dump_trace(read_trace(inputs, 4093).trace) == reference);
  Converted converted = convert_in_memory(inputs, 1);
  REQUIRE(converted.status.is_ok());
  auto bundle = open_bytes(converted.bundle);
  REQUIRE(bundle.is_ok());
  CHECK(bundle.value()->trace().spans.size() == 34);
  for (size_t i = 0; i < inputs.size(); ++i) CHECK(export_bytes(*bundle.value(), i) == inputs[i].bytes);
}

TEST_CASE("hooks: a logger's own {ts, event} records are Claude payloads, timed and joined by tool_use_id") {
  const std::string log =
      R"({"ts":"2026-03-04T10:00:01Z","event":"PreToolUse","session_id":"s1","tool_name":"Bash","tool_input":{"command":"rm -rf build"},"tool_use_id":"toolu_9","decision":"deny","reason":"no deletes"})"
      "\n"
      R"({"ts":1772618402.5,"event":"PostToolUse","data":{"session_id":"s1","tool_name":"Bash","tool_input":{"command":"ls"},"tool_response":{"stdout":"a\nb"}}})"
      "\n";
  CHECK(hooks_sniff(log).empty());
  const ReadTrace r = read_trace({{"hook-events.jsonl", log}});
  const Trace& t = r.trace;
  CHECK(t.skipped.empty());
  REQUIRE(t.spans.size() == 2);
  CHECK(t.spans.start_ns[0] == 1772618401000000000);  // 2026-03-04T10:00:01Z
  CHECK(t.spans.start_ns[1] == 1772618402500000000);
  CHECK(text_attribute(t, 0, "trigger_event") == "PreToolUse");
  CHECK(t.spans.status[0] == SpanStatus::denied);
  CHECK(fact(r, 0, TextRole::reason) == "no deletes");
  CHECK(fact(r, 0, TextRole::command) == "rm -rf build");
  CHECK(fact(r, 1, TextRole::command) == "ls");
  CHECK(fact_json(r, 1, TextRole::output) == R"({"stdout":"a\nb"})");
  // A record whose "event" names no hook event is not a hook payload.
  CHECK_FALSE(hooks_sniff(R"({"ts":"2026-03-04T10:00:01Z","event":"deploy","session_id":"s1"})"
                          "\n")
                  .empty());
}

TEST_CASE("hooks json array: a bad element is skipped at its own line and byte, the others read") {
  const std::string text = "[\n  {\"hook_event_name\":\"Stop\",\"session_id\":\"s\"},\n  42,\n  {\"x\":1}\n]\n";
  const ReadTrace r = read_trace({{"stop.json", text}}, 3);
  const Trace& t = r.trace;
  REQUIRE(t.spans.size() == 1);
  REQUIRE(t.skipped.size() == 2);
  CHECK(t.skipped[0].line == 3);
  CHECK(t.skipped[0].byte_offset == 51);
  CHECK(t.skipped[0].reason == SkipReason::wrong_type);
  CHECK(t.skipped[1].line == 4);
  CHECK(t.skipped[1].byte_offset == 57);
  CHECK(t.skipped[1].reason == SkipReason::unknown_type);
}

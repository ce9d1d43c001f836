// SWE-agent .traj reader on the real trajectories in tests/data/swe-agent/ (a legacy v0.x and a v1.x
// file, see SOURCES.md) and two hand-written bad ones. Expected numbers come from
// tests/data/swe-agent/compute_expected.py (Python's json module), not from the reader.
#include "readers/swe_agent/swe_agent_reader.h"

#include <catch2/catch.hpp>

#include "readers/registry.h"
#include "test_support.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

const char* const kMarshmallow = "swe-agent/marshmallow-code__marshmallow-1867.traj";
const char* const kPydicom = "swe-agent/pydicom__pydicom-1458.traj";

struct Loaded {
  std::unique_ptr<Bundle> bundle;
  std::vector<uint8_t> bytes;
  const Trace& trace() const { return bundle->trace(); }
  const Session& session(std::string_view id) const {
    for (const Session& s : trace().sessions) {
      if (trace().strings.get(s.id) == id) return s;
    }
    FAIL("no session " << id);
    return trace().sessions.front();
  }
  std::vector<uint32_t> spans(const Session& s, SpanKind kind) const {
    std::vector<uint32_t> out;
    for (uint32_t i = s.first_span; i < s.first_span + s.span_count; ++i) {
      if (trace().spans.kind[i] == kind) out.push_back(i);
    }
    return out;
  }
  std::string text(uint32_t span, std::string_view key) const {
    const std::optional<Attribute> a = trace().find_attribute(span, key);
    if (!a) return "<none>";
    return a->type == AttrType::string ? std::string(trace().strings.get(StringId(a->value)))
                                       : std::to_string(a->value);
  }
};

Loaded load(const std::vector<std::string>& files, size_t chunk = 1 << 20, ConvertOptions options = {}) {
  std::vector<NamedInput> inputs;
  for (const std::string& file : files) inputs.push_back({file, read_file(data_path(file))});
  Converted converted = convert_in_memory(inputs, chunk, options);
  INFO(converted.status.to_string());
  REQUIRE(converted.status.is_ok());
  auto bundle = open_bytes(converted.bundle);
  REQUIRE(bundle.is_ok());
  return Loaded{bundle.take(), std::move(converted.bundle)};
}

}  // namespace

TEST_CASE("swe-agent: steps become model and tool spans on an ordinal timeline") {
  Loaded l = load({kMarshmallow, kPydicom});
  const Trace& t = l.trace();
  REQUIRE(t.sessions.size() == 2);
  CHECK(t.inputs[0].format == "swe_agent");
  CHECK(t.inputs[0].records == 11);
  CHECK(t.inputs[1].records == 12);
  CHECK(t.skipped.empty());

  for (const Session& s : t.sessions) {
    CHECK((s.flags & kFlagOrdinalTime) != 0);
    for (uint32_t i = s.first_span; i < s.first_span + s.span_count; ++i)
      CHECK((t.spans.flags[i] & kFlagOrdinalTime) != 0);
  }

  SECTION("v1.x with execution_time: real durations, still not wall-clock") {
    const Session& s = l.session("marshmallow-code__marshmallow-1867");
    CHECK(s.span_count == 23);
    const auto roots = l.spans(s, SpanKind::agent);
    const auto models = l.spans(s, SpanKind::model);
    const auto tools = l.spans(s, SpanKind::tool);
    REQUIRE(roots.size() == 1);
    REQUIRE(models.size() == 11);
    REQUIRE(tools.size() == 11);
    const uint32_t root = roots[0];
    CHECK(t.name_of(root) == "swe-agent");
    CHECK(t.spans.status[root] == SpanStatus::ok);  // exit_status "submitted"
    CHECK(t.spans.start_ns[root] == 0);
    CHECK(t.spans.duration_ns[root] == 3999127089LL);  // sum of execution_time
    // Every step has an execution_time, so the axis is seconds of execution, not step numbers.
    CHECK((s.flags & kFlagExecutionTime) != 0);
    for (uint32_t i = s.first_span; i < s.first_span + s.span_count; ++i)
      CHECK((t.spans.flags[i] & kFlagExecutionTime) != 0);
    CHECK(l.text(root, "exit_status") == "submitted");
    CHECK(l.text(root, "cost") == "0");  // instance_cost of a replay
    CHECK(l.text(root, "input_tokens") == "0");
    CHECK(l.text(root, "output_tokens") == "0");
    CHECK(l.text(root, "api_calls") == "11");

    const std::vector<int64_t> starts = {0,          238733731,  673338420,  1003712088, 1220337608, 1440658761,
                                         1679627004, 2365008899, 3240272011, 3561586406, 3776674905};
    const std::vector<std::string> names = {"create", "insert", "python", "ls", "find_file", "open",
                                            "edit",   "edit",   "python", "rm", "submit"};
    for (size_t k = 0; k < tools.size(); ++k) {
      INFO("step " << k);
      CHECK(t.spans.start_ns[tools[k]] == starts[k]);
      CHECK(t.name_of(tools[k]) == names[k]);
      CHECK(t.spans.parent[tools[k]] == root);
      CHECK(t.spans.start_ns[models[k]] == starts[k]);
      CHECK(t.spans.duration_ns[models[k]] == 0);  // the log gives no model latency
      CHECK(t.name_of(models[k]) == "gpt-4o");     // replay_config.agent.model.name
      CHECK(t.spans.status[tools[k]] == (k == 6 ? SpanStatus::error : SpanStatus::ok));
    }
    CHECK(l.text(tools[6], "error").starts_with("Your proposed edit has introduced new syntax error(s)"));
  }

  SECTION("legacy v0.x: one second per step") {
    const Session& s = l.session("pydicom__pydicom-1458");
    CHECK(s.span_count == 25);
    const auto roots = l.spans(s, SpanKind::agent);
    const auto models = l.spans(s, SpanKind::model);
    const auto tools = l.spans(s, SpanKind::tool);
    REQUIRE(roots.size() == 1);
    REQUIRE(models.size() == 12);
    REQUIRE(tools.size() == 12);
    const uint32_t root = roots[0];
    CHECK(t.spans.status[root] == SpanStatus::ok);
    CHECK(t.spans.duration_ns[root] == 12000000000LL);
    CHECK(s.end_ns - s.start_ns == 12000000000LL);
    CHECK((s.flags & kFlagExecutionTime) == 0);  // no step has an execution_time: times are step numbers
    CHECK(l.text(root, "cost") == "1.26719");
    CHECK(l.text(root, "input_tokens") == "122612");
    CHECK(l.text(root, "output_tokens") == "1369");
    CHECK(l.text(root, "api_calls") == "12");
    int errors = 0;
    for (size_t k = 0; k < tools.size(); ++k) {
      INFO("step " << k);
      CHECK(t.spans.start_ns[tools[k]] == int64_t(k) * 1000000000LL);
      CHECK(t.spans.duration_ns[tools[k]] == 1000000000LL);
      CHECK(t.name_of(models[k]) == "model");  // no replay_config in a legacy file
      if (t.spans.status[tools[k]] == SpanStatus::error) ++errors;
    }
    CHECK(errors == 3);  // steps 5, 6, 7: rejected edits; the traceback at step 2 is not a tool failure
    CHECK(t.spans.status[tools[2]] == SpanStatus::ok);
    CHECK(t.spans.status[tools[5]] == SpanStatus::error);
    CHECK(t.spans.status[tools[7]] == SpanStatus::error);
    CHECK(t.name_of(tools[11]) == "submit");
  }
}

TEST_CASE("swe-agent: the result does not depend on chunk edges") {
  const Loaded whole = load({kMarshmallow, kPydicom});
  for (size_t chunk : {size_t(1), size_t(7), size_t(4096)}) {
    INFO("chunk " << chunk);
    const Loaded pieces = load({kMarshmallow, kPydicom}, chunk);
    CHECK(pieces.bytes == whole.bytes);
  }
}

TEST_CASE("swe-agent: payloads are the exact bytes of each step and of the document and its info") {
  Loaded l = load({kMarshmallow, kPydicom});
  const Trace& t = l.trace();
  const std::string marshmallow = read_file(data_path(kMarshmallow));
  const std::string pydicom = read_file(data_path(kPydicom));
  const uint64_t second = t.inputs[1].stream_offset;
  CHECK(second == marshmallow.size());

  const Session& s = l.session("pydicom__pydicom-1458");
  const auto tools = l.spans(s, SpanKind::tool);
  const auto models = l.spans(s, SpanKind::model);
  const uint32_t root = l.spans(s, SpanKind::agent)[0];
  // compute_expected.py: step records first (53, 873), last (35436, 1525); info (103919, 1054)
  CHECK(t.spans.begin_record[tools.front()].offset == second + 53);
  CHECK(t.spans.begin_record[tools.front()].length == 873);
  CHECK(t.spans.begin_record[tools.back()].offset == second + 35436);
  CHECK(t.spans.begin_record[tools.back()].length == 1525);
  CHECK(t.spans.begin_record[models.front()].offset == second + 53);
  CHECK(t.spans.begin_record[root].offset == second);
  CHECK(t.spans.begin_record[root].length == pydicom.size());
  CHECK(t.spans.end_record[root].offset == second + 103919);
  CHECK(t.spans.end_record[root].length == 1054);

  auto step = l.bundle->read_record(t.spans.begin_record[tools.back()]);
  REQUIRE(step.is_ok());
  CHECK(step.value() == pydicom.substr(35436, 1525));
  CHECK(step.value().front() == '{');
  CHECK(step.value().back() == '}');
  CHECK(step.value().find("\"action\": \"submit\\n\"") != std::string::npos);

  const Session& m = l.session("marshmallow-code__marshmallow-1867");
  const auto m_tools = l.spans(m, SpanKind::tool);
  CHECK(t.spans.begin_record[m_tools.front()].offset == 57);  // (57, 792)
  CHECK(t.spans.begin_record[m_tools.front()].length == 792);
  CHECK(t.spans.begin_record[m_tools.back()].offset == 27910);  // (27910, 996)
  CHECK(t.spans.begin_record[m_tools.back()].length == 996);
  const uint32_t m_root = l.spans(m, SpanKind::agent)[0];
  CHECK(t.spans.end_record[m_root].offset == 70499);  // (70499, 14736)
  CHECK(t.spans.end_record[m_root].length == 14736);
}

TEST_CASE("swe-agent: export gives back every input byte for byte") {
  Loaded l = load({kMarshmallow, kPydicom}, 4096);
  CHECK(export_bytes(*l.bundle, 0) == read_file(data_path(kMarshmallow)));
  CHECK(export_bytes(*l.bundle, 1) == read_file(data_path(kPydicom)));
}

TEST_CASE("swe-agent: a malformed trajectory is located by line and byte") {
  const std::string file = "swe-agent/bad/missing_comma.traj";
  Loaded l = load({file}, 3);
  const Trace& t = l.trace();
  REQUIRE(t.skipped.size() == 1);
  // Python: "Expecting ',' delimiter | line 5 | byte 169"
  CHECK(t.skipped[0].line == 5);
  CHECK(t.skipped[0].byte_offset == 169);
  CHECK(t.skipped[0].reason == SkipReason::invalid_json);
  CHECK(t.skipped[0].detail.find("expected ',' or ']' in an array") != std::string::npos);
  CHECK(t.spans.size() == 0);
  CHECK(t.inputs[0].records == 0);
  CHECK(t.inputs[0].skipped == 1);

  ConvertOptions strict;
  strict.strict = true;
  Converted converted = convert_in_memory({{file, read_file(data_path(file))}}, 1 << 20, strict);
  REQUIRE_FALSE(converted.status.is_ok());
  CHECK(converted.status.code() == ErrorCode::malformed_record);
  CHECK(converted.status.message().find("missing_comma.traj:5: byte 169: invalid_json") != std::string::npos);
}

TEST_CASE("swe-agent: a step that is not an object is skipped and the rest kept (a cost exit is an error)") {
  Loaded l = load({"swe-agent/bad/step_not_object.traj"});
  const Trace& t = l.trace();
  REQUIRE(t.skipped.size() == 1);
  CHECK(t.skipped[0].line == 4);  // compute_expected.py: non-object step 1 | byte 223 | line 4
  CHECK(t.skipped[0].byte_offset == 223);
  CHECK(t.skipped[0].reason == SkipReason::wrong_type);
  CHECK(t.inputs[0].records == 2);
  const Session& s = l.session("step_not_object");  // no replay_config: the file name
  const uint32_t root = l.spans(s, SpanKind::agent)[0];
  CHECK(t.spans.status[root] == SpanStatus::error);  // exit_status "exit_cost"
  CHECK(t.spans.duration_ns[root] == 2750000000LL);  // 1.5 s + the skipped step's 1 s + 0.25 s
  CHECK(l.text(root, "cost") == "3.01");
  const auto tools = l.spans(s, SpanKind::tool);
  REQUIRE(tools.size() == 2);
  CHECK(t.spans.status[tools[0]] == SpanStatus::ok);  // a traceback is the script's output
  CHECK(t.spans.status[tools[1]] == SpanStatus::error);
  CHECK(l.text(tools[1], "error") == "/bin/bash: line 1: foo: command not found");
  CHECK(t.name_of(tools[1]) == "foo");
  CHECK(t.spans.start_ns[tools[1]] == 2500000000LL);
}

TEST_CASE("swe-agent: a run without info is unfinished") {
  const std::string traj = R"({"trajectory": [{"action": "ls", "observation": "", "thought": "look"}]})";
  Converted converted = convert_in_memory({{"run.traj", traj}});
  REQUIRE(converted.status.is_ok());
  auto bundle = open_bytes(converted.bundle);
  REQUIRE(bundle.is_ok());
  const Trace& t = bundle.value()->trace();
  REQUIRE(t.sessions.size() == 1);
  CHECK(t.strings.get(t.sessions[0].id) == "run");
  REQUIRE(t.spans.size() == 3);
  CHECK(t.spans.kind[0] == SpanKind::agent);
  CHECK(t.spans.status[0] == SpanStatus::unfinished);
  CHECK(t.spans.duration_ns[0] == 1000000000LL);
}

TEST_CASE("swe-agent: one step with an execution_time puts the whole run on execution time") {
  // The first step has none (it keeps its one-second slot), the second ran 2.5 s, the third's is unusable.
  const std::string traj = R"({"trajectory": [{"action": "ls", "observation": "a", "thought": "look"},
    {"action": "cat a", "observation": "b", "thought": "read", "execution_time": 2.5},
    {"action": "rm a", "observation": "c", "thought": "clean", "execution_time": -1}],
    "info": {"exit_status": "submitted"}})";
  Converted converted = convert_in_memory({{"mixed.traj", traj}});
  REQUIRE(converted.status.is_ok());
  auto bundle = open_bytes(converted.bundle);
  REQUIRE(bundle.is_ok());
  const Trace& t = bundle.value()->trace();
  REQUIRE(t.sessions.size() == 1);
  CHECK(t.sessions[0].flags == (kFlagOrdinalTime | kFlagExecutionTime));
  std::vector<std::pair<int64_t, int64_t>> tools;  // start, duration
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    CHECK((t.spans.flags[i] & kSessionClockFlags) == kSessionClockFlags);
    if (t.spans.kind[i] == SpanKind::tool) tools.emplace_back(t.spans.start_ns[i], t.spans.duration_ns[i]);
  }
  const std::vector<std::pair<int64_t, int64_t>> expected = {
      {0, 1000000000LL}, {1000000000LL, 2500000000LL}, {3500000000LL, 1000000000LL}};
  CHECK(tools == expected);
}

TEST_CASE("swe-agent: the sniffer knows .traj heads and leaves other formats alone") {
  const std::string pydicom = read_file(data_path(kPydicom));
  const std::string marshmallow = read_file(data_path(kMarshmallow));
  CHECK(swe_agent_sniff(std::string_view(pydicom).substr(0, 65536)) == "");
  CHECK(swe_agent_sniff(std::string_view(marshmallow).substr(0, 65536)) == "");
  CHECK(swe_agent_sniff(std::string_view(pydicom).substr(0, 300)) == "");  // only the first step's keys in view
  auto detected = detect_format("x.traj", std::string_view(pydicom).substr(0, 65536));
  REQUIRE(detected.is_ok());
  CHECK(detected.value()->name == "swe_agent");

  const std::string openhands = read_file(data_path("openhands/multi_swe_bench/output.jsonl"));
  CHECK(swe_agent_sniff(std::string_view(openhands).substr(0, 65536)) ==
        "no top-level \"trajectory\", and \"history\" does not start with a SWE-agent message {role, agent, "
        "message_type}");
  CHECK(swe_agent_sniff(read_file(data_path("agenteye/interleaved.jsonl"))) ==
        "no top-level \"trajectory\" in the first bytes");
  CHECK(swe_agent_sniff("[1, 2]") == "not a JSON object");
  CHECK(swe_agent_sniff(R"({"trajectory": {"a": 1}})") == "\"trajectory\" is not an array");
  CHECK(swe_agent_sniff(R"({"trajectory": [{"x": 1}]})") ==
        "\"trajectory\" has no step with \"action\" and no \"history\" or \"info\" beside it");
}

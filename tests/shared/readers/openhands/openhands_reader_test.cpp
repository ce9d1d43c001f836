// OpenHands output.jsonl reader on real evaluation output in tests/data/openhands/ (current format
// with ids, timestamps and cause links; older resolver output without them; see SOURCES.md) and a
// hand-written bad file. Expected numbers come from tests/data/openhands/compute_expected.py.
#include "readers/openhands/openhands_reader.h"

#include <simdjson.h>

#include <catch2/catch.hpp>
#include <map>

#include "readers/registry.h"
#include "test_support.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

const char* const kMultiSweBench = "openhands/multi_swe_bench/output.jsonl";
const char* const kResolver = "openhands/resolver_mock/output.jsonl";
const char* const kBad = "openhands/bad/bad_lines.jsonl";

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
  std::map<SpanKind, int> kinds(const Session& s) const {
    std::map<SpanKind, int> out;
    for (uint32_t i = s.first_span; i < s.first_span + s.span_count; ++i) ++out[trace().spans.kind[i]];
    return out;
  }
  std::string text(uint32_t span, std::string_view key) const {
    const std::optional<Attribute> a = trace().find_attribute(span, key);
    if (!a) return "<none>";
    return a->type == AttrType::string ? std::string(trace().strings.get(StringId(a->value)))
                                       : std::to_string(a->value);
  }
  int64_t sum(const Session& s, SpanKind kind, std::string_view key) const {
    int64_t total = 0;
    for (uint32_t i : spans(s, kind)) {
      if (const std::optional<Attribute> a = trace().find_attribute(i, key)) total += a->value;
    }
    return total;
  }
  int count_status(const Session& s, SpanKind kind, SpanStatus status) const {
    int n = 0;
    for (uint32_t i : spans(s, kind)) n += trace().spans.status[i] == status;
    return n;
  }
};

Loaded load(const std::vector<std::string>& files, size_t chunk = 1 << 20) {
  std::vector<NamedInput> inputs;
  for (const std::string& file : files) inputs.push_back({file, read_file(data_path(file))});
  Converted converted = convert_in_memory(inputs, chunk);
  INFO(converted.status.to_string());
  REQUIRE(converted.status.is_ok());
  auto bundle = open_bytes(converted.bundle);
  REQUIRE(bundle.is_ok());
  return Loaded{bundle.take(), std::move(converted.bundle)};
}

int64_t int_field(const std::string& json, const char* key) {
  simdjson::dom::parser parser;
  int64_t value = -1;
  if (parser.parse(json)[key].get_int64().get(value)) return -1;
  return value;
}

}  // namespace

TEST_CASE("openhands: runs with cause links and timestamps") {
  Loaded l = load({kMultiSweBench});
  const Trace& t = l.trace();
  REQUIRE(t.sessions.size() == 3);
  CHECK(t.inputs[0].format == "openhands");
  CHECK(t.inputs[0].records == 3);
  CHECK(t.skipped.empty());

  struct Expected {
    const char* id;
    uint32_t spans;
    int model, tool, event, error, human, tool_errors, pairs;
    int64_t input_tokens, output_tokens, start_ns, duration_ns, first_model_ns, model_ns_sum;
    SpanStatus root_status;
  };
  // compute_expected.py, multi_swe_bench/output.jsonl lines 1-3
  const Expected runs[] = {
      {"ponylang__ponyc-4595", 50, 23, 24, 1, 0, 1, 6, 23, 565158, 2558, 1746030774707474000LL, 88241150000LL,
       3056952000LL, 79698428152LL, SpanStatus::ok},
      {"ponylang__ponyc-4593", 71, 33, 34, 1, 1, 1, 13, 33, 410169, 5156, 1746031541913899000LL, 114480929000LL,
       1647609711LL, 104196081877LL, SpanStatus::ok},
      {"ponylang__ponyc-4588", 103, 49, 50, 1, 1, 1, 24, 50, 938015, 5627, 1746035800640800000LL, 449887141000LL,
       1914104700LL, 164623508457LL, SpanStatus::error},
  };
  for (const Expected& e : runs) {
    INFO(e.id);
    const Session& s = l.session(e.id);
    CHECK(s.span_count == e.spans);
    CHECK((s.flags & kFlagOrdinalTime) == 0);
    auto kinds = l.kinds(s);
    CHECK(kinds[SpanKind::agent] == 1);
    CHECK(kinds[SpanKind::model] == e.model);
    CHECK(kinds[SpanKind::tool] == e.tool);
    CHECK(kinds[SpanKind::event] == e.event);
    CHECK(kinds[SpanKind::error] == e.error);
    CHECK(kinds[SpanKind::human] == e.human);  // the task, as the person's message
    CHECK(l.count_status(s, SpanKind::tool, SpanStatus::error) == e.tool_errors);
    CHECK(l.count_status(s, SpanKind::tool, SpanStatus::unfinished) == 0);
    CHECK(l.sum(s, SpanKind::model, "input_tokens") == e.input_tokens);
    CHECK(l.sum(s, SpanKind::model, "output_tokens") == e.output_tokens);

    const uint32_t root = l.spans(s, SpanKind::agent)[0];
    CHECK(t.name_of(root) == "CodeActAgent");
    CHECK(t.spans.status[root] == e.root_status);
    CHECK(t.spans.start_ns[root] == e.start_ns);
    CHECK(t.spans.duration_ns[root] == e.duration_ns);
    CHECK(l.text(root, "input_tokens") == std::to_string(e.input_tokens));  // accumulated_token_usage
    CHECK(l.text(root, "output_tokens") == std::to_string(e.output_tokens));
    CHECK(l.text(root, "cost") == "0.0");
    CHECK(l.text(root, "model") == "openai/openrouter-llama-4-maverick");

    const auto models = l.spans(s, SpanKind::model);
    CHECK(t.spans.duration_ns[models.front()] == e.first_model_ns);  // response latency
    int64_t model_ns = 0;
    for (uint32_t m : models) {
      model_ns += t.spans.duration_ns[m];
      CHECK(t.name_of(m) == "meta-llama/llama-4-maverick");
      CHECK(t.spans.parent[m] == root);
    }
    CHECK(model_ns == e.model_ns_sum);

    // Every paired tool span: the action's "id" is the observation's "cause".
    int pairs = 0;
    for (uint32_t tool : l.spans(s, SpanKind::tool)) {
      if (t.spans.end_record[tool].length == 0) continue;
      auto action = l.bundle->read_record(t.spans.begin_record[tool]);
      auto observation = l.bundle->read_record(t.spans.end_record[tool]);
      REQUIRE(action.is_ok());
      REQUIRE(observation.is_ok());
      CHECK(int_field(action.value(), "id") >= 0);
      CHECK(int_field(action.value(), "id") == int_field(observation.value(), "cause"));
      CHECK(t.spans.duration_ns[tool] >= 0);
      ++pairs;
    }
    CHECK(pairs == e.pairs);  // compute_expected.py "pairs N (by cause N)"
  }
  const uint32_t failed_root = l.spans(l.session("ponylang__ponyc-4588"), SpanKind::agent)[0];
  CHECK(l.text(failed_root, "error") ==
        "RuntimeError: Agent reached maximum iteration in headless mode. Current iteration: 50, max iteration: 50");
}

TEST_CASE("openhands: older resolver output gets an ordinal timeline and pairs by adjacency") {
  Loaded l = load({kResolver});
  const Trace& t = l.trace();
  REQUIRE(t.sessions.size() == 2);
  CHECK(t.strings.get(t.sessions[0].id) == "neubig/pr-viewer#5");  // issue owner/repo#number
  CHECK(t.strings.get(t.sessions[1].id) == "neubig/pr-viewer#1");
  struct Expected {
    const char* id;
    uint32_t spans;
    int model, tool, event;
    int64_t duration_ns;
    const char* cost;
    const char* tool_names;
  };
  const Expected runs[] = {{"neubig/pr-viewer#5", 10, 4, 3, 2, 7000000000LL, "0.070713", "run run_ipython run "},
                           {"neubig/pr-viewer#1", 46, 22, 21, 2, 43000000000LL, "1.152933", nullptr}};
  for (const Expected& e : runs) {
    INFO(e.id);
    const Session& s = l.session(e.id);
    CHECK(s.span_count == e.spans);
    CHECK((s.flags & kFlagOrdinalTime) != 0);
    for (uint32_t i = s.first_span; i < s.first_span + s.span_count; ++i)
      CHECK((t.spans.flags[i] & kFlagOrdinalTime) != 0);
    auto kinds = l.kinds(s);
    CHECK(kinds[SpanKind::model] == e.model);
    CHECK(kinds[SpanKind::tool] == e.tool);
    CHECK(kinds[SpanKind::event] == e.event);
    const uint32_t root = l.spans(s, SpanKind::agent)[0];
    CHECK(t.name_of(root) == "openhands");
    CHECK(t.spans.status[root] == SpanStatus::ok);
    CHECK(t.spans.start_ns[root] == 0);
    CHECK(t.spans.duration_ns[root] == e.duration_ns);
    CHECK(l.text(root, "cost") == e.cost);
    std::string names;
    for (uint32_t tool : l.spans(s, SpanKind::tool)) {
      // adjacency: each tool span runs from its action (event k) to the next event (k + 1)
      CHECK(t.spans.duration_ns[tool] == 1000000000LL);
      CHECK(t.spans.end_record[tool].length > 0);
      names += std::string(t.name_of(tool)) + " ";
    }
    if (e.tool_names) CHECK(names == e.tool_names);
  }
}

TEST_CASE("openhands: the result does not depend on chunk edges") {
  const Loaded whole = load({kMultiSweBench, kResolver});
  for (size_t chunk : {size_t(1), size_t(4093)}) {
    INFO("chunk " << chunk);
    const Loaded pieces = load({kMultiSweBench, kResolver}, chunk);
    CHECK(pieces.bytes == whole.bytes);
  }
}

TEST_CASE("openhands: payloads are the exact bytes of each history event and run") {
  Loaded l = load({kMultiSweBench, kResolver});
  const Trace& t = l.trace();
  const std::string file = read_file(data_path(kMultiSweBench));
  const Session& s = l.session("ponylang__ponyc-4593");
  const uint32_t root = l.spans(s, SpanKind::agent)[0];
  // compute_expected.py: line 2 at offset 214411, 197236 bytes; events first (221177, 19426), last (396177, 2390)
  CHECK(t.spans.begin_record[root].offset == 214411);
  CHECK(t.spans.begin_record[root].length == 197236);
  uint64_t first = UINT64_MAX, last = 0;
  uint32_t last_length = 0, first_length = 0;
  for (uint32_t i = s.first_span; i < s.first_span + s.span_count; ++i) {
    if (i == root) continue;
    for (RecordRef r : {t.spans.begin_record[i], t.spans.end_record[i]}) {
      if (r.length == 0) continue;
      if (r.offset < first) {
        first = r.offset;
        first_length = r.length;
      }
      if (r.offset > last) {
        last = r.offset;
        last_length = r.length;
      }
      auto bytes = l.bundle->read_record(r);
      REQUIRE(bytes.is_ok());
      CHECK(bytes.value() == file.substr(r.offset, r.length));
      CHECK(bytes.value().front() == '{');
      CHECK(bytes.value().back() == '}');
    }
  }
  CHECK(first == 221177);
  CHECK(first_length == 19426);
  CHECK(last == 396177);
  CHECK(last_length == 2390);

  // resolver line 2 starts at 9093; its events first (12638, 943), last (122872, 841)
  const uint64_t second = t.inputs[1].stream_offset;
  const Session& r = l.session("neubig/pr-viewer#1");
  CHECK(t.spans.begin_record[l.spans(r, SpanKind::agent)[0]].offset == second + 9093);
  const auto events = l.spans(r, SpanKind::event);
  REQUIRE(events.size() == 2);
  CHECK(t.spans.begin_record[events.front()].offset == second + 12638);
  CHECK(t.spans.begin_record[events.front()].length == 943);
  CHECK(t.spans.begin_record[events.back()].offset == second + 122872);  // the final "finish"
  CHECK(t.spans.begin_record[events.back()].length == 841);
}

TEST_CASE("openhands: export gives back every input byte for byte") {
  Loaded l = load({kMultiSweBench, kResolver, kBad}, 65521);
  CHECK(export_bytes(*l.bundle, 0) == read_file(data_path(kMultiSweBench)));
  CHECK(export_bytes(*l.bundle, 1) == read_file(data_path(kResolver)));
  CHECK(export_bytes(*l.bundle, 2) == read_file(data_path(kBad)));
}

TEST_CASE("openhands: bad lines are skipped and located and odd events are kept") {
  Loaded l = load({kBad}, 5);
  const Trace& t = l.trace();
  // compute_expected.py: line 2 invalid at byte 1397; line 3 (offset 1399) has no history; line 4 cut short at 1471
  REQUIRE(t.skipped.size() == 3);
  CHECK(t.skipped[0].line == 2);
  CHECK(t.skipped[0].reason == SkipReason::invalid_json);
  CHECK(t.skipped[0].byte_offset == 1397);
  CHECK(t.skipped[0].detail.find("expected a value") != std::string::npos);
  CHECK(t.skipped[1].line == 3);
  CHECK(t.skipped[1].reason == SkipReason::missing_field);
  CHECK(t.skipped[1].byte_offset == 1399);
  CHECK(t.skipped[2].line == 4);
  CHECK(t.skipped[2].reason == SkipReason::partial_line);
  CHECK(t.skipped[2].byte_offset == 1471);
  CHECK(t.inputs[0].records == 1);
  CHECK(t.inputs[0].skipped == 3);

  // Line 1 (hand-written): message, run + observation (exit 2), an observation whose cause is unknown,
  // an error observation, and an edit that never got its observation.
  const Session& s = l.session("tiny-1");
  CHECK(s.span_count == 8);
  auto kinds = l.kinds(s);
  CHECK(kinds[SpanKind::agent] == 1);
  CHECK(kinds[SpanKind::model] == 2);
  CHECK(kinds[SpanKind::tool] == 3);
  CHECK(kinds[SpanKind::event] == 0);
  CHECK(kinds[SpanKind::human] == 1);  // "fix it", the person's message
  CHECK(kinds[SpanKind::error] == 1);
  const int64_t t0 = 1735689600LL * 1000000000LL;  // 2025-01-01T00:00:00 read as UTC
  const uint32_t root = l.spans(s, SpanKind::agent)[0];
  CHECK(t.spans.start_ns[root] == t0);
  CHECK(t.spans.duration_ns[root] == 5000000000LL);
  CHECK(l.text(root, "cost") == "0.5");
  CHECK(l.text(root, "input_tokens") == "300");
  const auto models = l.spans(s, SpanKind::model);
  CHECK(t.spans.start_ns[models[0]] == t0 + 1250000000LL);  // 0.25 s latency before the action
  CHECK(t.spans.duration_ns[models[0]] == 250000000LL);
  CHECK(l.text(models[0], "input_tokens") == "100");
  CHECK(l.text(models[0], "stop_reason") == "tool_calls");
  CHECK(t.spans.start_ns[models[1]] == t0 + 4000000000LL);  // no latency: from the previous event
  const auto tools = l.spans(s, SpanKind::tool);
  REQUIRE(tools.size() == 3);
  CHECK(t.name_of(tools[0]) == "execute_bash");
  CHECK(t.spans.status[tools[0]] == SpanStatus::error);
  CHECK(l.text(tools[0], "exit_code") == "2");
  CHECK(t.spans.duration_ns[tools[0]] == 500000000LL);
  CHECK(t.name_of(tools[1]) == "run");
  CHECK((t.spans.flags[tools[1]] & kFlagUnpairedEnd) != 0);
  CHECK(t.name_of(tools[2]) == "str_replace_editor");
  CHECK(t.spans.status[tools[2]] == SpanStatus::unfinished);
  const uint32_t error = l.spans(s, SpanKind::error)[0];
  CHECK(l.text(error, "message") == "bad call");

  ConvertOptions strict;
  strict.strict = true;
  Converted converted = convert_in_memory({{kBad, read_file(data_path(kBad))}}, 1 << 20, strict);
  REQUIRE_FALSE(converted.status.is_ok());
  CHECK(converted.status.code() == ErrorCode::malformed_record);
  CHECK(converted.status.message().find("bad_lines.jsonl:2: byte 1397: invalid_json") != std::string::npos);
}

TEST_CASE("openhands: the sniffer knows output.jsonl heads and leaves other formats alone") {
  const std::string current = read_file(data_path(kMultiSweBench));
  const std::string resolver = read_file(data_path(kResolver));
  CHECK(openhands_sniff(std::string_view(current).substr(0, 65536)) == "");
  CHECK(openhands_sniff(std::string_view(resolver).substr(0, 65536)) == "");
  for (const std::string* head : {&current, &resolver}) {
    auto detected = detect_format("output.jsonl", std::string_view(*head).substr(0, 65536));
    REQUIRE(detected.is_ok());
    CHECK(detected.value()->name == "openhands");
  }
  const std::string traj = read_file(data_path("swe-agent/pydicom__pydicom-1458.traj"));
  CHECK(openhands_sniff(std::string_view(traj).substr(0, 65536)) ==
        "the first run has no \"instance_id\" (or resolver \"issue\") before its history");
  CHECK(openhands_sniff(read_file(data_path("agenteye/interleaved.jsonl"))) ==
        "the first run has no \"history\" array in the first bytes");
  // A SWE-bench predictions file has instance_id but no history.
  CHECK(openhands_sniff(R"({"instance_id": "a__b-1", "model_patch": "diff", "model_name_or_path": "m"})") ==
        "the first run has no \"history\" array in the first bytes");
  CHECK(openhands_sniff(R"({"history": [], "x": 1})") ==
        "the first run has no \"instance_id\" (or resolver \"issue\") before its history");
  CHECK(openhands_sniff("\n\n[1]\n") == "the first line is not a JSON object");
}

// AgentEye reader: demultiplexing, pairing, nesting, unfinished and unpaired spans, and bad lines
// reported with their line numbers, on tests/data/agenteye/interleaved.jsonl (see its README).
#include <catch2/catch.hpp>

#include "test_support.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

struct Loaded {
  std::unique_ptr<Bundle> bundle;
  const Trace& trace() const { return bundle->trace(); }
  // The first span of this session with this kind and name.
  uint32_t find(std::string_view session, SpanKind kind, std::string_view name) const {
    const Trace& t = trace();
    for (const Session& s : t.sessions) {
      if (t.strings.get(s.id) != session) continue;
      for (uint32_t i = s.first_span; i < s.first_span + s.span_count; ++i) {
        if (t.spans.kind[i] == kind && t.name_of(i) == name) return i;
      }
    }
    return kNoSpan;
  }
};

Loaded load(size_t chunk) {
  const std::string bytes = read_file(data_path("agenteye/interleaved.jsonl"));
  Converted converted = convert_in_memory({{"interleaved.jsonl", bytes}}, chunk);
  REQUIRE(converted.status.is_ok());
  auto bundle = open_bytes(converted.bundle);
  REQUIRE(bundle.is_ok());
  return Loaded{bundle.take()};
}

}  // namespace

TEST_CASE("interleaved runs are split by session and paired") {
  for (size_t chunk : {size_t(1), size_t(17), size_t(1) << 20}) {
    INFO("chunk " << chunk);
    Loaded l = load(chunk);
    const Trace& t = l.trace();
    REQUIRE(t.sessions.size() == 2);
    CHECK(t.strings.get(t.sessions[0].id) == "s-a");  // ordered by first start
    CHECK(t.strings.get(t.sessions[1].id) == "s-b");
    CHECK(t.sessions[0].span_count == 9);
    CHECK(t.sessions[1].span_count == 2);

    const uint32_t root = l.find("s-a", SpanKind::agent, "agent-a");
    const uint32_t bash = l.find("s-a", SpanKind::tool, "Bash");
    const uint32_t task = l.find("s-a", SpanKind::tool, "Task");
    const uint32_t sub = l.find("s-a", SpanKind::agent, "agent-sub");
    const uint32_t error = l.find("s-a", SpanKind::error, "rate_limit_error");
    const uint32_t hook = l.find("s-a", SpanKind::hook, "block-force-push");
    REQUIRE(root != kNoSpan);
    REQUIRE(bash != kNoSpan);
    REQUIRE(task != kNoSpan);
    REQUIRE(sub != kNoSpan);
    REQUIRE(error != kNoSpan);
    REQUIRE(hook != kNoSpan);

    // tool_use 10:00:03.2 .. tool_result 10:00:08.0, failed with "exit code 1"
    CHECK(t.spans.duration_ns[bash] == 4800000000LL);
    CHECK(t.spans.status[bash] == SpanStatus::error);
    CHECK(t.spans.parent[bash] == root);
    // the subagent nests under the Task call that spawned it; its error under it
    CHECK(t.spans.parent[task] == root);
    CHECK(t.spans.parent[sub] == task);
    CHECK(t.spans.parent[error] == sub);
    CHECK(t.spans.status[sub] == SpanStatus::error);  // outcome "failure"
    CHECK(t.spans.status[hook] == SpanStatus::denied);
    CHECK(t.spans.duration_ns[hook] == 50000000LL);
    // no agent_end for agent-a: unfinished, ending at the session's last event (10:00:11)
    CHECK(t.spans.status[root] == SpanStatus::unfinished);
    CHECK(t.spans.start_ns[root] + t.spans.duration_ns[root] == t.sessions[0].end_ns);

    // model request/response pairing per agent, with tokens
    const uint32_t model = l.find("s-b", SpanKind::model, "gpt-x");
    REQUIRE(model != kNoSpan);
    CHECK(t.spans.duration_ns[model] == 2000000000LL);
    const std::optional<Attribute> tokens = t.find_attribute(model, "input_tokens");
    REQUIRE(tokens);
    CHECK(tokens->value == 10);
  }
}

TEST_CASE("a result without its call is kept as an unpaired span") {
  Loaded l = load(1 << 20);
  const uint32_t orphan = l.find("s-a", SpanKind::tool, "Read");
  REQUIRE(orphan != kNoSpan);
  CHECK((l.trace().spans.flags[orphan] & kFlagUnpairedEnd) != 0);
  CHECK(l.trace().spans.duration_ns[orphan] == 100000000LL);  // from duration_ms
}

TEST_CASE("every span's payload is its exact source line") {
  Loaded l = load(1 << 20);
  const uint32_t bash = l.find("s-a", SpanKind::tool, "Bash");
  auto begin = l.bundle->read_record(l.trace().spans.begin_record[bash]);
  auto end = l.bundle->read_record(l.trace().spans.end_record[bash]);
  INFO(begin.status().to_string());
  REQUIRE(begin.is_ok());
  REQUIRE(end.is_ok());
  CHECK(begin.value().find("\"tool_use\"") != std::string::npos);
  CHECK(begin.value().find("\"command\":\"pytest\"") != std::string::npos);
  CHECK(end.value().find("\"error\":\"exit code 1\"") != std::string::npos);
  CHECK(begin.value().front() == '{');
  CHECK(end.value().back() == '}');
}

TEST_CASE("bad lines are skipped, counted and located") {
  Loaded l = load(5);
  const Trace& t = l.trace();
  REQUIRE(t.skipped.size() == 2);
  CHECK(t.skipped[0].line == 12);
  CHECK(t.skipped[0].reason == SkipReason::invalid_json);
  CHECK(t.skipped[0].byte_offset == 2358);
  CHECK(t.skipped[1].line == 18);
  CHECK(t.skipped[1].reason == SkipReason::bad_timestamp);
  CHECK(t.inputs[0].skipped == 2);
  CHECK(t.inputs[0].records == 18);
}

TEST_CASE("strict mode makes a bad line fatal with file, line and byte") {
  ConvertOptions options;
  options.strict = true;
  Converted converted =
      convert_in_memory({{"interleaved.jsonl", read_file(data_path("agenteye/interleaved.jsonl"))}}, 1 << 20, options);
  REQUIRE_FALSE(converted.status.is_ok());
  CHECK(converted.status.code() == ErrorCode::malformed_record);
  CHECK(converted.status.message().find("interleaved.jsonl:12: byte 2358") != std::string::npos);
}

TEST_CASE("a file in no known format is refused with the reasons") {
  Converted converted = convert_in_memory({{"notes.txt", "hello world\n"}});
  REQUIRE_FALSE(converted.status.is_ok());
  CHECK(converted.status.code() == ErrorCode::unknown_format);
  CHECK(converted.status.message().find("notes.txt") != std::string::npos);
  CHECK(converted.status.message().find("agenteye: the first record is not valid JSON") != std::string::npos);
}

TEST_CASE("a pre-tool hook nests under the call it guards and its denial marks the call") {
  const std::string log =
      R"({"timestamp":"2026-03-04T10:00:00.000000Z","session_id":"s","agent_id":"a","type":"agent_start","environment":"dev","goal":"g","parent_id":null})"
      "\n"
      R"({"timestamp":"2026-03-04T10:00:01.000000Z","session_id":"s","agent_id":"a","type":"tool_use","environment":"dev","tool_name":"Bash","tool_call_id":"t1","input":{"command":"git push --force"}})"
      "\n"
      R"({"timestamp":"2026-03-04T10:00:01.010000Z","session_id":"s","agent_id":"a","type":"hook_triggered","environment":"dev","hook_name":"block-force-push","hook_id":"h1","trigger_event":"pre_tool_use","input":{"tool_name":"Bash","tool_call_id":"t1","tool_input":{}}})"
      "\n"
      R"({"timestamp":"2026-03-04T10:00:01.020000Z","session_id":"s","agent_id":"a","type":"hook_completed","environment":"dev","hook_name":"block-force-push","hook_id":"h1","outcome":"deny","output":{"reason":"no force push"},"error":null,"duration_ms":10})"
      "\n"
      R"({"timestamp":"2026-03-04T10:00:01.030000Z","session_id":"s","agent_id":"a","type":"tool_result","environment":"dev","tool_name":"Bash","tool_call_id":"t1","output":"","error":"Blocked by hook block-force-push","duration_ms":30})"
      "\n";
  Converted converted = convert_in_memory({{"guard.jsonl", log}});
  REQUIRE(converted.status.is_ok());
  auto bundle = open_bytes(converted.bundle);
  REQUIRE(bundle.is_ok());
  const Trace& t = bundle.value()->trace();
  REQUIRE(t.spans.size() == 3);
  uint32_t tool = kNoSpan, hook = kNoSpan;
  for (uint32_t i = 0; i < 3; ++i) {
    if (t.spans.kind[i] == SpanKind::tool) tool = i;
    if (t.spans.kind[i] == SpanKind::hook) hook = i;
  }
  REQUIRE(tool != kNoSpan);
  REQUIRE(hook != kNoSpan);
  CHECK(t.spans.parent[hook] == tool);
  CHECK(t.spans.status[hook] == SpanStatus::denied);
  CHECK(t.spans.status[tool] == SpanStatus::denied);
  const std::optional<Attribute> reason = t.find_attribute(hook, "reason");
  REQUIRE(reason);
  CHECK(t.strings.get(StringId(reason->value)) == "no force push");
}

// Hostile logs: a 1 GB single line, 10,000-deep nesting, invalid UTF-8 and NUL bytes, self-parents and
// parent cycles, a span with 1M children, timestamps outside int64 nanoseconds, duplicate ids. Each has one
// documented result (docs/limits.md): skipped with a reason, or converted into a valid bundle; never a crash,
// and export always gives the input back byte for byte.
#include <catch2/catch.hpp>
#include <chrono>

#include "alloc_guard.h"
#include "bundle/bundle_writer.h"
#include "model/trace_builder.h"
#include "test_support.h"

namespace agentreel {
namespace {

struct Outcome {
  Trace trace;  // as read back from the bundle
  BuildStats build;
  std::vector<uint8_t> bundle;
};

// Converts one input with `format` forced ("" = detect), reopens the bundle, checks it verifies clean,
// exports byte for byte, and that no span is its own ancestor.
Outcome convert(const std::string& path, const std::string& bytes, const std::string& format = "",
                uint64_t max_record_bytes = 1ull << 30) {
  ConvertOptions options;
  options.format = format;
  options.max_record_bytes = max_record_bytes;
  auto converted = test::convert_in_memory({{path, bytes}}, 4096, options);
  INFO(converted.status.to_string());
  REQUIRE(converted.status.is_ok());
  auto opened = test::open_bytes(converted.bundle);
  INFO(opened.status().to_string());
  REQUIRE(opened.is_ok());
  CHECK(opened.value()->verify().problems.empty());
  CHECK(test::export_bytes(*opened.value(), 0) == bytes);
  Outcome out{opened.value()->trace(), converted.summary.build, converted.bundle};
  const SpanColumns& spans = out.trace.spans;
  for (size_t i = 0; i < spans.size(); ++i) {
    uint32_t at = spans.parent[i];
    for (size_t steps = 0; at != kNoSpan; ++steps) {
      REQUIRE(steps <= spans.size());  // a longer walk means a cycle
      REQUIRE(at != i);
      at = spans.parent[at];
    }
    CHECK(spans.duration_ns[i] >= 0);
  }
  return out;
}

size_t count_skipped(const Trace& trace, SkipReason reason) {
  size_t n = 0;
  for (const SkippedRecord& s : trace.skipped) n += s.reason == reason;
  return n;
}

const char* const kAgentStart =
    R"({"timestamp":"2026-03-04T10:00:00Z","session_id":"s","agent_id":"a","type":"agent_start","environment":"dev","goal":"g","parent_id":null})";
const char* const kAgentEnd =
    R"({"timestamp":"2026-03-04T10:05:00Z","session_id":"s","agent_id":"a","type":"agent_end","environment":"dev","outcome":"success","summary":"done"})";

std::string tool_use(const std::string& timestamp, const std::string& id, const std::string& name = "Bash") {
  return R"({"timestamp":)" + timestamp +
         R"(,"session_id":"s","agent_id":"a","type":"tool_use","environment":"dev","tool_name":")" + name +
         R"(","tool_call_id":")" + id + R"(","input":{}})";
}

std::string otlp_span(const std::string& id, const std::string& parent,
                      const std::string& start = "\"1767225600000000000\"",
                      const std::string& end = "\"1767225601000000000\"") {
  return R"({"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"scope":{"name":"t"},"spans":[{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":")" +
         id + R"(","parentSpanId":")" + parent + R"(","name":"chat m","kind":3,"startTimeUnixNano":)" + start +
         R"(,"endTimeUnixNano":)" + end +
         R"(,"attributes":[{"key":"gen_ai.operation.name","value":{"stringValue":"chat"}}],"status":{}}]}]}]})";
}

TEST_CASE("a line over the record cap is skipped as too_large and kept byte for byte") {
  // The scaled version of a 1 GB line: the cap lowered to 64 KiB, the line 1 MiB. The reader holds at most
  // the cap in memory; the bytes stay in the raw stream.
  const std::string huge =
      R"({"timestamp":"2026-03-04T10:00:01Z","session_id":"s","agent_id":"a","type":"error","message":")" +
      std::string(1 << 20, 'x') + "\"}";
  const std::string log = std::string(kAgentStart) + "\n" + huge + "\n" + kAgentEnd + "\n";
  for (const char* format : {"agenteye", "claude_code", "openhands", "hooks", "otlp"}) {
    INFO(format);
    test::reset_largest_allocation();
    Outcome out = convert("huge.jsonl", log, format, 64 << 10);
    // OTLP streams documents and caps each captured span object, not lines: this line holds no span.
    if (std::string_view(format) != "otlp") CHECK(count_skipped(out.trace, SkipReason::too_large) == 1);
    CHECK(test::largest_allocation() < (4u << 20));
  }
  {
    test::reset_largest_allocation();
    std::string huge_otlp = otlp_span("00000000000000a1", "");  // its name grows to 1 MiB
    huge_otlp.insert(huge_otlp.find("\"chat m\"") + 1, std::string(1 << 20, 'n'));
    Outcome out =
        convert("huge-span.jsonl", otlp_span("00000000000000a2", "") + "\n" + huge_otlp + "\n", "otlp", 64 << 10);
    CHECK(count_skipped(out.trace, SkipReason::too_large) == 1);
    CHECK(out.trace.spans.size() == 1);
    CHECK(test::largest_allocation() < (4u << 20));
  }
  Outcome out = convert("huge.jsonl", log, "agenteye", 64 << 10);
  REQUIRE(count_skipped(out.trace, SkipReason::too_large) == 1);
  CHECK(out.trace.skipped.front().line == 2);
  CHECK(out.trace.spans.size() >= 1);  // the records around it still count
}

TEST_CASE("a 1 GB single line streams through with bounded memory") {
  // Generated while converting (never on disk): 1 GiB of one JSON string, fed in 1 MiB chunks, cap 1 MiB.
  // (`agentreel convert --max-record-bytes` is not a CLI flag; ConvertOptions::max_record_bytes is the cap.)
  constexpr uint64_t kLine = 1ull << 30;
  ConvertOptions options;
  options.max_record_bytes = 1 << 20;
  options.format = "agenteye";
  options.writer.raw_level = 1;
  VectorSink sink;
  test::reset_largest_allocation();
  const std::string chunk(1 << 20, 'y');
  {
    Converter converter(sink, options);
    const std::string head = R"({"timestamp":"2026-03-04T10:00:01Z","session_id":"s","type":"error","message":")";
    REQUIRE(converter.begin_input("gigabyte.jsonl", head).is_ok());
    REQUIRE(converter.feed(head).is_ok());
    for (uint64_t fed = 0; fed < kLine; fed += chunk.size()) REQUIRE(converter.feed(chunk).is_ok());
    REQUIRE(converter.feed("\"}\n").is_ok());
    REQUIRE(converter.end_input().is_ok());
    auto summary = converter.finish();
    REQUIRE(summary.is_ok());
    CHECK(summary.value().skipped == 1);
  }
  CHECK(test::largest_allocation() < (80u << 20));  // one raw block and its zstd state, not the line
  CHECK(test::largest_allocation() >= (1u << 20));  // the guard sees allocations: at least that raw block
  auto opened = test::open_bytes(sink.buffer);
  REQUIRE(opened.is_ok());
  const Trace& trace = opened.value()->trace();
  REQUIRE(trace.skipped.size() == 1);
  CHECK(trace.skipped[0].reason == SkipReason::too_large);
  CHECK(trace.inputs[0].size > kLine);
  class HashSink final : public ByteSink {
   public:
    Status write(const void*, size_t size) override {
      bytes += size;
      return Status::ok();
    }
    uint64_t bytes = 0;
  } exported;
  REQUIRE(opened.value()->export_input(0, exported).is_ok());  // checks the content hash
  CHECK(exported.bytes == trace.inputs[0].size);
}

TEST_CASE("10,000-deep nesting is skipped or kept, never a stack overflow") {
  const std::string deep_array = std::string(10000, '[') + std::string(10000, ']');
  const std::string deep_object = [] {
    std::string s;
    for (int i = 0; i < 10000; ++i) s += R"({"a":)";
    s += "1";
    s += std::string(10000, '}');
    return s;
  }();
  for (const std::string& deep : {deep_array, deep_object}) {
    const std::string line =
        R"({"timestamp":"2026-03-04T10:00:01Z","session_id":"s","agent_id":"a","type":"tool_use","environment":"dev","tool_name":"Bash","tool_call_id":"t","input":)" +
        deep + "}";
    const std::string log = std::string(kAgentStart) + "\n" + line + "\n" + kAgentEnd + "\n";
    for (const char* format : {"agenteye", "claude_code", "openhands", "hooks", "otlp", "swe_agent"}) {
      INFO(format);
      convert("deep.jsonl", log, format);
    }
    convert("deep.jsonl", log);
    convert("deep.traj", R"({"trajectory":[{"action":)" + deep + R"(,"observation":"o"}],"info":{}})", "swe_agent");
    convert("deep.json", R"({"resourceSpans":)" + deep + "}", "otlp");
    convert("deep-whole.jsonl", deep + "\n", "agenteye");
  }
}

TEST_CASE("invalid UTF-8 and NUL bytes in strings are skipped or kept verbatim") {
  std::string bad_utf8 = tool_use("\"2026-03-04T10:00:01Z\"", "t1", "B\xff\xfe\xc0\xafsh");
  std::string raw_nul = tool_use("\"2026-03-04T10:00:02Z\"", "t2", std::string("Ba\0sh", 5));
  std::string escaped_nul = tool_use("\"2026-03-04T10:00:03Z\"", "t3", "Ba\\u0000sh");
  std::string lone_surrogate = tool_use("\"2026-03-04T10:00:04Z\"", "t4", "\\ud800x");
  const std::string log = std::string(kAgentStart) + "\n" + bad_utf8 + "\n" + raw_nul + "\n" + escaped_nul + "\n" +
                          lone_surrogate + "\n" + std::string("\0\0\0\n", 4) + kAgentEnd + "\n";
  for (const char* format : {"agenteye", "claude_code", "openhands", "hooks", "otlp"}) {
    INFO(format);
    convert("utf8.jsonl", log, format);
  }
  Outcome out = convert("utf8.jsonl", log, "agenteye");
  // simdjson validates UTF-8: the invalid line and the raw NUL line are skipped as invalid_json with their
  // line numbers; "\u0000" is valid JSON and keeps its NUL inside the interned name.
  CHECK(count_skipped(out.trace, SkipReason::invalid_json) >= 2);
  bool found_nul_name = false;
  for (size_t i = 0; i < out.trace.spans.size(); ++i) {
    found_nul_name |= out.trace.name_of(uint32_t(i)) == std::string_view("Ba\0sh", 5);
  }
  CHECK(found_nul_name);
}

TEST_CASE("a span that is its own parent and parent cycles become roots") {
  const std::string log = otlp_span("00000000000000a1", "00000000000000a1") + "\n" +  // self
                          otlp_span("00000000000000b1", "00000000000000b2") + "\n" +  // b1 -> b2 -> b1
                          otlp_span("00000000000000b2", "00000000000000b1") + "\n" +
                          otlp_span("00000000000000c1", "00000000000000c3") + "\n" +  // c1 -> c3 -> c2 -> c1
                          otlp_span("00000000000000c2", "00000000000000c1") + "\n" +
                          otlp_span("00000000000000c3", "00000000000000c2") + "\n";
  Outcome out = convert("cycles.jsonl", log, "otlp");  // convert() walks every ancestry
  CHECK(out.trace.spans.size() == 6);
  CHECK(out.build.parent_cycles >= 2);
}

TEST_CASE("one span with a million children") {
  constexpr uint32_t kChildren = 1'000'000;
  TraceBuilder builder;
  InputFile input;
  input.path = "generated";
  input.format = "agenteye";
  builder.begin_input(input);
  const uint32_t session = builder.session("s");
  SpanOpen root_open;
  root_open.session = session;
  root_open.start_ns = 0;
  root_open.kind = SpanKind::agent;
  root_open.name = "root";
  const SpanHandle root = builder.add_span(root_open, int64_t(kChildren) * 10 + 10, SpanStatus::ok);
  for (uint32_t i = 0; i < kChildren; ++i) {
    SpanOpen child;
    child.session = session;
    child.start_ns = int64_t(i) * 10 + 1;
    child.kind = SpanKind::tool;
    child.name = "t";
    child.parent = root;
    builder.add_span(child, child.start_ns + 5, SpanStatus::ok);
  }
  const Trace trace = builder.build();
  REQUIRE(trace.spans.size() == kChildren + 1);
  VectorSink sink;
  BundleWriter writer(sink);
  REQUIRE(writer.finish(trace).is_ok());
  auto opened = test::open_bytes(sink.buffer);
  REQUIRE(opened.is_ok());
  const SpanColumns& spans = opened.value()->trace().spans;
  REQUIRE(spans.size() == kChildren + 1);
  CHECK(spans.parent[0] == kNoSpan);
  size_t children = 0;
  for (size_t i = 1; i < spans.size(); ++i) children += spans.parent[i] == 0;
  CHECK(children == kChildren);
}

TEST_CASE("timestamps before 1970, after 2262 and not numbers") {
  std::string log = std::string(kAgentStart) + "\n";
  const char* const stamps[] = {"\"1969-12-31T23:59:59.5Z\"",
                                "\"1900-01-01T00:00:00Z\"",
                                "\"0001-01-01T00:00:00Z\"",
                                "\"2262-04-11T23:47:16Z\"",
                                "\"2262-04-12T00:00:00Z\"",
                                "\"9999-12-31T23:59:59Z\"",
                                "\"+99999-01-01T00:00:00Z\"",
                                "12345",
                                "-1",
                                "1e308",
                                "null",
                                "\"\"",
                                "\"2026-13-45T25:61:61Z\"",
                                "\"2026-03-04T10:00:00.99999999999999999999Z\"",
                                "true",
                                "{}"};
  int n = 0;
  for (const char* stamp : stamps) log += tool_use(stamp, "t" + std::to_string(n++)) + "\n";
  log += std::string(kAgentEnd) + "\n";
  Outcome out = convert("time.jsonl", log, "agenteye");
  // Outside int64 ns (before 1677-09-21 or after 2262-04-11T23:47:16.854775807Z) or not a string: skipped as
  // bad_timestamp/wrong_type with the line; before 1970 within range is a negative time and is kept.
  // A timestamp that is not a string is reported as missing_field ("expected string field \"timestamp\"").
  CHECK(count_skipped(out.trace, SkipReason::bad_timestamp) == 7);
  CHECK(count_skipped(out.trace, SkipReason::missing_field) == 6);
  bool before_1970 = false;
  for (int64_t start : out.trace.spans.start_ns) before_1970 |= start < 0;
  CHECK(before_1970);

  std::string otlp;
  const char* const nanos[] = {"\"-5\"",
                               "\"99999999999999999999\"",
                               "\"abc\"",
                               "18446744073709551615",
                               "-1",
                               "1.5e30",
                               "\"9223372036854775807\"",
                               "\"\"",
                               "null"};
  n = 0;
  for (const char* stamp : nanos) {
    char id[17];
    std::snprintf(id, sizeof id, "%016x", ++n);
    otlp += otlp_span(id, "", stamp, stamp) + "\n";
    otlp += otlp_span(std::string(id).replace(0, 1, "f"), "", "\"1767225600000000000\"", stamp) + "\n";
  }
  convert("time-otlp.jsonl", otlp, "otlp");
}

TEST_CASE("duplicate ids do not merge, loop or crash") {
  const std::string otlp = otlp_span("00000000000000d1", "") + "\n" + otlp_span("00000000000000d1", "") + "\n" +
                           otlp_span("00000000000000d2", "00000000000000d1") + "\n" +
                           otlp_span("00000000000000d2", "00000000000000d2") + "\n";
  Outcome out = convert("dup.jsonl", otlp, "otlp");
  CHECK(out.trace.spans.size() == 4);

  const std::string agenteye =
      std::string(kAgentStart) + "\n" + kAgentStart + "\n" + tool_use("\"2026-03-04T10:00:01Z\"", "same") + "\n" +
      tool_use("\"2026-03-04T10:00:02Z\"", "same") + "\n" + kAgentEnd + "\n" + kAgentEnd + "\n";
  convert("dup-agenteye.jsonl", agenteye, "agenteye");
  const std::string claude =
      R"({"type":"user","uuid":"u1","parentUuid":"u1","sessionId":"s","timestamp":"2026-03-04T10:00:00Z","message":{"role":"user","content":"hi"}})"
      "\n"
      R"({"type":"assistant","uuid":"u1","parentUuid":"u1","sessionId":"s","timestamp":"2026-03-04T10:00:01Z","message":{"role":"assistant","content":[{"type":"tool_use","id":"x","name":"Bash","input":{}}]}})"
      "\n"
      R"({"type":"user","uuid":"u2","parentUuid":"u3","sessionId":"s","timestamp":"2026-03-04T10:00:02Z","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"x","content":"ok"}]}})"
      "\n"
      R"({"type":"user","uuid":"u3","parentUuid":"u2","sessionId":"s","timestamp":"2026-03-04T10:00:03Z","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"x","content":"again"}]}})"
      "\n";
  convert("dup-claude.jsonl", claude, "claude_code");
}

}  // namespace
}  // namespace agentreel

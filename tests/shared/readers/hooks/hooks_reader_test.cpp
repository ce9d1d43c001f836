// Hook decision reader on tests/data/hooks/ (failproofai's real fixtures plus hand-written logs, see
// SOURCES.md and hand-written/README.md): every record's span, the join to the tool call it judged (by
// tool_use id and by tool name + time), chunk-edge independence, located bad lines and the byte-exact export.
// Expected numbers come from tests/data/hooks/compute_expected.py, never from the reader.
#include "readers/hooks/hooks_reader.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <sstream>

#include "model/trace_builder.h"
#include "test_support.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

constexpr int64_t kMs = 1'000'000;

struct Loaded {
  std::unique_ptr<Bundle> bundle;
  ConvertSummary summary;
  const Trace& trace() const { return bundle->trace(); }
};

Loaded load(const std::vector<std::string>& relative_paths, size_t chunk = 1 << 20, ConvertOptions options = {}) {
  std::vector<NamedInput> inputs;
  for (const std::string& path : relative_paths) inputs.push_back({path, read_file(data_path("hooks/" + path))});
  Converted converted = convert_in_memory(inputs, chunk, options);
  INFO(converted.status.to_string());
  REQUIRE(converted.status.is_ok());
  auto bundle = open_bytes(converted.bundle);
  REQUIRE(bundle.is_ok());
  return Loaded{bundle.take(), converted.summary};
}

std::string text_attribute(const Trace& t, uint32_t span, std::string_view key) {
  const std::optional<Attribute> a = t.find_attribute(span, key);
  if (!a) return "<none>";
  return std::string(t.strings.get(StringId(a->value)));
}

const Session* find_session(const Trace& t, std::string_view id) {
  for (const Session& s : t.sessions) {
    if (t.strings.get(s.id) == id) return &s;
  }
  return nullptr;
}

// Everything a reader decides, in one string, to compare conversions fed in different chunk sizes.
std::string dump(const Trace& t) {
  std::ostringstream out;
  for (const Session& s : t.sessions) {
    out << "session " << t.strings.get(s.id) << " " << s.first_span << "+" << s.span_count << " flags " << s.flags
        << "\n";
  }
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    out << i << " " << t.name_of(i) << " " << t.spans.start_ns[i] << " " << t.spans.duration_ns[i] << " "
        << t.spans.parent[i] << " " << int(t.spans.kind[i]) << " " << int(t.spans.status[i]) << " " << t.spans.flags[i]
        << " " << t.spans.begin_record[i].offset << ":" << t.spans.begin_record[i].length << "\n";
    for (const Attribute& a : t.attributes.rows_of(i)) out << "  " << t.strings.get(a.key) << "=" << a.value << "\n";
  }
  for (const SkippedRecord& s : t.skipped) {
    out << "skip " << s.input << " " << int(s.reason) << " " << s.line << " " << s.byte_offset << " " << s.detail
        << "\n";
  }
  for (const InputFile& input : t.inputs) out << "input " << input.path << " " << input.records << "\n";
  return out.str();
}

struct ExpectedSpan {
  const char* name;
  int64_t start_ns;
  int64_t duration_ns;
  SpanStatus status;
  const char* decision;
  const char* reason;
  const char* policy;
  const char* tool;
  uint64_t record_offset;
  uint32_t record_length;
};

struct ExpectedFile {
  const char* path;
  const char* session;
  std::vector<ExpectedSpan> spans;
};

const char* const kNone = "<none>";

// From compute_expected.py (start = timestamp - durationMs; end = timestamp).
const std::vector<ExpectedFile>& failproofai_files() {
  static const std::vector<ExpectedFile> files = {
      {"hook-activity/hook-activity-jev.jsonl",
       "sess-fixture",
       {
           {"semantic/destructive-delete", 1785740911948000000, 52 * kMs, SpanStatus::denied, "deny",
            "Destructive delete (semantic/destructive-delete, p=0.91). Confirm with the user first.",
            "semantic/destructive-delete", "Bash", 0, 477},
           {"PreToolUse", 1785740912053000000, 47 * kMs, SpanStatus::ok, "allow", kNone, kNone, "Bash", 478, 377},
           {"block-env-files", 1785740912191000000, 9 * kMs, SpanStatus::denied, "deny",
            "Reading .env files is blocked", "block-env-files", "Bash", 856, 373},
           {"PreToolUse", 1785740912250000000, 50 * kMs, SpanStatus::ok, "allow", kNone, kNone, "Bash", 1230, 353},
           {"PreToolUse", 1785740912397000000, 3 * kMs, SpanStatus::ok, "allow", kNone, kNone, "Bash", 1584, 234},
       }},
      {"hook-activity/hook-activity-jev-policy-page.jsonl",
       "sess-policy-page",
       {
           {"semantic/destructive-deletion", 1785740914155000000, 845 * kMs, SpanStatus::denied, "deny",
            "Tried to permanently delete data that cannot be regenerated (semantic/destructive-deletion, p=0.97). "
            "This permanently deletes data that cannot be rebuilt. Confirm the exact paths with the user first.",
            "semantic/destructive-deletion", "Bash", 0, 709},
           {"PreToolUse", 1785740914310000000, 790 * kMs, SpanStatus::ok, "allow", kNone, kNone, "Bash", 710, 726},
           {"PreToolUse", 1785740914498000000, 702 * kMs, SpanStatus::ok, "allow", kNone, kNone, "Bash", 1437, 665},
       }},
      {"hook-activity/hook-activity-jev-no-request.jsonl",
       "sess-fixture",
       {
           {"PreToolUse", 1785740913997000000, 3 * kMs, SpanStatus::ok, "allow", kNone, kNone, "TodoWrite", 0, 299},
           {"PreToolUse", 1785740914098000000, 2 * kMs, SpanStatus::ok, "allow", kNone, kNone, "Task", 300, 294},
       }},
      {"hook-activity/hook-activity-jev-not-consulted.jsonl",
       "sess-fixture",
       {
           {"block-sudo", 1785740912996000000, 4 * kMs, SpanStatus::denied, "deny", "sudo commands are blocked",
            "block-sudo", "Bash", 0, 302},
           {"block-rm-rf", 1785740913097000000, 3 * kMs, SpanStatus::denied, "deny",
            "Recursive force deletes are blocked", "block-rm-rf", "Bash", 303, 312},
       }},
  };
  return files;
}

void check_span(const Trace& t, uint32_t i, const ExpectedSpan& e) {
  INFO("span " << i << " " << e.name);
  CHECK(t.spans.kind[i] == SpanKind::hook);
  CHECK(t.name_of(i) == e.name);
  CHECK(t.spans.start_ns[i] == e.start_ns);
  CHECK(t.spans.duration_ns[i] == e.duration_ns);
  CHECK(t.spans.status[i] == e.status);
  CHECK(text_attribute(t, i, "decision") == e.decision);
  CHECK(text_attribute(t, i, "reason") == e.reason);
  CHECK(text_attribute(t, i, "policy") == e.policy);
  CHECK(text_attribute(t, i, "tool_name") == e.tool);
  CHECK(text_attribute(t, i, "trigger_event") == "PreToolUse");
  CHECK(t.spans.begin_record[i].offset == t.inputs[0].stream_offset + e.record_offset);
  CHECK(t.spans.begin_record[i].length == e.record_length);
}

const char* const kParityReason =
    "parity reason 1: \"q\" \\ /s/ <t>&a\n"
    "\xC3\xA9"          // é
    "\xF0\x9D\x84\x9E"  // U+1D11E musical symbol G clef
    "\tend";

}  // namespace

TEST_CASE("failproofai hook-activity rows become hook spans, alone as roots of their session") {
  for (const ExpectedFile& file : failproofai_files()) {
    for (size_t chunk : {size_t(1), size_t(13), size_t(1) << 20}) {
      INFO(file.path << " in chunks of " << chunk);
      Loaded l = load({file.path}, chunk);
      const Trace& t = l.trace();
      CHECK(t.inputs[0].format == "hooks");
      CHECK(t.inputs[0].records == file.spans.size());
      CHECK(t.skipped.empty());
      REQUIRE(t.sessions.size() == 1);
      CHECK(t.strings.get(t.sessions[0].id) == file.session);
      REQUIRE(t.spans.size() == file.spans.size());
      std::map<std::string, int> decisions;
      int64_t durations = 0;
      for (uint32_t i = 0; i < t.spans.size(); ++i) {
        check_span(t, i, file.spans[i]);
        CHECK(t.spans.parent[i] == kNoSpan);  // no transcript given: nothing to join
        CHECK((t.spans.flags[i] & kFlagOrdinalTime) == 0);
        ++decisions[text_attribute(t, i, "decision")];
        durations += t.spans.duration_ns[i];
      }
      CHECK(l.summary.build.links_unresolved == file.spans.size());  // each row asked for its Bash/Task call
      if (std::string(file.path).ends_with("jev.jsonl")) {
        CHECK(decisions == std::map<std::string, int>{{"deny", 2}, {"allow", 3}});
        CHECK(durations == 161 * kMs);
      } else if (std::string(file.path).ends_with("policy-page.jsonl")) {
        CHECK(decisions == std::map<std::string, int>{{"deny", 1}, {"allow", 2}});
        CHECK(durations == 2337 * kMs);
      }
    }
  }
}

TEST_CASE("failproofai parity fixtures: one pretty-printed Claude hook payload + verdict per file") {
  struct Fixture {
    const char* path;
    const char* decision;
    SpanStatus status;
    uint32_t length;  // the document without its final newline
  };
  for (const Fixture& f :
       {Fixture{"parity/claude/PreToolUse/deny__tool-present__two-policies.json", "deny", SpanStatus::denied, 1642},
        Fixture{"parity/claude/PreToolUse/instruct__tool-present__one-policy.json", "instruct", SpanStatus::ok, 1446},
        Fixture{"parity/claude/PreToolUse/allow-with-reason__tool-present__one-policy.json", "allow", SpanStatus::ok,
                1532}}) {
    for (size_t chunk : {size_t(1), size_t(1) << 20}) {
      INFO(f.path << " in chunks of " << chunk);
      Loaded l = load({f.path}, chunk);
      const Trace& t = l.trace();
      CHECK(t.inputs[0].format == "hooks");
      CHECK(t.inputs[0].records == 1);
      CHECK(t.skipped.empty());
      REQUIRE(t.spans.size() == 1);
      REQUIRE(t.sessions.size() == 1);
      CHECK(t.strings.get(t.sessions[0].id) == "sess-fixture-1");
      CHECK(t.name_of(0) == "parity/policy-1");  // output.policyNames, else output.policyName (the decider)
      CHECK(t.spans.status[0] == f.status);
      CHECK(text_attribute(t, 0, "decision") == f.decision);
      CHECK(text_attribute(t, 0, "reason") == kParityReason);
      CHECK(text_attribute(t, 0, "policy") == "parity/policy-1");
      CHECK(text_attribute(t, 0, "tool_name") == "Bash");
      CHECK(text_attribute(t, 0, "trigger_event") == "PreToolUse");
      // The payload has no time of its own: ordinal step = its line, flagged, not joined.
      CHECK(t.spans.start_ns[0] == 1'000'000'000);
      CHECK(t.spans.duration_ns[0] == 0);
      CHECK((t.spans.flags[0] & kFlagOrdinalTime) != 0);
      CHECK((t.sessions[0].flags & kFlagOrdinalTime) != 0);
      CHECK(l.summary.build.links_resolved + l.summary.build.links_unresolved == 0);
      CHECK(t.spans.begin_record[0].offset == 0);
      CHECK(t.spans.begin_record[0].length == f.length);
      auto payload = l.bundle->read_record(t.spans.begin_record[0]);
      REQUIRE(payload.is_ok());
      CHECK(payload.value().front() == '{');
      CHECK(payload.value().back() == '}');
    }
  }
}

TEST_CASE("a Claude Code hook payload log (JSONL): flat, wrapped, exit code 2, untimed") {
  Loaded l = load({"hand-written/claude-hook-log.jsonl"}, 1);
  const Trace& t = l.trace();
  CHECK(t.inputs[0].records == 4);
  CHECK(t.skipped.empty());
  const Session* join = find_session(t, "sess-join");
  const Session* untimed = find_session(t, "sess-untimed");
  REQUIRE(join);
  REQUIRE(untimed);
  REQUIRE(join->span_count == 3);
  const uint32_t a = join->first_span, b = a + 1, c = a + 2;
  CHECK(t.name_of(a) == "PreToolUse");
  CHECK(t.spans.start_ns[a] == 1785743312500000000);  // "2026-08-03T07:48:32.500Z"
  CHECK(t.spans.status[a] == SpanStatus::denied);     // flat hookSpecificOutput.permissionDecision
  CHECK(text_attribute(t, a, "decision") == "deny");
  CHECK(text_attribute(t, a, "reason") == "Recursive force deletes are blocked");
  CHECK(text_attribute(t, a, "policy") == kNone);
  CHECK(t.spans.start_ns[b] == 1785743320250000000);  // "+00:00" offset form
  CHECK(t.spans.status[b] == SpanStatus::ok);         // permissionDecision inside output.stdout's JSON text
  CHECK(text_attribute(t, b, "decision") == "allow");
  CHECK(text_attribute(t, b, "tool_name") == "Read");
  CHECK(t.spans.start_ns[c] == 1785743325125000000);  // epoch seconds 1785743325.125
  CHECK(t.spans.status[c] == SpanStatus::denied);     // exitCode 2
  CHECK(text_attribute(t, c, "decision") == "deny");
  CHECK(text_attribute(t, c, "reason") == "sudo commands are blocked");  // its stderr
  REQUIRE(untimed->span_count == 1);
  const uint32_t d = untimed->first_span;
  CHECK(t.name_of(d) == "Stop");
  CHECK(text_attribute(t, d, "decision") == kNone);  // a payload without its response: no verdict known
  CHECK(t.spans.status[d] == SpanStatus::ok);
  CHECK(t.spans.start_ns[d] == 4'000'000'000);  // line 4
  CHECK((t.spans.flags[d] & kFlagOrdinalTime) != 0);
  CHECK((join->flags & kFlagOrdinalTime) == 0);
  CHECK(t.spans.begin_record[d].offset == 1301);
  CHECK(t.spans.begin_record[d].length == 193);
  CHECK(l.summary.build.links_unresolved == 3);  // two ids and one tool name, no transcript given
}

TEST_CASE("the sniffer claims hook logs and refuses AgentEye and Claude Code transcripts") {
  for (const char* path :
       {"hook-activity/hook-activity-jev.jsonl", "hook-activity/hook-activity-jev-policy-page.jsonl",
        "hook-activity/hook-activity-jev-no-request.jsonl", "hook-activity/hook-activity-jev-not-consulted.jsonl",
        "parity/claude/PreToolUse/deny__tool-present__two-policies.json", "hand-written/claude-hook-log.jsonl",
        "hand-written/hook-activity-bad-lines.jsonl"}) {
    INFO(path);
    const std::string head = read_file(data_path(std::string("hooks/") + path)).substr(0, 65536);
    CHECK(hooks_sniff(head).empty());
    auto detected = detect_format(path, head);
    REQUIRE(detected.is_ok());
    CHECK(detected.value()->name == "hooks");
  }
  const std::string agenteye = read_file(data_path("agenteye/interleaved.jsonl"));
  CHECK(hooks_sniff(agenteye) ==
        "the first record has \"type\" and a session id (an AgentEye event or a Claude Code transcript record)");
  const char* const transcripts[] = {
      R"({"type":"file-history-snapshot","messageId":"m1","snapshot":{"trackedFileBackups":{}},"isSnapshotUpdate":false})",
      R"({"parentUuid":null,"isSidechain":false,"type":"progress","data":{"type":"hook_progress","hookEvent":"SessionStart","hookName":"SessionStart:startup"},"sessionId":"s1","timestamp":"2026-02-10T21:11:50.000Z","uuid":"u1"})",
      R"({"parentUuid":"u1","sessionId":"s1","type":"assistant","message":{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{}}]},"uuid":"u2","timestamp":"2026-02-10T21:11:51.000Z"})",
  };
  for (const char* line : transcripts) {
    INFO(line);
    CHECK_FALSE(hooks_sniff(std::string(line) + "\n").empty());
  }
  CHECK(hooks_sniff("{\"a\":1}\n") ==
        "the first record has neither \"eventType\" + \"decision\" (failproofai hook activity) nor "
        "\"hook_event_name\" (a Claude Code hook payload)");
  CHECK(hooks_sniff("{\n  \"case\": \"x\",\n") ==
        "the first record is not valid JSON (nor is the input one JSON document within its first 17 bytes)");
}

TEST_CASE("the sniffer claims no other format's test file") {
  namespace fs = std::filesystem;
  size_t checked = 0;
  for (const auto& entry : fs::recursive_directory_iterator(data_path(""))) {
    const std::string path = entry.path().generic_string();
    const std::string extension = entry.path().extension().string();
    // policy/ holds the policy engine's hook payload fixtures: hook logs too.
    if (!entry.is_regular_file() || path.find("/hooks/") != std::string::npos ||
        path.find("/policy/") != std::string::npos ||
        (extension != ".jsonl" && extension != ".json" && extension != ".traj")) {
      continue;
    }
    INFO(path);
    CHECK_FALSE(hooks_sniff(read_file(path).substr(0, 65536)).empty());
    ++checked;
  }
  CHECK(checked >= 1);  // at least the AgentEye sample
}

namespace {

// A transcript as another reader would report it (the sink contract): tool spans in the hook log's
// session, published under their tool_use ids.
struct ToolCall {
  const char* session;
  const char* id;
  const char* name;
  int64_t start_ns;
  int64_t end_ns;
};

struct Joined {
  Trace trace;
  BuildStats stats;
  std::vector<uint32_t> tools;  // final indices of the ToolCalls, in order
  std::vector<uint32_t> hooks;  // final indices of the hook spans, in report order
};

Joined join_through_sink(const std::vector<ToolCall>& calls, const std::vector<std::string>& hook_logs, size_t chunk) {
  TraceBuilder builder;
  InputFile transcript;
  transcript.path = "transcript.jsonl";
  builder.begin_input(transcript);
  std::vector<SpanHandle> tool_handles;
  for (const ToolCall& call : calls) {
    SpanOpen open;
    open.session = builder.session(call.session);
    open.start_ns = call.start_ns;
    open.kind = SpanKind::tool;
    open.name = call.name;
    const SpanHandle h = builder.open_span(open);
    builder.close_span(h, call.end_ns, SpanStatus::ok, RecordRef{});
    builder.publish(h, call.id);
    tool_handles.push_back(h);
  }
  const size_t first_hook = builder.span_count();
  uint64_t offset = 1000;
  for (const std::string& path : hook_logs) {
    const std::string bytes = read_file(data_path("hooks/" + path));
    InputFile input;
    input.path = path;
    input.format = "hooks";
    input.stream_offset = offset;
    ReaderContext context;
    context.sink = &builder;
    context.input = builder.begin_input(input);
    context.stream_offset = offset;
    context.path = path;
    auto reader = make_hooks_reader(context);
    for (size_t at = 0; at < bytes.size(); at += chunk)
      REQUIRE(reader->feed(std::string_view(bytes).substr(at, chunk)).is_ok());
    REQUIRE(reader->finish().is_ok());
    offset += bytes.size();
  }
  const size_t total = builder.span_count();
  Joined out;
  out.trace = builder.build(&out.stats);
  // build() orders spans; find each handle's final index by its (unique) start, kind and name.
  auto index_of = [&](int64_t start, SpanKind kind, std::string_view name) {
    for (uint32_t i = 0; i < out.trace.spans.size(); ++i) {
      if (out.trace.spans.start_ns[i] == start && out.trace.spans.kind[i] == kind && out.trace.name_of(i) == name) {
        return i;
      }
    }
    return kNoSpan;
  };
  for (const ToolCall& call : calls) {
    out.tools.push_back(index_of(call.start_ns, SpanKind::tool, call.name));
    REQUIRE(out.tools.back() != kNoSpan);  // a tool stretched back to a hook would be a bad join
  }
  for (uint32_t i = 0; i < out.trace.spans.size(); ++i) {
    if (out.trace.spans.kind[i] == SpanKind::hook) out.hooks.push_back(i);
  }
  CHECK(out.hooks.size() == total - first_hook);
  return out;
}

}  // namespace

TEST_CASE("join by tool_use id: a denial marks the call it judged (sink contract)") {
  const int64_t t0 = 1785743312000000000;  // 2026-08-03T07:48:32Z
  const std::vector<ToolCall> calls = {
      {"sess-join", "toolu_X", "Bash", t0, t0 + 1000 * kMs},                 // rm -rf build: denied by id
      {"sess-join", "toolu_Y", "Read", t0 + 8000 * kMs, t0 + 8500 * kMs},    // allowed by id
      {"sess-join", "toolu_Z", "Bash", t0 + 13000 * kMs, t0 + 13400 * kMs},  // sudo: no id, by name + time
  };
  for (size_t chunk : {size_t(1), size_t(1) << 20}) {
    Joined j = join_through_sink(calls, {"hand-written/claude-hook-log.jsonl"}, chunk);
    const Trace& t = j.trace;
    REQUIRE(j.hooks.size() == 4);
    REQUIRE(j.tools[0] != kNoSpan);
    CHECK(j.stats.links_resolved == 3);
    CHECK(j.stats.links_unresolved == 0);
    // Sessions by first start: sess-untimed (ordinal step 4) first, then sess-join with its hooks at
    // 32.500 (toolu_X), 40.250 (toolu_Y) and 45.125 (Bash, joined by time).
    const uint32_t stop = j.hooks[0], hook_x = j.hooks[1], hook_y = j.hooks[2], hook_z = j.hooks[3];
    CHECK(t.name_of(stop) == "Stop");
    CHECK(t.spans.parent[stop] == kNoSpan);  // untimed: never joined
    CHECK(t.spans.parent[hook_x] == j.tools[0]);
    CHECK(t.spans.parent[hook_y] == j.tools[1]);
    CHECK(t.spans.parent[hook_z] == j.tools[2]);
    CHECK(t.spans.status[j.tools[0]] == SpanStatus::denied);
    CHECK(t.spans.status[j.tools[1]] == SpanStatus::ok);
    CHECK(t.spans.status[j.tools[2]] == SpanStatus::denied);
    CHECK(t.strings.get(t.sessions[t.session_of(hook_x)].id) == "sess-join");
    CHECK(t.session_of(hook_x) == t.session_of(j.tools[0]));  // one session: transcript + hooks merged
    for (uint32_t tool : j.tools) CHECK((t.spans.flags[tool] & kFlagClockRepaired) == 0);  // hooks sit inside
  }
}

TEST_CASE("join by tool name and time, within 120 s (sink contract, real failproofai rows)") {
  const int64_t ms = kMs;
  const int64_t base = 1785740912000 * ms;  // 2026-08-03T07:08:32Z
  const std::vector<ToolCall> calls = {
      {"sess-fixture", "toolu_A", "Bash", base + 990 * ms, base + 1050 * ms},        // block-sudo at +996
      {"sess-fixture", "toolu_B", "Bash", base + 1090 * ms, base + 1300 * ms},       // block-rm-rf at +1097
      {"sess-fixture", "toolu_T", "TodoWrite", base + 1990 * ms, base + 2010 * ms},  // allow at +1997
      {"sess-fixture", "toolu_K", "Task", base + 2090 * ms, base + 9000 * ms},       // allow at +2098
      {"sess-fixture", "toolu_F", "Bash", base + 400000 * ms, base + 401000 * ms},   // far: nobody's
  };
  for (size_t chunk : {size_t(1), size_t(1) << 20}) {
    Joined j = join_through_sink(
        calls,
        {"hook-activity/hook-activity-jev-not-consulted.jsonl", "hook-activity/hook-activity-jev-no-request.jsonl"},
        chunk);
    const Trace& t = j.trace;
    REQUIRE(j.hooks.size() == 4);
    CHECK(j.stats.links_resolved == 4);
    CHECK(t.name_of(j.hooks[0]) == "block-sudo");
    CHECK(t.spans.parent[j.hooks[0]] == j.tools[0]);
    CHECK(t.name_of(j.hooks[1]) == "block-rm-rf");
    CHECK(t.spans.parent[j.hooks[1]] == j.tools[1]);
    CHECK(t.spans.parent[j.hooks[2]] == j.tools[2]);
    CHECK(t.spans.parent[j.hooks[3]] == j.tools[3]);
    CHECK(t.spans.status[j.tools[0]] == SpanStatus::denied);
    CHECK(t.spans.status[j.tools[1]] == SpanStatus::denied);
    CHECK(t.spans.status[j.tools[2]] == SpanStatus::ok);
    CHECK(t.spans.status[j.tools[3]] == SpanStatus::ok);
    CHECK(t.spans.status[j.tools[4]] == SpanStatus::ok);
  }
  SECTION("a call more than 120 s away is not joined") {
    // the second row's hook starts at +1097 ms: 120.003 s before this call
    const std::vector<ToolCall> far = {{"sess-fixture", "toolu_F", "Bash", base + 121100 * ms, base + 122000 * ms}};
    Joined j = join_through_sink(far, {"hook-activity/hook-activity-jev-not-consulted.jsonl"}, 1 << 20);
    CHECK(j.stats.links_unresolved == 2);
    for (uint32_t hook : j.hooks) CHECK(j.trace.spans.parent[hook] == kNoSpan);
    CHECK(j.trace.spans.status[j.tools[0]] == SpanStatus::ok);
  }
  SECTION("nor is a call of another session or another tool name") {
    const std::vector<ToolCall> other = {{"sess-other", "toolu_A", "Bash", base + 990 * ms, base + 1050 * ms},
                                         {"sess-fixture", "toolu_R", "Read", base + 990 * ms, base + 1050 * ms}};
    Joined j = join_through_sink(other, {"hook-activity/hook-activity-jev-not-consulted.jsonl"}, 1 << 20);
    CHECK(j.stats.links_unresolved == 2);
    CHECK(j.trace.spans.status[j.tools[0]] == SpanStatus::ok);
    CHECK(j.trace.spans.status[j.tools[1]] == SpanStatus::ok);
  }
}

TEST_CASE("join through a registered Claude Code transcript reader") {
  // A few Claude Code transcript lines (shape of shared/realdata/claude-code/short.jsonl): tool_use blocks in
  // assistant records, tool_result blocks in user records, sessionId matching the hook logs.
  const std::string transcript =
      R"({"parentUuid":null,"isSidechain":false,"userType":"external","cwd":"/home/u/project","sessionId":"sess-join","version":"2.1.38","type":"user","message":{"role":"user","content":"clean the build and install jq"},"uuid":"u-1","timestamp":"2026-08-03T07:48:30.000Z"})"
      "\n"
      R"({"parentUuid":"u-1","isSidechain":false,"userType":"external","cwd":"/home/u/project","sessionId":"sess-join","version":"2.1.38","message":{"model":"claude-opus-4-6","id":"msg_1","type":"message","role":"assistant","content":[{"type":"tool_use","id":"toolu_X","name":"Bash","input":{"command":"rm -rf build"}}],"stop_reason":"tool_use","usage":{"input_tokens":3,"output_tokens":20}},"type":"assistant","uuid":"a-1","timestamp":"2026-08-03T07:48:32.000Z"})"
      "\n"
      R"({"parentUuid":"a-1","isSidechain":false,"userType":"external","cwd":"/home/u/project","sessionId":"sess-join","version":"2.1.38","type":"user","message":{"role":"user","content":[{"type":"tool_result","content":"PreToolUse:Bash hook error: Recursive force deletes are blocked","is_error":true,"tool_use_id":"toolu_X"}]},"uuid":"u-2","timestamp":"2026-08-03T07:48:33.000Z"})"
      "\n"
      R"({"parentUuid":"u-2","isSidechain":false,"userType":"external","cwd":"/home/u/project","sessionId":"sess-join","version":"2.1.38","message":{"model":"claude-opus-4-6","id":"msg_2","type":"message","role":"assistant","content":[{"type":"tool_use","id":"toolu_Z","name":"Bash","input":{"command":"sudo apt-get install jq"}}],"stop_reason":"tool_use","usage":{"input_tokens":3,"output_tokens":20}},"type":"assistant","uuid":"a-2","timestamp":"2026-08-03T07:48:45.000Z"})"
      "\n"
      R"({"parentUuid":"a-2","isSidechain":false,"userType":"external","cwd":"/home/u/project","sessionId":"sess-join","version":"2.1.38","type":"user","message":{"role":"user","content":[{"type":"tool_result","content":"PreToolUse:Bash hook error: sudo commands are blocked","is_error":true,"tool_use_id":"toolu_Z"}]},"uuid":"u-3","timestamp":"2026-08-03T07:48:45.400Z"})"
      "\n";
  auto detected = detect_format("session.jsonl", transcript);
  if (!detected.is_ok() || detected.value()->name == "hooks") {
    WARN("no Claude Code transcript reader is registered yet: the join is covered by the sink-contract tests");
    CHECK_FALSE((detected.is_ok() && detected.value()->name == "hooks"));  // never claimed by this reader
    return;
  }
  Converted converted =
      convert_in_memory({{"session.jsonl", transcript},
                         {"claude-hook-log.jsonl", read_file(data_path("hooks/hand-written/claude-hook-log.jsonl"))}},
                        1);
  REQUIRE(converted.status.is_ok());
  auto bundle = open_bytes(converted.bundle);
  REQUIRE(bundle.is_ok());
  const Trace& t = bundle.value()->trace();
  const Session* session = find_session(t, "sess-join");
  REQUIRE(session);
  uint32_t tool_x = kNoSpan, tool_z = kNoSpan, hook_x = kNoSpan, hook_z = kNoSpan;
  for (uint32_t i = session->first_span; i < session->first_span + session->span_count; ++i) {
    if (t.spans.kind[i] == SpanKind::tool && t.name_of(i) == "Bash") (tool_x == kNoSpan ? tool_x : tool_z) = i;
    if (t.spans.kind[i] == SpanKind::hook && text_attribute(t, i, "tool_name") == "Bash") {
      (hook_x == kNoSpan ? hook_x : hook_z) = i;
    }
  }
  REQUIRE(tool_x != kNoSpan);
  REQUIRE(tool_z != kNoSpan);
  REQUIRE(hook_x != kNoSpan);
  REQUIRE(hook_z != kNoSpan);
  CHECK(t.spans.parent[hook_x] == tool_x);  // by tool_use id "toolu_X"
  CHECK(t.spans.parent[hook_z] == tool_z);  // by tool name + time (07:48:45.125 vs 07:48:45.000)
  CHECK(t.spans.status[tool_x] == SpanStatus::denied);
  CHECK(t.spans.status[tool_z] == SpanStatus::denied);
}

TEST_CASE("results do not depend on chunk edges") {
  const std::vector<std::string> all = {
      "hook-activity/hook-activity-jev.jsonl",
      "hook-activity/hook-activity-jev-policy-page.jsonl",
      "hook-activity/hook-activity-jev-no-request.jsonl",
      "hook-activity/hook-activity-jev-not-consulted.jsonl",
      "parity/claude/PreToolUse/deny__tool-present__two-policies.json",
      "parity/claude/PreToolUse/instruct__tool-present__one-policy.json",
      "parity/claude/PreToolUse/allow-with-reason__tool-present__one-policy.json",
      "hand-written/claude-hook-log.jsonl",
      "hand-written/hook-activity-bad-lines.jsonl",
  };
  const std::string reference = dump(load(all, 1 << 20).trace());
  for (size_t chunk : {size_t(1), size_t(2), size_t(7), size_t(64), size_t(1000)}) {
    INFO("chunk " << chunk);
    CHECK(dump(load(all, chunk).trace()) == reference);
  }
}

TEST_CASE("every input exports byte for byte") {
  const std::vector<std::string> all = {
      "hook-activity/hook-activity-jev.jsonl",
      "hook-activity/hook-activity-jev-policy-page.jsonl",
      "parity/claude/PreToolUse/deny__tool-present__two-policies.json",
      "hand-written/claude-hook-log.jsonl",
      "hand-written/hook-activity-bad-lines.jsonl",
  };
  Loaded l = load(all, 3);
  REQUIRE(l.trace().inputs.size() == all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    INFO(all[i]);
    CHECK(export_bytes(*l.bundle, i) == read_file(data_path("hooks/" + all[i])));
  }
  // and a span's payload is its exact record, in any input of the stream
  const Trace& t = l.trace();
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    auto record = l.bundle->read_record(t.spans.begin_record[i]);
    REQUIRE(record.is_ok());
    CHECK(record.value().front() == '{');
    CHECK(record.value().back() == '}');
  }
}

TEST_CASE("bad lines are skipped, counted and located by line and byte") {
  for (size_t chunk : {size_t(1), size_t(1) << 20}) {
    Loaded l = load({"hand-written/hook-activity-bad-lines.jsonl"}, chunk);
    const Trace& t = l.trace();
    CHECK(t.inputs[0].records == 3);
    CHECK(t.inputs[0].skipped == 6);
    CHECK(t.spans.size() == 3);
    struct Bad {
      uint64_t line, byte;
      SkipReason reason;
    };
    const Bad expected[] = {{3, 856, SkipReason::invalid_json},   {4, 977, SkipReason::missing_field},
                            {5, 1083, SkipReason::bad_timestamp}, {7, 1214, SkipReason::wrong_type},
                            {8, 1222, SkipReason::unknown_type},  {10, 1694, SkipReason::partial_line}};
    REQUIRE(t.skipped.size() == 6);
    for (size_t i = 0; i < 6; ++i) {
      INFO("skip " << i << ": " << t.skipped[i].detail);
      CHECK(t.skipped[i].line == expected[i].line);
      CHECK(t.skipped[i].byte_offset == expected[i].byte);
      CHECK(t.skipped[i].reason == expected[i].reason);
      CHECK_FALSE(t.skipped[i].detail.empty());
    }
    CHECK(t.skipped[1].detail == "expected number field \"timestamp\" (epoch milliseconds)");
    CHECK(text_attribute(t, 2, "policy") == "block-env-files");  // the good row after the bad ones
  }
  ConvertOptions strict;
  strict.strict = true;
  Converted converted = convert_in_memory(
      {{"hook-activity-bad-lines.jsonl", read_file(data_path("hooks/hand-written/hook-activity-bad-lines.jsonl"))}},
      1 << 20, strict);
  REQUIRE_FALSE(converted.status.is_ok());
  CHECK(converted.status.code() == ErrorCode::malformed_record);
  CHECK(converted.status.message().find("hook-activity-bad-lines.jsonl:3: byte 856: invalid_json") !=
        std::string::npos);
}

TEST_CASE("layout edge cases: a broken first line, a broken document, an array, blank lines") {
  const std::string row = read_file(data_path("hooks/hook-activity/hook-activity-jev-not-consulted.jsonl"));
  const std::string first_row = row.substr(0, row.find('\n') + 1);  // 303 bytes with its newline
  ConvertOptions as_hooks;
  as_hooks.format = "hooks";
  auto run = [&](const std::string& bytes) {
    Converted converted = convert_in_memory({{"x.jsonl", bytes}}, 1, as_hooks);
    REQUIRE(converted.status.is_ok());
    auto bundle = open_bytes(converted.bundle);
    REQUIRE(bundle.is_ok());
    return Loaded{bundle.take(), converted.summary};
  };
  SECTION("JSONL whose first line is cut short is still read line by line") {
    Loaded l = run("{\"eventType\":\n" + first_row);
    REQUIRE(l.trace().skipped.size() == 1);
    CHECK(l.trace().skipped[0].line == 1);
    CHECK(l.trace().skipped[0].reason == SkipReason::invalid_json);
    CHECK(l.trace().spans.size() == 1);
    CHECK(l.trace().spans.begin_record[0].offset == 14);
  }
  SECTION("a pretty-printed document that does not parse is one skip, located where it stops being JSON") {
    Loaded l = run("\n\n{\n  \"input\": {\n    \"payload\": {\n      \"hook_event_name\": \"PreToolUse\",\n}\n");
    REQUIRE(l.trace().skipped.size() == 1);
    CHECK(l.trace().skipped[0].line == 7);  // the "}" where a key was expected after the last ","
    CHECK(l.trace().skipped[0].byte_offset == 73);
    CHECK(l.trace().skipped[0].reason == SkipReason::invalid_json);
    CHECK(l.trace().spans.size() == 0);
  }
  SECTION("a JSON array of records is read element by element") {
    Loaded l = run("[\n" + first_row.substr(0, first_row.size() - 1) + "\n]\n");
    CHECK(l.trace().skipped.empty());
    REQUIRE(l.trace().spans.size() == 1);
    CHECK(l.trace().spans.begin_record[0].offset == 2);
    CHECK(l.trace().spans.begin_record[0].length == 302);
  }
  SECTION("blank lines and CRLF endings") {
    std::string crlf = first_row;
    crlf.insert(crlf.size() - 1, "\r");
    Loaded l = run("\n  \n" + crlf + "\r\n" + crlf);
    CHECK(l.trace().skipped.empty());
    REQUIRE(l.trace().spans.size() == 2);
    CHECK(l.trace().spans.begin_record[0].offset == 4);
    CHECK(l.trace().spans.begin_record[0].length == 303);  // with its "\r", as every line-based reader
  }
}

// Claude Code reader on real transcripts (tests/data/claude-code, see SOURCES.md there): records, spans by
// kind, tool_use/tool_result pairs, tokens counted once per API message, the Task -> subagent and
// compaction -> side agent links of a session given as a directory, chunk-size independence, byte-exact
// export, malformed lines and format sniffing. Expected numbers come from
// tests/data/claude-code/compute_expected.py (run by hand), never from the reader.
#include "readers/claude_code/claude_code_reader.h"

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "core/timestamp.h"
#include "model/trace_builder.h"
#include "test_support.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

const std::string kSession = "258c7280-ae70-4798-800f-63464d01a85d";

// The session folder as `agentreel convert <dir>` walks it (sorted stored paths: the .jsonl before its folder).
std::vector<NamedInput> session_directory() {
  std::vector<NamedInput> inputs;
  for (const std::string& rel : {kSession + ".jsonl", kSession + "/subagents/agent-a881341.jsonl",
                                 kSession + "/subagents/agent-acompact-fffbd0.jsonl"}) {
    inputs.push_back({"claude-code/" + rel, read_file(data_path("claude-code/" + rel))});
  }
  return inputs;
}

struct Loaded {
  Converted converted;
  std::unique_ptr<Bundle> bundle;
  const Trace& trace() const { return bundle->trace(); }

  std::map<SpanKind, int> kinds() const {
    std::map<SpanKind, int> count;
    for (size_t i = 0; i < trace().spans.size(); ++i) ++count[trace().spans.kind[i]];
    return count;
  }
  std::vector<uint32_t> all(SpanKind kind, std::string_view name = {}) const {
    std::vector<uint32_t> found;
    for (uint32_t i = 0; i < trace().spans.size(); ++i) {
      if (trace().spans.kind[i] == kind && (name.empty() || trace().name_of(i) == name)) found.push_back(i);
    }
    return found;
  }
  uint32_t find(SpanKind kind, std::string_view name) const {
    auto found = all(kind, name);
    return found.empty() ? kNoSpan : found.front();
  }
  std::string payload(RecordRef ref) const {
    if (ref.length == 0) return {};
    auto record = bundle->read_record(ref);
    return record.is_ok() ? record.value() : "<" + record.status().to_string() + ">";
  }
  int64_t attribute_sum(SpanKind kind, std::string_view key) const {
    int64_t sum = 0;
    for (uint32_t i : all(kind)) {
      if (const std::optional<Attribute> a = trace().find_attribute(i, key)) sum += a->value;
    }
    return sum;
  }
  std::string_view string_attribute(uint32_t span, std::string_view key) const {
    const std::optional<Attribute> a = trace().find_attribute(span, key);
    return a && a->type == AttrType::string ? trace().strings.get(StringId(a->value)) : std::string_view();
  }
};

Loaded load(const std::vector<NamedInput>& inputs, size_t chunk = 1 << 20, ConvertOptions options = {}) {
  Loaded l;
  l.converted = convert_in_memory(inputs, chunk, options);
  INFO(l.converted.status.to_string());
  REQUIRE(l.converted.status.is_ok());
  auto bundle = open_bytes(l.converted.bundle);
  REQUIRE(bundle.is_ok());
  l.bundle = bundle.take();
  return l;
}

Loaded load_file(const std::string& rel, size_t chunk = 1 << 20) {
  return load({{"claude-code/" + rel, read_file(data_path("claude-code/" + rel))}}, chunk);
}

int64_t ns(std::string_view rfc3339) { return *parse_rfc3339_ns(rfc3339); }

// "toolu_..." ids named by `key` ("\"id\":\"" or "\"tool_use_id\":\"") in a record.
std::vector<std::string> ids_after(const std::string& record, const std::string& key) {
  std::vector<std::string> ids;
  for (size_t at = record.find(key); at != std::string::npos; at = record.find(key, at + 1)) {
    const size_t start = at + key.size();
    ids.push_back(record.substr(start, record.find('"', start) - start));
  }
  return ids;
}

struct Expected {  // printed by compute_expected.py
  std::string file;
  uint64_t records;
  int agent, model, tool, hook, human, event;
  int paired, ok, error, denied;
  int64_t input_tokens, output_tokens, cache_read_tokens, cache_creation_tokens;
};

const std::vector<Expected> kExpected = {
    {"short.jsonl", 15, 1, 1, 2, 3, 1, 3, 2, 0, 0, 2, 3, 13, 11515, 13835},
    {"tool_heavy.jsonl", 39, 1, 4, 6, 10, 3, 7, 6, 6, 0, 0, 54, 212, 88231, 17696},
    {"subagent.jsonl", 96, 1, 12, 16, 25, 2, 21, 16, 16, 0, 0, 1576, 1586, 427286, 25842},
    {kSession + ".jsonl", 1863, 1, 152, 186, 1032, 2, 315, 186, 179, 6, 1, 180, 38899, 14771617, 349474},
    {kSession + "/subagents/agent-a881341.jsonl", 10, 1, 3, 2, 2, 0, 0, 2, 2, 0, 0, 15, 3, 34159, 42176},
    {kSession + "/subagents/agent-acompact-fffbd0.jsonl", 4, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 3, 6, 166758, 2487},
};

}  // namespace

TEST_CASE("claude code: each sample's records, spans by kind, tool pairs and tokens") {
  for (const Expected& e : kExpected) {
    INFO(e.file);
    Loaded l = load_file(e.file);
    const Trace& t = l.trace();
    CHECK(t.inputs.size() == 1);
    CHECK(t.inputs[0].format == "claude_code");
    CHECK(t.inputs[0].records == e.records);
    CHECK(t.inputs[0].skipped == 0);
    CHECK(t.sessions.size() == 1);
    auto kinds = l.kinds();
    CHECK(kinds[SpanKind::agent] == e.agent);
    CHECK(kinds[SpanKind::model] == e.model);
    CHECK(kinds[SpanKind::tool] == e.tool);
    CHECK(kinds[SpanKind::hook] == e.hook);
    CHECK(kinds[SpanKind::human] == e.human);
    CHECK(kinds[SpanKind::event] == e.event);
    CHECK(kinds[SpanKind::error] == 0);
    CHECK(kinds[SpanKind::pause] == 0);
    CHECK(l.converted.summary.build.unfinished == 0);
    CHECK(l.converted.summary.build.parent_cycles == 0);

    // Every tool_use is paired with its tool_result (no exceptions in these files): the span opens on the
    // assistant line that holds the tool_use block and closes on the user line whose tool_result names it.
    int paired = 0;
    std::map<SpanStatus, int> status;
    for (uint32_t i : l.all(SpanKind::tool)) {
      const std::string begin = l.payload(t.spans.begin_record[i]);
      const std::string end = l.payload(t.spans.end_record[i]);
      INFO("tool span " << i << " " << t.name_of(i));
      CHECK((t.spans.flags[i] & kFlagUnpairedEnd) == 0);
      CHECK(begin.find("\"type\":\"assistant\"") != std::string::npos);
      CHECK(end.find("\"type\":\"user\"") != std::string::npos);
      bool match = false;
      for (const std::string& id : ids_after(end, "\"tool_use_id\":\"")) {
        for (const std::string& use : ids_after(begin, "\"id\":\"")) match = match || use == id;
      }
      CHECK(match);
      paired += match ? 1 : 0;
      ++status[t.spans.status[i]];
      REQUIRE(t.spans.parent[i] != kNoSpan);
      CHECK(t.spans.kind[t.spans.parent[i]] == SpanKind::model);  // nested under the turn that asked
    }
    CHECK(paired == e.paired);
    CHECK(status[SpanStatus::ok] == e.ok);
    CHECK(status[SpanStatus::error] == e.error);
    CHECK(status[SpanStatus::denied] == e.denied);

    // Each API message once, whatever the number of records it was streamed in.
    CHECK(l.attribute_sum(SpanKind::model, "input_tokens") == e.input_tokens);
    CHECK(l.attribute_sum(SpanKind::model, "output_tokens") == e.output_tokens);
    CHECK(l.attribute_sum(SpanKind::model, "cache_read_tokens") == e.cache_read_tokens);
    CHECK(l.attribute_sum(SpanKind::model, "cache_creation_tokens") == e.cache_creation_tokens);

    // Every span's payload is exactly one line of the file (without its newline).
    const std::string bytes = read_file(data_path("claude-code/" + e.file));
    std::set<std::pair<uint64_t, uint32_t>> lines;
    for (size_t at = 0; at < bytes.size();) {
      const size_t end = std::min(bytes.find('\n', at), bytes.size());
      lines.emplace(at, uint32_t(end - at));
      at = end + 1;
    }
    for (uint32_t i = 0; i < t.spans.size(); ++i) {
      INFO("span " << i << " " << t.name_of(i));
      CHECK(t.spans.begin_record[i].length > 0);
      for (RecordRef ref : {t.spans.begin_record[i], t.spans.end_record[i]}) {
        if (ref.length > 0) CHECK(lines.count({ref.offset, ref.length}) == 1);
      }
    }
  }
}

TEST_CASE("claude code: a session directory nests its subagent under the Task call") {
  Loaded l = load(session_directory());
  const Trace& t = l.trace();
  REQUIRE(t.sessions.size() == 1);  // the subagent files carry the parent's sessionId
  CHECK(t.strings.get(t.sessions[0].id) == kSession);
  CHECK(t.spans.size() == 1698);
  auto kinds = l.kinds();
  CHECK(kinds[SpanKind::agent] == 3);
  CHECK(kinds[SpanKind::model] == 156);
  CHECK(kinds[SpanKind::tool] == 188);
  CHECK(kinds[SpanKind::hook] == 1034);
  CHECK(kinds[SpanKind::human] == 2);
  CHECK(kinds[SpanKind::event] == 315);
  CHECK(l.converted.summary.records == 1863 + 10 + 4);
  CHECK(l.converted.summary.build.links_resolved == 2);
  CHECK(l.converted.summary.build.links_unresolved == 0);
  CHECK(l.attribute_sum(SpanKind::model, "input_tokens") == 180 + 15 + 3);
  CHECK(l.attribute_sum(SpanKind::model, "output_tokens") == 38899 + 3 + 6);
  CHECK(l.attribute_sum(SpanKind::model, "cache_read_tokens") == 14771617 + 34159 + 166758);
  CHECK(l.attribute_sum(SpanKind::model, "cache_creation_tokens") == 349474 + 42176 + 2487);

  const uint32_t main = l.find(SpanKind::agent, "main");
  const uint32_t sub = l.find(SpanKind::agent, "a881341");
  const uint32_t compact_agent = l.find(SpanKind::agent, "acompact-fffbd0");
  REQUIRE(main != kNoSpan);
  REQUIRE(sub != kNoSpan);
  REQUIRE(compact_agent != kNoSpan);
  CHECK(t.spans.parent[main] == kNoSpan);
  CHECK(l.string_attribute(main, "goal") == "Implement spotter-gqc");

  // a881341 -> the Task call whose result carries toolUseResult.agentId "a881341" -> its model turn -> main.
  const uint32_t task = t.spans.parent[sub];
  REQUIRE(task != kNoSpan);
  CHECK(t.spans.kind[task] == SpanKind::tool);
  CHECK(t.name_of(task) == "Task");
  CHECK(l.string_attribute(task, "agent_id") == "a881341");
  CHECK(l.payload(t.spans.begin_record[task]).find("\"id\":\"toolu_01VmaERAwhb19LGUwu9GenaK\"") != std::string::npos);
  CHECK(l.payload(t.spans.end_record[task]).find("\"agentId\":\"a881341\"") != std::string::npos);
  REQUIRE(t.spans.parent[task] != kNoSpan);
  CHECK(t.spans.kind[t.spans.parent[task]] == SpanKind::model);
  CHECK(t.spans.parent[t.spans.parent[task]] == main);
  // The subagent ran inside its Task call (no clock repair needed) and its first line is its prompt.
  CHECK(t.spans.start_ns[sub] >= t.spans.start_ns[task]);
  CHECK(t.spans.start_ns[sub] + t.spans.duration_ns[sub] <= t.spans.start_ns[task] + t.spans.duration_ns[task]);
  CHECK(t.spans.start_ns[sub] == ns("2026-02-11T21:24:19.366Z"));
  CHECK(l.string_attribute(sub, "goal").starts_with("What is the output contract for Claude Code hooks"));
  // The subagent's own turns and calls are under it, not under the mirrored agent_progress events.
  int sub_models = 0;
  for (uint32_t i : l.all(SpanKind::model, "claude-sonnet-4-5-20250929")) sub_models += t.spans.parent[i] == sub;
  CHECK(sub_models == 3);
  for (uint32_t i : l.all(SpanKind::event, "agent_progress")) CHECK(t.spans.parent[i] == task);
  CHECK(l.all(SpanKind::event, "agent_progress").size() == 5);

  // The auto-compaction side agent -> the compaction (compact_boundary, logicalParentUuid 7c642069...).
  const uint32_t compaction = t.spans.parent[compact_agent];
  REQUIRE(compaction != kNoSpan);
  CHECK(t.spans.kind[compaction] == SpanKind::event);
  CHECK(t.name_of(compaction) == "compaction");
  CHECK(t.spans.parent[compaction] == main);
  CHECK(l.payload(t.spans.begin_record[compaction])
            .find("\"logicalParentUuid\":\"7c642069-996d-4ae0-a61c-554b35d36fb6\"") != std::string::npos);
  // It spans from its logical parent (the last record before compacting) to the boundary.
  CHECK(t.spans.start_ns[compaction] == ns("2026-02-11T21:16:56.852Z"));
  CHECK(t.spans.start_ns[compaction] + t.spans.duration_ns[compaction] == ns("2026-02-11T21:18:41.543Z"));
  CHECK(t.spans.start_ns[compact_agent] == ns("2026-02-11T21:17:14.555Z"));  // its isMeta copies do not open it
  const std::optional<Attribute> pre = t.find_attribute(compaction, "pre_tokens");
  REQUIRE(pre);
  CHECK(pre->value == 167094);

  // Events by name (compute_expected.py "events").
  CHECK(l.all(SpanKind::event, "bash_progress").size() == 293);
  CHECK(l.all(SpanKind::event, "queue-operation").size() == 6);
  CHECK(l.all(SpanKind::event, "stop_hook_summary").size() == 3);
  CHECK(l.all(SpanKind::event, "turn_duration").size() == 1);
  CHECK(l.all(SpanKind::event, "waiting_for_task").size() == 3);
  CHECK(l.all(SpanKind::event, "task_notification").size() == 2);
  CHECK(l.all(SpanKind::event, "interrupt").size() == 1);
}

TEST_CASE("claude code: chunk edges do not matter") {
  // 1-byte and 4093-byte chunks give the same bundle, byte for byte (so the same trace).
  const Converted whole = convert_in_memory(session_directory(), 4093);
  REQUIRE(whole.status.is_ok());
  const Converted bytes = convert_in_memory(session_directory(), 1);
  REQUIRE(bytes.status.is_ok());
  CHECK(whole.bundle == bytes.bundle);
  for (const std::string rel : {"short.jsonl", "tool_heavy.jsonl", "subagent.jsonl"}) {
    INFO(rel);
    const std::vector<NamedInput> input = {{rel, read_file(data_path("claude-code/" + rel))}};
    const Converted a = convert_in_memory(input, 4093);
    const Converted b = convert_in_memory(input, 1);
    REQUIRE(a.status.is_ok());
    REQUIRE(b.status.is_ok());
    CHECK(a.bundle == b.bundle);
  }
}

TEST_CASE("claude code: export gives every input back byte for byte") {
  Loaded l = load(session_directory());
  for (size_t i = 0; i < 3; ++i) CHECK(export_bytes(*l.bundle, i) == session_directory()[i].bytes);
  for (const std::string rel : {"short.jsonl", "tool_heavy.jsonl", "subagent.jsonl"}) {
    const std::string bytes = read_file(data_path("claude-code/" + rel));
    Loaded one = load({{rel, bytes}});
    CHECK(export_bytes(*one.bundle, 0) == bytes);
  }
}

TEST_CASE("claude code: one turn, denied calls, interrupt and waits in short.jsonl") {
  Loaded l = load_file("short.jsonl");
  const Trace& t = l.trace();
  const uint32_t main = l.find(SpanKind::agent, "main");
  const uint32_t model = l.find(SpanKind::model, "claude-opus-4-6");
  const uint32_t bash = l.find(SpanKind::tool, "Bash");
  const uint32_t glob = l.find(SpanKind::tool, "Glob");
  const uint32_t human = l.find(SpanKind::human, "human input");
  const uint32_t interrupt = l.find(SpanKind::event, "interrupt");
  for (uint32_t s : {main, model, bash, glob, human, interrupt}) REQUIRE(s != kNoSpan);
  CHECK(l.string_attribute(main, "goal") == "mix phx.server doesnt seem to start");
  // The root opens at the first timestamped record (SessionStart hook, line 2) and closes at the last.
  CHECK(t.spans.start_ns[main] == ns("2026-02-10T21:11:52.438Z"));
  CHECK(t.spans.start_ns[main] + t.spans.duration_ns[main] == ns("2026-02-10T21:16:12.381Z"));
  // Five records of msg_01MKH1cc... are one turn, answering the prompt of line 4, ending at its last record
  // or its last tool result (both denied at 21:12:02.480).
  CHECK(t.spans.parent[model] == main);
  CHECK(t.spans.start_ns[model] == ns("2026-02-10T21:11:56.846Z"));
  CHECK(t.spans.start_ns[model] + t.spans.duration_ns[model] == ns("2026-02-10T21:12:02.480Z"));
  CHECK((t.spans.flags[model] & kFlagClockRepaired) == 0);
  CHECK(l.payload(t.spans.begin_record[model]).find("\"uuid\":\"1b7d717f-d6a2-46a6-8575-fa4f937450ea\"") !=
        std::string::npos);
  CHECK(l.payload(t.spans.end_record[model]).find("\"uuid\":\"ed2ec700-d1ee-4a18-9100-da63317716fc\"") !=
        std::string::npos);
  CHECK(t.find_attribute(model, "output_tokens")->value == 13);
  CHECK(l.string_attribute(model, "model") == "claude-opus-4-6");
  CHECK_FALSE(t.find_attribute(model, "stop_reason"));  // null in every streamed record
  // Rejected by the user: denied, with the reason.
  for (uint32_t call : {bash, glob}) {
    CHECK(t.spans.parent[call] == model);
    CHECK(t.spans.status[call] == SpanStatus::denied);
    CHECK(l.string_attribute(call, "reason").starts_with("The user doesn't want to proceed with this tool use."));
  }
  CHECK(t.spans.start_ns[bash] == ns("2026-02-10T21:12:01.117Z"));
  CHECK(t.spans.duration_ns[bash] == ns("2026-02-10T21:12:02.480Z") - ns("2026-02-10T21:12:01.117Z"));
  // The PreToolUse hook nests under its call; SessionStart hooks under the root.
  const uint32_t pre = l.find(SpanKind::hook, "PreToolUse:Bash");
  REQUIRE(pre != kNoSpan);
  CHECK(t.spans.parent[pre] == bash);
  CHECK(l.string_attribute(pre, "trigger_event") == "PreToolUse");
  for (uint32_t h : l.all(SpanKind::hook, "SessionStart:startup")) CHECK(t.spans.parent[h] == main);
  // The person was waited for from the last SessionStart hook (line 3) to the prompt.
  CHECK(t.spans.start_ns[human] == ns("2026-02-10T21:11:52.481Z"));
  CHECK(t.spans.duration_ns[human] == ns("2026-02-10T21:11:56.846Z") - ns("2026-02-10T21:11:52.481Z"));
  CHECK(t.spans.status[interrupt] == SpanStatus::cancelled);
  CHECK(l.converted.summary.build.clock_repairs == 0);
}

TEST_CASE("claude code: tool_heavy.jsonl waits, queue operations and turns answering tool results") {
  Loaded l = load_file("tool_heavy.jsonl");
  const Trace& t = l.trace();
  const auto humans = l.all(SpanKind::human);
  REQUIRE(humans.size() == 3);
  // The /mcp slash command was waited for since the interrupt before it (line 18), not since the isMeta
  // caveat written with it; the next prompt since the last local_command record (line 24).
  CHECK(t.spans.start_ns[humans[1]] == ns("2026-02-10T22:58:03.831Z"));
  CHECK(t.spans.start_ns[humans[1]] + t.spans.duration_ns[humans[1]] == ns("2026-02-10T22:58:08.126Z"));
  CHECK(t.spans.start_ns[humans[2]] == ns("2026-02-10T22:58:11.673Z"));
  CHECK(t.spans.duration_ns[humans[2]] == ns("2026-02-10T22:59:22.893Z") - ns("2026-02-10T22:58:11.673Z"));
  const auto queue = l.all(SpanKind::event, "queue-operation");
  REQUIRE(queue.size() == 2);
  CHECK(l.string_attribute(queue[0], "operation") == "enqueue");
  CHECK(l.string_attribute(queue[1], "operation") == "remove");
  CHECK(l.all(SpanKind::event, "interrupt").size() == 2);
  // msg_01NUXWe... (lines 12-13) answers the tool_result of line 11.
  const auto models = l.all(SpanKind::model);
  REQUIRE(models.size() == 4);
  CHECK(t.spans.start_ns[models[1]] == ns("2026-02-10T22:57:59.113Z"));
  CHECK(l.payload(t.spans.begin_record[models[1]]).find("\"uuid\":\"77c5c1c5") != std::string::npos);
  // Two parallel calls of one turn both nest under it; the PostToolUse hook after Glob's result under Glob.
  const uint32_t search = l.find(SpanKind::tool, "WebSearch");
  const uint32_t glob = l.find(SpanKind::tool, "Glob");
  REQUIRE(search != kNoSpan);
  REQUIRE(glob != kNoSpan);
  CHECK(t.spans.parent[search] == t.spans.parent[glob]);
  CHECK(t.spans.parent[l.find(SpanKind::hook, "PostToolUse:Glob")] == glob);
  CHECK(l.converted.summary.build.clock_repairs == 0);
}

TEST_CASE("claude code: an older flat agent-<id>.jsonl without agentId fields joins by its file name") {
  std::vector<NamedInput> inputs = session_directory();
  inputs.pop_back();  // no compaction agent
  std::string& sub = inputs[1].bytes;
  const std::string field = "\"agentId\":\"a881341\",";
  for (size_t at = sub.find(field); at != std::string::npos; at = sub.find(field, at)) sub.erase(at, field.size());
  REQUIRE(sub.find("a881341") == std::string::npos);
  inputs[1].path = "project/agent-a881341.jsonl";
  Loaded l = load(inputs);
  const uint32_t agent = l.find(SpanKind::agent, "a881341");
  REQUIRE(agent != kNoSpan);
  REQUIRE(l.trace().spans.parent[agent] != kNoSpan);
  CHECK(l.trace().name_of(l.trace().spans.parent[agent]) == "Task");
  CHECK(l.converted.summary.build.links_resolved == 1);
}

TEST_CASE("claude code: tool spans are published under their tool_use id") {
  // A hook log of the same session joins its span to the call by the raw id.
  TraceBuilder builder;
  InputFile input;
  input.path = "short.jsonl";
  builder.begin_input(input);
  ReaderContext context;
  context.sink = &builder;
  context.path = "short.jsonl";
  auto reader = make_claude_code_reader(context);
  REQUIRE(reader->feed(read_file(data_path("claude-code/short.jsonl"))).is_ok());
  REQUIRE(reader->finish().is_ok());
  SpanOpen hook;
  hook.session = builder.session("55604662-cf2a-4331-851a-ec234028f8ca");
  hook.start_ns = ns("2026-02-10T21:12:01.200Z");
  hook.kind = SpanKind::hook;
  hook.name = "policy";
  const SpanHandle h = builder.add_span(hook, hook.start_ns, SpanStatus::denied);
  builder.link_parent(h, "toolu_0116Hyi5v8ut7Ffb7d8qV1Sc");
  BuildStats stats;
  Trace t = builder.build(&stats);
  CHECK(stats.links_resolved == 1);
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    if (t.name_of(i) != "policy") continue;
    REQUIRE(t.spans.parent[i] != kNoSpan);
    CHECK(t.name_of(t.spans.parent[i]) == "Bash");
  }
}

TEST_CASE("claude code: a Task without its subagent file keeps the mirrored messages as events") {
  Loaded l = load_file("subagent.jsonl");
  const Trace& t = l.trace();
  const uint32_t task = l.find(SpanKind::tool, "Task");
  REQUIRE(task != kNoSpan);
  CHECK(l.string_attribute(task, "agent_id") == "afb92ff");
  CHECK(t.find_attribute(task, "total_tokens")->value == 33894);
  const auto progress = l.all(SpanKind::event, "agent_progress");
  CHECK(progress.size() == 19);
  for (uint32_t i : progress) {
    CHECK(t.spans.parent[i] == task);
    CHECK(l.string_attribute(i, "agent_id") == "afb92ff");
  }
  CHECK(l.all(SpanKind::model).size() == 12);  // the parent's 12 messages only
  CHECK(l.string_attribute(l.find(SpanKind::agent, "main"), "goal")
            .starts_with("/handgemacht:create-beads websearch to learn how to fastest setup credo"));
}

namespace {

// A tiny transcript in the real schema, for cases the samples do not have.
std::string record(std::string_view type, std::string_view uuid, std::string_view parent, std::string_view time,
                   std::string_view rest) {
  std::string line = "{\"type\":\"" + std::string(type) + "\",\"sessionId\":\"s-1\",\"uuid\":\"" + std::string(uuid) +
                     "\",\"parentUuid\":" + (parent.empty() ? std::string("null") : "\"" + std::string(parent) + "\"") +
                     ",\"timestamp\":\"2026-01-01T00:00:" + std::string(time) + "Z\"";
  if (!rest.empty()) line += "," + std::string(rest);
  return line + "}\n";
}
std::string tool_use(std::string_view msg, std::string_view id, std::string_view name) {
  return "\"message\":{\"id\":\"" + std::string(msg) +
         "\",\"model\":\"m\",\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"" + std::string(id) +
         "\",\"name\":\"" + std::string(name) + "\",\"input\":{}}],\"usage\":{\"input_tokens\":1,\"output_tokens\":2}}";
}
std::string tool_result(std::string_view id, std::string_view text, bool error) {
  return "\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"" + std::string(id) +
         "\",\"content\":\"" + std::string(text) + "\",\"is_error\":" + (error ? "true" : "false") + "}]}";
}

}  // namespace

TEST_CASE("claude code: records out of order, calls without results, results without calls") {
  std::string log;
  log += record("user", "u1", "", "01.000", "\"message\":{\"role\":\"user\",\"content\":\"go\"}");
  // The result and a hook of call A come before the assistant line that asked for it.
  log += record("user", "u3", "a2", "04.000", tool_result("toolu_A", "done", false));
  log += record("progress", "p1", "a2", "03.500",
                "\"data\":{\"type\":\"hook_progress\",\"hookEvent\":\"PreToolUse\",\"hookName\":\"PreToolUse:Read\"},"
                "\"parentToolUseID\":\"toolu_A\"");
  log += record("assistant", "a2", "u1", "03.000", tool_use("msg_1", "toolu_A", "Read"));
  log += record("assistant", "a4", "u3", "05.000", tool_use("msg_2", "toolu_B", "Bash"));  // never answered...
  log += record(
      "user", "u5", "a4", "06.000",
      "\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"[Request interrupted by user]\"}]}");
  log += record("assistant", "a6", "u5", "07.000", tool_use("msg_3", "toolu_C", "Edit"));   // ...nor this one
  log += record("user", "u7", "x", "08.000", tool_result("toolu_Z", "Exit code 1", true));  // no call in the file
  Loaded l = load({{"synthetic.jsonl", log}}, 3);
  const Trace& t = l.trace();
  CHECK(t.inputs[0].records == 8);
  const uint32_t a = l.find(SpanKind::tool, "Read");
  const uint32_t b = l.find(SpanKind::tool, "Bash");
  const uint32_t c = l.find(SpanKind::tool, "Edit");
  const uint32_t z = l.find(SpanKind::tool, "unknown");
  const uint32_t hook = l.find(SpanKind::hook, "PreToolUse:Read");
  for (uint32_t s : {a, b, c, z, hook}) REQUIRE(s != kNoSpan);
  CHECK(t.spans.status[a] == SpanStatus::ok);
  CHECK(t.spans.start_ns[a] == ns("2026-01-01T00:00:03Z"));
  CHECK(t.spans.duration_ns[a] == 1000000000);
  CHECK(t.spans.parent[hook] == a);
  CHECK(t.spans.status[b] == SpanStatus::cancelled);  // an interrupt followed
  CHECK(t.spans.duration_ns[b] == 1000000000);
  CHECK(t.spans.status[c] == SpanStatus::unfinished);  // nothing followed
  CHECK((t.spans.flags[z] & kFlagUnpairedEnd) != 0);
  CHECK(t.spans.status[z] == SpanStatus::error);
  CHECK(l.string_attribute(z, "error") == "Exit code 1");
  // msg_1 answers the prompt (line 1) and covers its call.
  const uint32_t m1 = t.spans.parent[a];
  CHECK(t.spans.start_ns[m1] == ns("2026-01-01T00:00:01Z"));
  CHECK(t.spans.start_ns[m1] + t.spans.duration_ns[m1] == ns("2026-01-01T00:00:04Z"));
  CHECK(l.attribute_sum(SpanKind::model, "output_tokens") == 6);
}

TEST_CASE("claude code: malformed lines are skipped, counted and located") {
  const std::string original = read_file(data_path("claude-code/short.jsonl"));
  // Line 6 (a streamed record of the turn) cut in half, line 9 (a hook) with a bad timestamp, and a last
  // line with no newline that is not complete.
  std::vector<std::string> lines;
  for (size_t at = 0; at < original.size();) {
    const size_t end = original.find('\n', at);
    lines.push_back(original.substr(at, end - at));
    at = end + 1;
  }
  REQUIRE(lines.size() == 15);
  lines[5] = lines[5].substr(0, lines[5].size() / 2);
  const size_t stamp = lines[8].find("\"timestamp\":\"");
  REQUIRE(stamp != std::string::npos);
  lines[8].replace(stamp + 13, 4, "yyyy");
  std::string text;
  std::vector<uint64_t> offsets;
  for (const std::string& line : lines) {
    offsets.push_back(text.size());
    text += line + "\n";
  }
  const uint64_t tail_offset = text.size();
  text += "{\"type\":\"user\",\"sessionId\":";

  Loaded l = load({{"broken.jsonl", text}}, 7);
  const Trace& t = l.trace();
  REQUIRE(t.skipped.size() == 3);
  CHECK(t.skipped[0].line == 6);
  CHECK(t.skipped[0].reason == SkipReason::invalid_json);
  CHECK(t.skipped[0].byte_offset == offsets[5]);
  CHECK(t.skipped[1].line == 9);
  CHECK(t.skipped[1].reason == SkipReason::bad_timestamp);
  CHECK(t.skipped[1].byte_offset == offsets[8]);
  CHECK(t.skipped[2].line == 16);
  CHECK(t.skipped[2].reason == SkipReason::partial_line);
  CHECK(t.skipped[2].byte_offset == tail_offset);
  CHECK(t.inputs[0].records == 13);
  CHECK(t.inputs[0].skipped == 3);
  CHECK(export_bytes(*l.bundle, 0) == text);
  // The rest still reads: the turn keeps four of its five records and both calls; line 9 was the
  // PreToolUse hook.
  CHECK(l.all(SpanKind::model).size() == 1);
  CHECK(l.all(SpanKind::hook).size() == 2);
  for (std::string_view name : {"Bash", "Glob"}) {
    const uint32_t call = l.find(SpanKind::tool, name);
    REQUIRE(call != kNoSpan);
    CHECK(t.spans.status[call] == SpanStatus::denied);
    CHECK(t.spans.kind[t.spans.parent[call]] == SpanKind::model);
  }

  ConvertOptions strict;
  strict.strict = true;
  Converted refused = convert_in_memory({{"broken.jsonl", text}}, 1 << 20, strict);
  REQUIRE_FALSE(refused.status.is_ok());
  CHECK(refused.status.code() == ErrorCode::malformed_record);
  CHECK(refused.status.message().find("broken.jsonl:6: byte " + std::to_string(offsets[5])) != std::string::npos);
}

TEST_CASE("claude code: sniffing claims transcripts and nothing else") {
  for (const Expected& e : kExpected) {
    INFO(e.file);
    const std::string head = read_file(data_path("claude-code/" + e.file)).substr(0, 65536);
    CHECK(claude_code_sniff(head).empty());
    auto detected = detect_format(e.file, head);
    REQUIRE(detected.is_ok());
    CHECK(detected.value()->name == "claude_code");
  }
  // A first line that is a summary (no sessionId), or longer than the head.
  CHECK(claude_code_sniff("{\"type\":\"summary\",\"summary\":\"Fix the build\",\"leafUuid\":\"4f1c\"}\n").empty());
  const std::string long_first = record(
      "user", "u1", "", "01.000", "\"message\":{\"role\":\"user\",\"content\":\"" + std::string(70000, 'x') + "\"}");
  CHECK(claude_code_sniff(std::string_view(long_first).substr(0, 65536)).empty());
  // Not Claude Code: AgentEye (snake_case session_id), a hook payload, other JSON, text.
  CHECK_FALSE(claude_code_sniff(read_file(data_path("agenteye/interleaved.jsonl"))).empty());
  CHECK_FALSE(
      claude_code_sniff("{\"type\":\"user\",\"session_id\":\"s\",\"timestamp\":\"2026-01-01T00:00:00Z\"}\n").empty());
  CHECK_FALSE(
      claude_code_sniff("{\"session_id\":\"s\",\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\"}\n").empty());
  CHECK_FALSE(claude_code_sniff("{\"type\":\"tool_use\",\"sessionId\":\"s\"}\n").empty());
  CHECK(claude_code_sniff("hello world\n") == "the first record is not valid JSON");
  CHECK_FALSE(claude_code_sniff("").empty());
}

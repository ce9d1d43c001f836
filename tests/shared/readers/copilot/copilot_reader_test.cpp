// Copilot CLI reader on tests/data/copilot (see SOURCES.md there: a real session event log, a real older session
// document, and a hand-written event log with a subagent, per-call usage, a rejected call, an abort, errors, a hook
// and a compaction): records, spans by kind, tool calls by status, tokens, facts read back against the files' own
// values, chunk-size independence, byte-exact export, malformed input located, and sniffing. Expected numbers come
// from tests/data/copilot/compute_expected.py (run by hand).
#include "readers/copilot/copilot_reader.h"

#include <simdjson.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "readers/agent_log_checks.h"
#include "readers/registry.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

const std::string kHistory = "copilot/history-session-state/0b2a81da-02cf-4cbb-ae14-07c597b84f4e.json";
const std::string kWritten = "copilot/session-state/3c5e7a90-1b2d-4f6a-8c0e-2a4b6d8f0a1c.jsonl";
const std::string kReal = "copilot/session-state/96ef38f0-9d09-45c3-8124-6448c36090ed/events.jsonl";

struct Expected {  // printed by compute_expected.py
  std::string file;
  uint64_t records;
  int agent, human, model, tool, hook, event, error;
  int ok, failed, denied, cancelled, open;
  int64_t input_tokens, cache_read_tokens, cache_creation_tokens, output_tokens, reasoning_tokens;
};

const std::vector<Expected> kExpected = {
    {kHistory, 24, 1, 1, 5, 15, 0, 2, 0, 15, 0, 0, 0, 0, 0, 0, 0, 0, 0},
    {kWritten, 44, 2, 2, 5, 6, 1, 4, 2, 3, 1, 1, 1, 0, 2000, 6000, 1000, 293, 64},
    {kReal, 51, 1, 1, 6, 11, 0, 5, 0, 11, 0, 0, 0, 0, 0, 0, 0, 2848, 0},
};

simdjson::dom::element line_json(simdjson::dom::parser& parser, const std::string& line) {
  simdjson::dom::element element;
  REQUIRE_FALSE(parser.parse(line).get(element));
  return element;
}

}  // namespace

TEST_CASE("copilot: each session's records, spans by kind, tool calls and tokens") {
  for (const Expected& e : kExpected) {
    INFO(e.file);
    LoadedBundle l = load_bundle(data_inputs({e.file}));
    const Trace& t = l.trace();
    REQUIRE(t.inputs.size() == 1);
    CHECK(t.inputs[0].format == "copilot");
    CHECK(t.inputs[0].records == e.records);
    CHECK(t.inputs[0].skipped == 0);
    CHECK(t.sessions.size() == 1);
    auto kinds = l.kinds();
    CHECK(kinds[SpanKind::agent] == e.agent);
    CHECK(kinds[SpanKind::human] == e.human);
    CHECK(kinds[SpanKind::model] == e.model);
    CHECK(kinds[SpanKind::tool] == e.tool);
    CHECK(kinds[SpanKind::hook] == e.hook);
    CHECK(kinds[SpanKind::event] == e.event);
    CHECK(kinds[SpanKind::error] == e.error);
    CHECK(l.converted.summary.build.unfinished == uint64_t(e.open));
    CHECK(l.converted.summary.build.clock_repairs == 0);

    std::map<SpanStatus, int> status;
    for (uint32_t i : l.all(SpanKind::tool)) {
      INFO("tool " << t.name_of(i));
      ++status[t.spans.status[i]];
      REQUIRE(t.spans.parent[i] != kNoSpan);
      CHECK(t.spans.kind[t.spans.parent[i]] == SpanKind::model);  // under the turn that requested it
    }
    CHECK(status[SpanStatus::ok] == e.ok);
    CHECK(status[SpanStatus::error] == e.failed);
    CHECK(status[SpanStatus::denied] == e.denied);
    CHECK(status[SpanStatus::cancelled] == e.cancelled);
    CHECK(l.attribute_sum(SpanKind::model, "input_tokens") == e.input_tokens);
    CHECK(l.attribute_sum(SpanKind::model, "cache_read_tokens") == e.cache_read_tokens);
    CHECK(l.attribute_sum(SpanKind::model, "cache_creation_tokens") == e.cache_creation_tokens);
    CHECK(l.attribute_sum(SpanKind::model, "output_tokens") == e.output_tokens);
    CHECK(l.attribute_sum(SpanKind::model, "reasoning_tokens") == e.reasoning_tokens);

    const std::string bytes = read_file(data_path(e.file));
    const auto lines = line_extents(bytes);
    for (uint32_t i = 0; i < t.spans.size(); ++i) {
      INFO("span " << i << " " << t.name_of(i));
      for (RecordRef ref : {t.spans.begin_record[i], t.spans.end_record[i]}) {
        if (ref.length == 0) continue;
        if (e.file == kHistory) {
          CHECK(l.payload(ref).front() == '{');  // a timeline entry's extent, or the whole document
        } else {
          CHECK(lines.count({ref.offset, ref.length}) == 1);
        }
      }
    }
  }
}

TEST_CASE("copilot: the real event log's session, turns and totals") {
  LoadedBundle l = load_bundle(data_inputs({kReal}));
  const Trace& t = l.trace();
  CHECK(t.strings.get(t.sessions[0].id) == "96ef38f0-9d09-45c3-8124-6448c36090ed");
  const uint32_t root = l.find(SpanKind::agent, "main");
  CHECK(l.text_attribute(root, "cwd") == "/home/wei/repo/VibeCodingTracker");
  CHECK(l.text_attribute(root, "git_branch") == "refactor/gemini-copilot-new-formats");
  // session.shutdown's modelMetrics: input 186809 of which 151738 read from the cache.
  CHECK(l.integer(root, "total_input_tokens") == 186809 - 151738);
  CHECK(l.integer(root, "total_cache_read_tokens") == 151738);
  CHECK(l.integer(root, "total_output_tokens") == 2848);
  for (uint32_t m : l.all(SpanKind::model)) CHECK(l.text_attribute(m, "model") == "claude-sonnet-4.6");
  CHECK(l.all(SpanKind::tool, "web_search").size() == 3);
  CHECK(l.all(SpanKind::tool, "view").size() == 4);
  // The root ends at session.shutdown (17:18:20.178), 611.270 s after session.start.
  CHECK(t.spans.duration_ns[root] == 611270000000LL);
}

TEST_CASE("copilot: facts read back as the log wrote them") {
  const std::vector<NamedInput> inputs = data_inputs({kWritten});
  const ReadTrace r = read_trace(inputs);
  const Trace& t = r.trace;
  const uint32_t root = spans_of(t, SpanKind::agent, "main").front();
  CHECK(fact_text(r, root, TextRole::prompt) == "Why do requests to /orders time out?");
  CHECK(fact_text(r, root, TextRole::title) == "Orders endpoint timeouts");
  CHECK(fact_text(r, root, TextRole::summary) == "Found a full table scan in orders.py; the index edit failed.");

  const std::vector<uint32_t> models = spans_of(t, SpanKind::model);
  CHECK(fact_text(r, models[0], TextRole::thinking) == "I should look at the handler and its database calls.");
  CHECK(fact_text(r, models[0], TextRole::reply) == "Let me look at the handler.");
  const uint32_t view = spans_of(t, SpanKind::tool, "view").front();
  CHECK(fact_text(r, view, TextRole::path) == "/home/dev/api/orders.py");
  CHECK(fact_text(r, view, TextRole::output).starts_with("1. def orders():"));

  // The subagent: under its task call, its own turn and call under it.
  const uint32_t task = spans_of(t, SpanKind::tool, "task").front();
  CHECK(fact_text(r, task, TextRole::description) == "Find slow queries");
  CHECK(fact_text(r, task, TextRole::prompt) == "List queries in orders.py without an index.");
  const uint32_t explore = spans_of(t, SpanKind::agent, "explore").front();
  CHECK(t.spans.parent[explore] == task);
  const uint32_t grep = spans_of(t, SpanKind::tool, "grep").front();
  CHECK(t.spans.parent[t.spans.parent[grep]] == explore);
  CHECK(fact_text(r, grep, TextRole::pattern) == "db.query");

  const std::vector<uint32_t> shells = spans_of(t, SpanKind::tool, "bash");
  REQUIRE(shells.size() == 2);
  CHECK(t.spans.status[shells[0]] == SpanStatus::denied);
  CHECK(fact_text(r, shells[0], TextRole::command) == "rm -rf /var/lib/pg/cache");
  CHECK(fact_text(r, shells[0], TextRole::reason) == "The user rejected this tool call.");
  CHECK(t.spans.status[shells[1]] == SpanStatus::cancelled);  // running when the user aborted
  const uint32_t edit = spans_of(t, SpanKind::tool, "str_replace").front();
  CHECK(fact_text(r, edit, TextRole::old_text) == "CREATE TABLE orders (");
  CHECK(fact_text(r, edit, TextRole::error) == "old_str not found in /home/dev/api/schema.sql");
  const uint32_t compaction = spans_of(t, SpanKind::event, "compaction").front();
  CHECK(fact_text(r, compaction, TextRole::summary).starts_with("User asked about /orders timeouts"));
  CHECK(t.spans.duration_ns[compaction] == 5000000000LL);
  const std::vector<uint32_t> errors = spans_of(t, SpanKind::error);
  REQUIRE(errors.size() == 2);
  CHECK(fact_text(r, errors[0], TextRole::error) == "upstream 503");

  // Per-call usage: inputTokens counts the cache reads and writes, which are taken out.
  simdjson::dom::parser parser;
  const std::vector<std::string> lines = split_lines(inputs[0].bytes);
  int64_t input = 0, read = 0, write = 0;
  REQUIRE_FALSE(line_json(parser, lines[8])["data"]["inputTokens"].get_int64().get(input));
  REQUIRE_FALSE(line_json(parser, lines[8])["data"]["cacheReadTokens"].get_int64().get(read));
  REQUIRE_FALSE(line_json(parser, lines[8])["data"]["cacheWriteTokens"].get_int64().get(write));
  const std::optional<Attribute> counted = t.find_attribute(models[0], "input_tokens");
  REQUIRE(counted);
  CHECK(counted->value == input - read - write);
}

TEST_CASE("copilot: the older session document") {
  const std::vector<NamedInput> inputs = data_inputs({kHistory});
  const ReadTrace r = read_trace(inputs);
  const Trace& t = r.trace;
  CHECK(r.trace.strings.get(t.sessions[0].id) == "0b2a81da-02cf-4cbb-ae14-07c597b84f4e");
  simdjson::dom::parser parser;
  simdjson::dom::element document;
  REQUIRE_FALSE(parser.parse(inputs[0].bytes).get(document));
  std::string_view prompt, first_path;
  REQUIRE_FALSE(document["timeline"].at(2)["text"].get_string().get(prompt));
  REQUIRE_FALSE(document["timeline"].at(4)["arguments"]["path"].get_string().get(first_path));
  const uint32_t human = spans_of(t, SpanKind::human).front();
  CHECK(fact_text(r, human, TextRole::prompt) == prompt);
  const std::vector<uint32_t> tools = spans_of(t, SpanKind::tool, "str_replace_editor");
  REQUIRE(!tools.empty());
  CHECK(fact_text(r, tools.front(), TextRole::path) == first_path);
  // The first copilot entry's three calls nest under it.
  const uint32_t first_model = spans_of(t, SpanKind::model).front();
  int nested = 0;
  for (uint32_t tool : spans_of(t, SpanKind::tool)) nested += t.spans.parent[tool] == first_model ? 1 : 0;
  CHECK(nested == 4);
}

TEST_CASE("copilot: a session-state folder keeps each session apart") {
  // As `agentreel convert ~/.copilot/session-state` stores them: <id>.jsonl (early releases) and <id>/events.jsonl.
  LoadedBundle l = load_bundle(data_inputs({kWritten, kReal}));
  REQUIRE(l.trace().sessions.size() == 2);
  CHECK(l.trace().strings.get(l.trace().sessions[0].id) != l.trace().strings.get(l.trace().sessions[1].id));
}

TEST_CASE("copilot: chunk edges do not matter, export is byte for byte") {
  for (const std::string& file : {kHistory, kWritten, kReal}) {
    const std::vector<NamedInput> inputs = data_inputs({file});
    INFO(file);
    const Converted whole = convert_in_memory(inputs, 1 << 20);
    const Converted bytes = convert_in_memory(inputs, 1);
    REQUIRE(whole.status.is_ok());
    REQUIRE(bytes.status.is_ok());
    CHECK(whole.bundle == bytes.bundle);
    CHECK(dump_trace(read_trace(inputs, 1)) == dump_trace(read_trace(inputs, 4093)));
    LoadedBundle l = load_bundle(inputs);
    CHECK(export_bytes(*l.bundle, 0) == inputs[0].bytes);
  }
}

TEST_CASE("copilot: malformed input is skipped and located") {
  std::vector<std::string> lines = split_lines(read_file(data_path(kWritten)));
  REQUIRE(lines.size() == 44);
  lines[9] = lines[9].substr(0, 40);                                  // the first tool.execution_start cut short
  lines[20].replace(lines[20].find("\"data\":{"), 8, "\"data\":[{");  // data not an object
  lines[20].replace(lines[20].find("},\"id\""), 1, "}]");
  std::string text;
  std::vector<uint64_t> offsets;
  for (const std::string& line : lines) {
    offsets.push_back(text.size());
    text += line + "\n";
  }
  LoadedBundle l = load_bundle({{"events.jsonl", text}}, 3);
  const Trace& t = l.trace();
  REQUIRE(t.skipped.size() == 2);
  CHECK(t.skipped[0].line == 10);
  CHECK(t.skipped[0].reason == SkipReason::invalid_json);
  CHECK(t.skipped[0].byte_offset == offsets[9]);
  CHECK(t.skipped[1].line == 21);
  CHECK(t.skipped[1].reason == SkipReason::wrong_type);
  CHECK(t.skipped[1].byte_offset == offsets[20]);
  CHECK(t.skipped[1].detail == "expected object field \"data\"");
  CHECK(t.inputs[0].records == 42);
  CHECK(export_bytes(*l.bundle, 0) == text);
  // The view call's completion, without its start: an unpaired end.
  const uint32_t unknown = l.find(SpanKind::tool, "unknown");
  REQUIRE(unknown != kNoSpan);
  CHECK((t.spans.flags[unknown] & kFlagUnpairedEnd) != 0);

  // The older document with a broken timeline: located by line and byte.
  std::string document = read_file(data_path(kHistory));
  const size_t brace = document.find("{\n      \"id\": \"188363eb");
  REQUIRE(brace != std::string::npos);
  document.insert(brace, "]");
  LoadedBundle broken = load_bundle({{"session.json", document}});
  REQUIRE(broken.trace().skipped.size() == 1);
  CHECK(broken.trace().skipped[0].byte_offset == brace);
  CHECK(broken.trace().skipped[0].reason == SkipReason::invalid_json);

  ConvertOptions strict;
  strict.strict = true;
  const Converted refused = convert_in_memory({{"events.jsonl", text}}, 1 << 20, strict);
  REQUIRE_FALSE(refused.status.is_ok());
  CHECK(refused.status.code() == ErrorCode::malformed_record);
  CHECK(refused.status.message().find("events.jsonl:10: byte " + std::to_string(offsets[9])) != std::string::npos);
}

TEST_CASE("copilot: sniffing claims sessions and nothing else") {
  for (const Expected& e : kExpected) {
    INFO(e.file);
    const std::string head = read_file(data_path(e.file)).substr(0, 65536);
    CHECK(copilot_sniff(head).empty());
    auto detected = detect_format(e.file, head);
    REQUIRE(detected.is_ok());
    CHECK(detected.value()->name == "copilot");
  }
  CHECK_FALSE(copilot_sniff("{\"type\":\"agent_start\",\"data\":{},\"id\":\"x\"}\n").empty());
  CHECK(copilot_sniff("[]") == "the input does not begin with a JSON object");
  namespace fs = std::filesystem;
  size_t checked = 0;
  for (const auto& entry : fs::recursive_directory_iterator(data_path(""))) {
    const std::string path = entry.path().generic_string();
    if (!entry.is_regular_file() || path.find("/copilot/") != std::string::npos ||
        entry.path().filename().string().starts_with("copilot-")) {
      continue;  // copies of Copilot logs elsewhere are named copilot-*
    }
    const std::string extension = entry.path().extension().string();
    if (extension != ".jsonl" && extension != ".json" && extension != ".traj") continue;
    INFO(path);
    CHECK_FALSE(copilot_sniff(read_file(path).substr(0, 65536)).empty());
    ++checked;
  }
  CHECK(checked >= 10);
}

TEST_CASE("copilot: a turn whose start names no model takes the session's, or the one its call or message names") {
  // Newer CLIs write the model in session.tools_updated and model.call_start, not in assistant.turn_start (shape
  // of a public event log from a Copilot SDK repository, written here by hand).
  auto line = [](const std::string& type, const std::string& data, const std::string& id, const std::string& ts) {
    return "{\"type\":\"" + type + "\",\"data\":" + data + ",\"id\":\"" + id +
           "\",\"timestamp\":\"2026-07-30T01:56:" + ts + "Z\",\"parentId\":\"p\"}\n";
  };
  const std::string with_session_model =
      line("session.tools_updated", "{\"model\":\"claude-sonnet-4.6\"}", "e1", "53.993") +
      line("user.message", "{\"content\":\"go\"}", "e2", "54.006") +
      line("assistant.turn_start", "{\"turnId\":\"0\"}", "e3", "54.141") +
      line("assistant.message", "{\"content\":\"done\",\"outputTokens\":103}", "e4", "57.305") +
      line("assistant.turn_end", "{\"turnId\":\"0\"}", "e5", "57.400");
  std::string named_by_call = with_session_model.substr(with_session_model.find('\n') + 1);
  named_by_call.insert(named_by_call.find("{\"type\":\"assistant.message\""),
                       line("model.call_start", "{\"turnId\":\"0\",\"model\":\"gpt-5\"}", "e9", "54.159"));
  for (const auto& [text, model] : {std::pair{with_session_model, std::string("claude-sonnet-4.6")},
                                    std::pair{named_by_call, std::string("gpt-5")}}) {
    LoadedBundle loaded = load_bundle({{"events.jsonl", text}});
    const Trace& t = loaded.trace();
    size_t models = 0;
    for (uint32_t i = 0; i < t.spans.size(); ++i) {
      if (t.spans.kind[i] != SpanKind::model) continue;
      ++models;
      const std::optional<Attribute> a = t.find_attribute(i, "model");
      REQUIRE(a);
      CHECK(t.strings.get(StringId(a->value)) == model);
    }
    CHECK(models == 1);
  }
}

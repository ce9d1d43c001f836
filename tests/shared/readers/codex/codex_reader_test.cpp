// Codex rollout reader on tests/data/codex (see SOURCES.md there: one real rollout, and hand-written ones for the
// newer events, a spawned subagent thread and the old layout without envelopes): records, spans by kind, tool
// calls by status, tokens as per-call deltas of the cumulative totals, facts read back against the files' own
// values, the spawned thread nested under its spawn call, chunk-size independence, byte-exact export, malformed
// lines, and sniffing. Expected numbers come from tests/data/codex/compute_expected.py (run by hand).
#include "readers/codex/codex_reader.h"

#include <simdjson.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "readers/agent_log_checks.h"
#include "readers/codex/codex_records.h"
#include "readers/registry.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

const std::string kReal = "codex/rollout-codex-vscode-0.39.jsonl";
const std::string kMain =
    "codex/sessions/2026/08/07/rollout-2026-08-07T20-44-09-0198a7c2-1b2e-7c33-9d41-5e6f7a8b9c0d.jsonl";
const std::string kChild =
    "codex/sessions/2026/08/07/rollout-2026-08-07T20-44-33-0198a7c5-77aa-7b10-8c22-3d4e5f60718a.jsonl";
const std::string kLegacy = "codex/legacy/rollout-2025-08-20T13-20-47-5f2c1e0a-3b4d-4e5f-8a9b-0c1d2e3f4a5b.jsonl";

struct Expected {  // printed by compute_expected.py
  std::string file;
  uint64_t records;
  int agent, human, model, tool, event, error;
  int ok, failed, denied, cancelled, open;
  int64_t input_tokens, cache_read_tokens, output_tokens, reasoning_tokens;
};

const std::vector<Expected> kExpected = {
    {kLegacy, 13, 1, 1, 4, 3, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0},
    {kReal, 106, 1, 1, 19, 18, 0, 0, 17, 1, 0, 0, 0, 133698, 136832, 12551, 9536},
    {kMain, 47, 1, 2, 8, 8, 3, 1, 4, 2, 1, 1, 0, 12820, 71680, 760, 256},
    {kChild, 8, 1, 1, 2, 1, 0, 0, 1, 0, 0, 0, 0, 4254, 4096, 85, 32},
};

simdjson::dom::element parse_line(simdjson::dom::parser& parser, const std::string& line) {
  simdjson::dom::element element;
  REQUIRE_FALSE(parser.parse(line).get(element));
  return element;
}

}  // namespace

TEST_CASE("codex: each rollout's records, spans by kind, tool calls and tokens") {
  for (const Expected& e : kExpected) {
    INFO(e.file);
    LoadedBundle l = load_bundle(data_inputs({e.file}));
    const Trace& t = l.trace();
    REQUIRE(t.inputs.size() == 1);
    CHECK(t.inputs[0].format == "codex");
    CHECK(t.inputs[0].records == e.records);
    CHECK(t.inputs[0].skipped == 0);
    CHECK(t.sessions.size() == 1);
    auto kinds = l.kinds();
    CHECK(kinds[SpanKind::agent] == e.agent);
    CHECK(kinds[SpanKind::human] == e.human);
    CHECK(kinds[SpanKind::model] == e.model);
    CHECK(kinds[SpanKind::tool] == e.tool);
    CHECK(kinds[SpanKind::event] == e.event);
    CHECK(kinds[SpanKind::error] == e.error);
    CHECK(kinds[SpanKind::hook] == 0);
    CHECK(l.converted.summary.build.unfinished == uint64_t(e.open));
    CHECK(l.converted.summary.build.parent_cycles == 0);

    std::map<SpanStatus, int> status;
    for (uint32_t i : l.all(SpanKind::tool)) {
      INFO("tool " << t.name_of(i));
      ++status[t.spans.status[i]];
      REQUIRE(t.spans.parent[i] != kNoSpan);
      CHECK(t.spans.kind[t.spans.parent[i]] == SpanKind::model);  // nested under the call that asked
    }
    CHECK(status[SpanStatus::ok] == e.ok);
    CHECK(status[SpanStatus::error] == e.failed);
    CHECK(status[SpanStatus::denied] == e.denied);
    CHECK(status[SpanStatus::cancelled] == e.cancelled);

    // Per-call deltas add up to the session's last cumulative total.
    CHECK(l.attribute_sum(SpanKind::model, "input_tokens") == e.input_tokens);
    CHECK(l.attribute_sum(SpanKind::model, "cache_read_tokens") == e.cache_read_tokens);
    CHECK(l.attribute_sum(SpanKind::model, "output_tokens") == e.output_tokens);
    CHECK(l.attribute_sum(SpanKind::model, "reasoning_tokens") == e.reasoning_tokens);

    // Every span's payload is exactly one line of the file.
    const auto lines = line_extents(read_file(data_path(e.file)));
    for (uint32_t i = 0; i < t.spans.size(); ++i) {
      INFO("span " << i << " " << t.name_of(i));
      CHECK(t.spans.begin_record[i].length > 0);
      for (RecordRef ref : {t.spans.begin_record[i], t.spans.end_record[i]}) {
        if (ref.length > 0) CHECK(lines.count({ref.offset, ref.length}) == 1);
      }
    }
  }
}

TEST_CASE("codex: the real rollout's calls, model and place") {
  LoadedBundle l = load_bundle(data_inputs({kReal}));
  const Trace& t = l.trace();
  const uint32_t root = l.find(SpanKind::agent, "main");
  REQUIRE(root != kNoSpan);
  CHECK(l.text_attribute(root, "cwd") == "/proj/ds906659/gai/claude-code");
  CHECK(l.text_attribute(root, "git_branch") == "main");
  // The VS Code wrapper ("# Context from my IDE setup: ... ## My request for Codex:") is not the goal.
  CHECK(l.text_attribute(root, "goal").starts_with("幫我檢查一下 go.mod"));
  for (uint32_t i : l.all(SpanKind::model)) CHECK(l.text_attribute(i, "model") == "aide-gpt-5");
  CHECK(l.all(SpanKind::tool, "shell").size() == 14);  // the file's function_call names: 14 shell, 4 update_plan
  CHECK(l.all(SpanKind::tool, "update_plan").size() == 4);
  // The one failure: apply_patch inside the shell refused an empty patch.
  uint32_t failed = kNoSpan;
  for (uint32_t i : l.all(SpanKind::tool)) failed = t.spans.status[i] == SpanStatus::error ? i : failed;
  REQUIRE(failed != kNoSpan);
  CHECK(l.text_attribute(failed, "error") == "patch rejected: empty patch");
  // The first call (line 7's token_count) is the first line of usage: 5645 in, 5504 of it cached.
  const uint32_t first = l.all(SpanKind::model).front();
  CHECK(l.integer(first, "input_tokens") == 141);
  CHECK(l.integer(first, "cache_read_tokens") == 5504);
  CHECK(l.integer(first, "output_tokens") == 810);
  CHECK(l.integer(first, "reasoning_tokens") == 640);
}

TEST_CASE("codex: facts read back as the rollout wrote them") {
  const std::vector<NamedInput> inputs = data_inputs({kMain});
  const ReadTrace r = read_trace(inputs);
  const Trace& t = r.trace;
  simdjson::dom::parser parser;
  const std::vector<std::string> lines = split_lines(inputs[0].bytes);

  const std::vector<uint32_t> humans = spans_of(t, SpanKind::human);
  REQUIRE(humans.size() == 2);
  CHECK(fact_text(r, humans[0], TextRole::prompt) == "Fix the failing cart test and explain the cause.");
  CHECK(fact_text(r, humans[1], TextRole::prompt) == "Now also run the whole suite.");
  const uint32_t root = spans_of(t, SpanKind::agent, "main").front();
  CHECK(fact_text(r, root, TextRole::prompt) == "Fix the failing cart test and explain the cause.");

  // exec_command: its arguments as the model wrote them (JSON text in a string), the script from
  // exec_command_end's argv, both streams and the exit code.
  const uint32_t exec = spans_of(t, SpanKind::tool, "exec_command").front();
  std::string_view arguments;
  REQUIRE_FALSE(parse_line(parser, lines[10])["payload"]["arguments"].get_string().get(arguments));
  CHECK(fact_text(r, exec, TextRole::input) == arguments);
  CHECK(fact_text(r, exec, TextRole::command) == "npm test -- cart");
  CHECK(fact_text(r, exec, TextRole::stdout_text) == "FAIL src/cart.test.js\n  expected 3 items, got 2\n");
  CHECK(fact_text(r, exec, TextRole::stderr_text) == "npm ERR! Test failed.\n");
  CHECK(fact_text(r, exec, TextRole::output).starts_with("Exit code: 1\n"));
  CHECK(fact_text(r, exec, TextRole::error) == fact_text(r, exec, TextRole::output));
  CHECK(t.spans.status[exec] == SpanStatus::error);

  // local_shell_call: argv ["bash", "-lc", script] -> the script; its own working directory.
  const uint32_t local = spans_of(t, SpanKind::tool, "local_shell").front();
  CHECK(fact_text(r, local, TextRole::command) == "npm test -- cart");
  std::string_view dir;
  REQUIRE_FALSE(parse_line(parser, lines[18])["payload"]["action"]["working_directory"].get_string().get(dir));
  const std::optional<Attribute> cwd = t.find_attribute(local, "cwd");
  REQUIRE(cwd);
  CHECK(t.strings.get(StringId(cwd->value)) == dir);

  // apply_patch (a custom tool): the patch as input, the action "edit".
  const uint32_t patch = spans_of(t, SpanKind::tool, "apply_patch").front();
  CHECK(fact_text(r, patch, TextRole::input).starts_with("*** Begin Patch\n*** Update File: src/cart.js"));
  CHECK(t.strings.get(StringId(t.find_attribute(patch, "action")->value)) == "edit");

  // The refused push: denied, the harness's words as the reason.
  const uint32_t push = spans_of(t, SpanKind::tool, "shell").front();
  CHECK(t.spans.status[push] == SpanStatus::denied);
  CHECK(fact_text(r, push, TextRole::reason) == "exec command rejected by user");

  // The web search's query; the MCP call's failure from mcp_tool_call_end.
  const uint32_t search = spans_of(t, SpanKind::tool, "web_search").front();
  CHECK(fact_text(r, search, TextRole::query) == "array slice off by one javascript");
  const uint32_t mcp = spans_of(t, SpanKind::tool, "mcp__linear__create_issue").front();
  CHECK(t.spans.status[mcp] == SpanStatus::error);
  CHECK(t.strings.get(StringId(t.find_attribute(mcp, "action")->value)) == "mcp");

  // Replies and thinking on the model calls that made them; the compaction's summary.
  const std::vector<uint32_t> models = spans_of(t, SpanKind::model);
  CHECK(fact_text(r, models[0], TextRole::thinking) == "**Running the tests**\n\nI'll run the cart tests first.");
  size_t replies = 0;
  for (uint32_t m : models) replies += fact_count(r, m, TextRole::reply);
  CHECK(replies == 1);
  const uint32_t compaction = spans_of(t, SpanKind::event, "compaction").front();
  CHECK(fact_text(r, compaction, TextRole::summary).starts_with("The user asked to fix the cart test"));
  const uint32_t error = spans_of(t, SpanKind::error).front();
  CHECK(fact_text(r, error, TextRole::error) == "stream disconnected before completion: Transport error");
}

TEST_CASE("codex: a sessions folder nests the spawned thread under its spawn call") {
  // As `agentreel convert ~/.codex/sessions` stores them: sessions/YYYY/MM/DD/rollout-*.jsonl, sorted.
  LoadedBundle l = load_bundle(data_inputs({kMain, kChild}));
  const Trace& t = l.trace();
  REQUIRE(t.sessions.size() == 1);  // the child thread joins its parent's session
  CHECK(t.strings.get(t.sessions[0].id) == "0198a7c2-1b2e-7c33-9d41-5e6f7a8b9c0d");
  const uint32_t scout = l.find(SpanKind::agent, "Scout");
  REQUIRE(scout != kNoSpan);
  const uint32_t spawn = t.spans.parent[scout];
  REQUIRE(spawn != kNoSpan);
  CHECK(t.name_of(spawn) == "spawn_agent");
  CHECK(l.text_attribute(spawn, "agent_id") == "0198a7c5-77aa-7b10-8c22-3d4e5f60718a");
  CHECK(l.text_attribute(scout, "agent_id") == "0198a7c5-77aa-7b10-8c22-3d4e5f60718a");
  // Both threads' calls, each under its own thread.
  CHECK(l.all(SpanKind::model).size() == 10);
  CHECK(l.attribute_sum(SpanKind::model, "output_tokens") == 760 + 85);
  int under_scout = 0;
  for (uint32_t call : l.all(SpanKind::tool)) {
    uint32_t up = t.spans.parent[call];
    while (up != kNoSpan && t.spans.kind[up] != SpanKind::agent) up = t.spans.parent[up];
    under_scout += up == scout ? 1 : 0;
  }
  CHECK(under_scout == 1);  // its rg
}

TEST_CASE("codex: an old rollout without envelopes reads in steps") {
  LoadedBundle l = load_bundle(data_inputs({kLegacy}));
  const Trace& t = l.trace();
  REQUIRE(t.sessions.size() == 1);
  CHECK(t.strings.get(t.sessions[0].id) == "5f2c1e0a-3b4d-4e5f-8a9b-0c1d2e3f4a5b");
  for (uint32_t i = 0; i < t.spans.size(); ++i) CHECK((t.spans.flags[i] & kFlagOrdinalTime) != 0);
  const uint32_t root = l.find(SpanKind::agent, "main");
  CHECK(l.text_attribute(root, "git_branch") == "main");
  CHECK(l.text_attribute(root, "goal") == "Why does the build print a warning about unused imports?");
  // One step per item after the header (state markers take none): ten items, so the run lasts ten steps.
  CHECK(t.spans.start_ns[root] == 0);
  CHECK(t.spans.duration_ns[root] == 10 * 1000000000LL);
  const uint32_t clippy = l.all(SpanKind::tool, "shell").back();
  CHECK(t.spans.status[clippy] == SpanStatus::error);
  CHECK(l.text_attribute(clippy, "error").starts_with("exit code 101"));
  const ReadTrace r = read_trace(data_inputs({kLegacy}));
  const uint32_t grep = spans_of(r.trace, SpanKind::tool, "local_shell").front();
  // Not a shell running a script: the command fact is the whole argv.
  const std::optional<TextRef> command = r.trace.texts.find(grep, TextRole::command);
  REQUIRE(command);
  CHECK(record_json_at(r.record(command->record), r.trace.strings.get(command->path)) ==
        "[\"grep\",\"-rn\",\"use std::fmt\",\"src\"]");
}

TEST_CASE("codex: chunk edges do not matter, export is byte for byte") {
  for (const std::vector<std::string>& files :
       std::vector<std::vector<std::string>>{{kReal}, {kMain, kChild}, {kLegacy}}) {
    const std::vector<NamedInput> inputs = data_inputs(files);
    INFO(files.front());
    const Converted whole = convert_in_memory(inputs, 1 << 20);
    const Converted bytes = convert_in_memory(inputs, 1);
    REQUIRE(whole.status.is_ok());
    REQUIRE(bytes.status.is_ok());
    CHECK(whole.bundle == bytes.bundle);
    CHECK(dump_trace(read_trace(inputs, 1)) == dump_trace(read_trace(inputs, 4093)));
    LoadedBundle l = load_bundle(inputs);
    for (size_t i = 0; i < inputs.size(); ++i) CHECK(export_bytes(*l.bundle, i) == inputs[i].bytes);
  }
}

TEST_CASE("codex: malformed lines are skipped, counted and located") {
  std::vector<std::string> lines = split_lines(read_file(data_path(kMain)));
  REQUIRE(lines.size() == 47);
  lines[12] = lines[12].substr(0, lines[12].size() / 2);        // exec_command_end cut in half
  lines[20].replace(lines[20].find("2026-08-07T"), 4, "20x6");  // a token_count with a bad time
  lines[3] = "{\"timestamp\":\"2026-08-07T20:44:09.800Z\",\"type\":\"response_item\",\"payload\":[]}";
  std::string text;
  std::vector<uint64_t> offsets;
  for (const std::string& line : lines) {
    offsets.push_back(text.size());
    text += line + "\n";
  }
  const uint64_t tail = text.size();
  text += "{\"timestamp\":\"2026-08-07T20:46:00.000Z\",\"type\":";

  LoadedBundle l = load_bundle({{"broken.jsonl", text}}, 7);
  const Trace& t = l.trace();
  REQUIRE(t.skipped.size() == 4);
  CHECK(t.skipped[0].line == 4);
  CHECK(t.skipped[0].reason == SkipReason::wrong_type);
  CHECK(t.skipped[0].byte_offset == offsets[3]);
  CHECK(t.skipped[0].detail == "expected object field \"payload\"");
  CHECK(t.skipped[1].line == 13);
  CHECK(t.skipped[1].reason == SkipReason::invalid_json);
  CHECK(t.skipped[1].byte_offset == offsets[12]);
  CHECK(t.skipped[2].line == 21);
  CHECK(t.skipped[2].reason == SkipReason::bad_timestamp);
  CHECK(t.skipped[2].byte_offset == offsets[20]);
  CHECK(t.skipped[3].line == 48);
  CHECK(t.skipped[3].reason == SkipReason::partial_line);
  CHECK(t.skipped[3].byte_offset == tail);
  CHECK(t.inputs[0].records == 44);
  CHECK(export_bytes(*l.bundle, 0) == text);
  // Without its exec_command_end the failing test run still fails, from its output's exit code.
  const uint32_t exec = l.find(SpanKind::tool, "exec_command");
  CHECK(t.spans.status[exec] == SpanStatus::error);

  ConvertOptions strict;
  strict.strict = true;
  const Converted refused = convert_in_memory({{"broken.jsonl", text}}, 1 << 20, strict);
  REQUIRE_FALSE(refused.status.is_ok());
  CHECK(refused.status.code() == ErrorCode::malformed_record);
  CHECK(refused.status.message().find("broken.jsonl:4: byte " + std::to_string(offsets[3])) != std::string::npos);
}

TEST_CASE("codex: tool outputs, token events and shell argv read as Codex means them") {
  simdjson::dom::parser parser;
  CHECK(codex::classify_output("{\"output\":\"ok\",\"metadata\":{\"exit_code\":0,\"duration_seconds\":0.1}}", parser)
            .status == SpanStatus::ok);
  const codex::ToolOutcome failed =
      codex::classify_output("{\"output\":\"boom\\nmore\",\"metadata\":{\"exit_code\":2}}", parser);
  CHECK(failed.status == SpanStatus::error);
  CHECK(failed.text == "exit code 2: boom");
  CHECK(codex::classify_output("Exit code: 0\nWall time: 1s\nOutput:\nerror: not really", parser).status ==
        SpanStatus::ok);
  CHECK(codex::classify_output("Chunk ID: 7\nWall time: 2s\nProcess exited with code 127\n", parser).status ==
        SpanStatus::error);
  CHECK(codex::classify_output("patch rejected by user", parser).status == SpanStatus::denied);
  CHECK(codex::classify_output("aborted", parser).status == SpanStatus::cancelled);
  CHECK(codex::classify_output("failed to parse function arguments: EOF", parser).status == SpanStatus::error);
  CHECK(codex::classify_output("Script failed\nboom", parser).status == SpanStatus::error);
  CHECK(codex::classify_output("", parser).status == SpanStatus::ok);

  codex::TokenCounter counter;
  auto event = [&](const char* json) { return parse_line(parser, json).get_object().value(); };
  CHECK_FALSE(counter.call_usage(event("{\"type\":\"token_count\",\"info\":null}")));
  auto first = counter.call_usage(
      event("{\"info\":{\"total_token_usage\":{\"input_tokens\":100,\"cached_input_tokens\":40,\"output_tokens\":10,"
            "\"reasoning_output_tokens\":4,\"total_tokens\":110},\"last_token_usage\":{\"input_tokens\":100}}}"));
  REQUIRE(first);
  CHECK(first->input == 100);
  auto repeat = counter.call_usage(
      event("{\"info\":{\"total_token_usage\":{\"input_tokens\":100,\"cached_input_tokens\":40,\"output_tokens\":10,"
            "\"reasoning_output_tokens\":4,\"total_tokens\":110}}}"));
  CHECK_FALSE(repeat);  // the same total again (a rate-limit update): no call
  auto second = counter.call_usage(
      event("{\"info\":{\"total_token_usage\":{\"input_tokens\":250,\"cached_input_tokens\":140,\"output_tokens\":30,"
            "\"reasoning_output_tokens\":4,\"total_tokens\":280}}}"));
  REQUIRE(second);
  CHECK(second->input == 150);
  CHECK(second->cached_input == 100);
  CHECK(second->output == 20);
  CHECK(second->reasoning_output == 0);
  // Before the info wrapper: the event is the call's own usage.
  auto old = counter.call_usage(event("{\"type\":\"token_count\",\"input_tokens\":7,\"output_tokens\":3}"));
  REQUIRE(old);
  CHECK(old->input == 7);

  auto argv = [&](const char* json) { return parse_line(parser, json).get_array().value(); };
  CHECK(codex::argv_script_index(argv("[\"bash\",\"-lc\",\"ls\"]")) == 2);
  CHECK(codex::argv_script_index(argv("[\"/bin/zsh\",\"-c\",\"ls\"]")) == 2);
  CHECK(codex::argv_script_index(argv("[\"rg\",\"-n\",\"TODO\"]")) == -1);
  CHECK(codex::argv_script_index(argv("[\"bash\",\"-lc\"]")) == -1);
}

TEST_CASE("codex: sniffing claims rollouts and nothing else") {
  for (const Expected& e : kExpected) {
    INFO(e.file);
    const std::string head = read_file(data_path(e.file)).substr(0, 65536);
    CHECK(codex_sniff(head).empty());
    auto detected = detect_format(e.file, head);
    REQUIRE(detected.is_ok());
    CHECK(detected.value()->name == "codex");
  }
  // A session_meta longer than the head (base instructions inlined) is judged by its beginning.
  const std::string long_meta =
      "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"type\":\"session_meta\",\"payload\":{\"id\":\"x\","
      "\"base_instructions\":{\"text\":\"" +
      std::string(70000, 'x') + "\"}}}\n";
  CHECK(codex_sniff(std::string_view(long_meta).substr(0, 65536)).empty());
  CHECK_FALSE(codex_sniff("{\"timestamp\":\"2026-01-01T00:00:00Z\",\"type\":\"event_msg\",\"payload\":{}}\n").empty());
  CHECK_FALSE(codex_sniff("{\"id\":\"x\",\"timestamp\":\"2026-01-01T00:00:00Z\"}\n").empty());
  CHECK(codex_sniff("hello\n") == "the first record is not valid JSON");
  // No other format's test file (copies of Codex rollouts elsewhere, named rollout-*, are Codex's).
  namespace fs = std::filesystem;
  size_t checked = 0;
  for (const auto& entry : fs::recursive_directory_iterator(data_path(""))) {
    const std::string path = entry.path().generic_string();
    if (!entry.is_regular_file() || path.find("/codex/") != std::string::npos ||
        entry.path().filename().string().starts_with("rollout-")) {
      continue;
    }
    const std::string extension = entry.path().extension().string();
    if (extension != ".jsonl" && extension != ".json" && extension != ".traj") continue;
    INFO(path);
    CHECK_FALSE(codex_sniff(read_file(path).substr(0, 65536)).empty());
    ++checked;
  }
  CHECK(checked >= 10);
}

TEST_CASE("codex: one compaction written twice (compacted record, context_compacted event) is one span") {
  // Codex records a compaction as a `compacted` rollout item and announces it with a `context_compacted` event
  // a few ms later (seen in real rollouts, 0.104); either order, the pair is one compaction. Two compactions
  // with work between them stay two.
  const std::string meta =
      R"({"timestamp":"2026-02-24T09:00:00.000Z","type":"session_meta","payload":{"id":"s1","cwd":"/r"}})"
      "\n";
  const std::string record =
      R"({"timestamp":"2026-02-24T09:51:48.878Z","type":"compacted","payload":{"message":"summary","replacement_history":[]}})"
      "\n";
  const std::string event =
      R"({"timestamp":"2026-02-24T09:51:48.897Z","type":"event_msg","payload":{"type":"context_compacted"}})"
      "\n";
  const std::string work =
      R"({"timestamp":"2026-02-24T09:52:00.000Z","type":"response_item","payload":{"type":"message","role":"assistant","content":[{"type":"output_text","text":"on"}]}})"
      "\n";
  for (const std::string& log :
       {meta + record + event, meta + event + record, meta + record + event + work + record + event}) {
    INFO(log);
    const ReadTrace r = read_trace({{"sessions/rollout-2026-02-24T09-00-00-s1.jsonl", log}});
    const size_t expected = log.size() > meta.size() + record.size() + event.size() + work.size() ? 2 : 1;
    CHECK(spans_of(r.trace, SpanKind::event, "compaction").size() == expected);
  }
}

// Gemini CLI session reader on tests/data/gemini (see SOURCES.md there: the real JSON document and JSON lines
// sessions, and a hand-written chats folder with a subagent, rewrites, a rewind and a checkpoint): records, spans
// by kind, tool calls by status, tokens, facts read back against the files' own values, the subagent nested under
// the call that ran it, chunk-size independence, byte-exact export, malformed input located, and sniffing.
// Expected numbers come from tests/data/gemini/compute_expected.py (run by hand).
#include "readers/gemini/gemini_reader.h"

#include <simdjson.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "core/json_extents.h"
#include "readers/agent_log_checks.h"
#include "readers/registry.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

const std::string kDocument = "gemini/session.json";
const std::string kLines = "gemini/session.jsonl";
const std::string kMain = "gemini/chats/session-2026-08-09T10-00-1a2b3c4d.jsonl";
const std::string kSubagent =
    "gemini/chats/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d/9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a.jsonl";

struct Expected {  // printed by compute_expected.py
  std::string file;
  uint64_t records;
  int agent, human, model, tool, event, error;
  int ok, failed, cancelled, open;
  int64_t input_tokens, cache_read_tokens, output_tokens, reasoning_tokens;
};

const std::vector<Expected> kExpected = {
    {kSubagent, 5, 1, 1, 2, 1, 0, 0, 1, 0, 0, 0, 6104, 4096, 70, 10},
    {kMain, 14, 1, 3, 3, 5, 2, 1, 3, 1, 1, 0, 13030, 30000, 325, 160},
    {kDocument, 5, 1, 1, 3, 7, 0, 0, 7, 0, 0, 0, 36522, 39826, 20941, 11616},
    {kLines, 28, 1, 2, 6, 12, 2, 0, 12, 0, 0, 0, 153635, 48951, 4293, 2141},
};

}  // namespace

TEST_CASE("gemini: each session's records, spans by kind, tool calls and tokens") {
  for (const Expected& e : kExpected) {
    INFO(e.file);
    LoadedBundle l = load_bundle(data_inputs({e.file}));
    const Trace& t = l.trace();
    REQUIRE(t.inputs.size() == 1);
    CHECK(t.inputs[0].format == "gemini");
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
    CHECK(l.converted.summary.build.unfinished == uint64_t(e.open));
    CHECK(l.converted.summary.build.clock_repairs == 0);

    std::map<SpanStatus, int> status;
    for (uint32_t i : l.all(SpanKind::tool)) {
      ++status[t.spans.status[i]];
      REQUIRE(t.spans.parent[i] != kNoSpan);
      CHECK(t.spans.kind[t.spans.parent[i]] == SpanKind::model);
    }
    CHECK(status[SpanStatus::ok] == e.ok);
    CHECK(status[SpanStatus::error] == e.failed);
    CHECK(status[SpanStatus::cancelled] == e.cancelled);
    CHECK(l.attribute_sum(SpanKind::model, "input_tokens") == e.input_tokens);
    CHECK(l.attribute_sum(SpanKind::model, "cache_read_tokens") == e.cache_read_tokens);
    CHECK(l.attribute_sum(SpanKind::model, "output_tokens") == e.output_tokens);
    CHECK(l.attribute_sum(SpanKind::model, "reasoning_tokens") == e.reasoning_tokens);

    // Every record is a line of a JSON lines session, or in the document the exact extent of one message (or
    // the whole document, for the root).
    const std::string bytes = read_file(data_path(e.file));
    const auto lines = line_extents(bytes);
    for (uint32_t i = 0; i < t.spans.size(); ++i) {
      INFO("span " << i << " " << t.name_of(i));
      for (RecordRef ref : {t.spans.begin_record[i], t.spans.end_record[i]}) {
        if (ref.length == 0) continue;
        if (e.file == kDocument) {
          const std::string record = l.payload(ref);
          CHECK(record.front() == '{');
          CHECK(json_extents::value_end(record, 0) == record.size());
          CHECK(!json_extents::find_syntax_error(record));
        } else {
          CHECK(lines.count({ref.offset, ref.length}) == 1);
        }
      }
    }
  }
}

TEST_CASE("gemini: facts read back as the session wrote them") {
  const ReadTrace r = read_trace(data_inputs({kMain}));
  const Trace& t = r.trace;
  const uint32_t root = spans_of(t, SpanKind::agent, "main").front();
  CHECK(fact_text(r, root, TextRole::prompt) == "Find why the login test is flaky and fix it.");
  CHECK(fact_text(r, root, TextRole::summary) == "Fixed a flaky login test that slept instead of awaiting.");
  const std::vector<uint32_t> humans = spans_of(t, SpanKind::human);
  REQUIRE(humans.size() == 3);
  CHECK(fact_text(r, humans[2], TextRole::prompt) == "Explain the cause in one sentence.");

  // The first model call was written twice; the second version (with its tool calls) is the one read.
  const uint32_t first = spans_of(t, SpanKind::model).front();
  CHECK(fact_text(r, first, TextRole::thinking) == "I will read the test first.");
  CHECK(fact_count(r, first, TextRole::reply) == 0);  // its content is ""
  CHECK(r.trace.spans.begin_record[first].offset ==
        r.trace.spans.begin_record[spans_of(t, SpanKind::tool).front()].offset);

  const uint32_t read = spans_of(t, SpanKind::tool, "read_file").front();
  CHECK(fact_text(r, read, TextRole::path) == "/work/app/tests/login.test.ts");
  CHECK(fact_text(r, read, TextRole::output).starts_with("it('logs in'"));
  const uint32_t shell = spans_of(t, SpanKind::tool, "run_shell_command").front();
  CHECK(t.spans.status[shell] == SpanStatus::error);
  CHECK(fact_text(r, shell, TextRole::command) == "npm test -- login");
  CHECK(fact_text(r, shell, TextRole::description) == "Run the login test");
  CHECK(fact_text(r, shell, TextRole::path) == "/work/app");
  CHECK(fact_text(r, shell, TextRole::error) == "Command exited with code 1: 1 failed");
  const uint32_t edit = spans_of(t, SpanKind::tool, "replace").front();
  CHECK(fact_text(r, edit, TextRole::old_text) == "await sleep(10);");
  CHECK(fact_text(r, edit, TextRole::new_text) == "await loggedIn;");
  CHECK(t.strings.get(StringId(t.find_attribute(edit, "action")->value)) == "edit");
  const uint32_t write = spans_of(t, SpanKind::tool, "write_file").front();
  CHECK(t.spans.status[write] == SpanStatus::cancelled);
  // Tool calls run from the message that asked for them to when each completed.
  CHECK(t.spans.duration_ns[shell] == 12000000000LL);

  const uint32_t error = spans_of(t, SpanKind::error).front();
  CHECK(fact_text(r, error, TextRole::error) == "[API Error: 429 Resource exhausted. Please try again later.]");
  const uint32_t last = spans_of(t, SpanKind::model).back();
  CHECK(fact_text(r, last, TextRole::reply).starts_with("The test slept 10 ms"));
  CHECK(spans_of(t, SpanKind::event, "rewind").size() == 1);
  CHECK(t.spans.status[spans_of(t, SpanKind::event, "info").front()] == SpanStatus::cancelled);
}

TEST_CASE("gemini: a chats folder nests the subagent under the call that ran it") {
  // As `agentreel convert ~/.gemini/tmp/<hash>/chats` stores them (sorted: the subagent folder first).
  const std::vector<NamedInput> inputs = data_inputs({kSubagent, kMain});
  LoadedBundle l = load_bundle(inputs);
  const Trace& t = l.trace();
  REQUIRE(t.sessions.size() == 1);  // the subagent's file joins its parent's session (its folder's name)
  CHECK(t.strings.get(t.sessions[0].id) == "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
  const uint32_t agent = l.find(SpanKind::agent, "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a");
  REQUIRE(agent != kNoSpan);
  const uint32_t call = t.spans.parent[agent];
  REQUIRE(call != kNoSpan);
  CHECK(t.name_of(call) == "codebase_investigator");
  CHECK(l.text_attribute(call, "agent_id") == "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a");
  CHECK(l.text_attribute(agent, "cwd") == "/work/app");
  CHECK(l.converted.summary.build.clock_repairs == 0);

  // The subagent's call as the checkpoint rewrote it: the record is the "$set" line.
  const ReadTrace r = read_trace(inputs);
  const uint32_t grep = spans_of(r.trace, SpanKind::tool, "grep_search").front();
  CHECK(fact_text(r, grep, TextRole::output) == "[output masked: 2 lines]");
  CHECK(fact_text(r, grep, TextRole::pattern) == "sleep\\(");
  CHECK(r.record(r.trace.spans.begin_record[grep]).starts_with("{\"$set\":"));
  // The compression summary only the checkpoint holds makes no prompt.
  for (uint32_t h : spans_of(r.trace, SpanKind::human)) {
    CHECK(fact_text(r, h, TextRole::prompt).find("state_snapshot") == std::string::npos);
  }
}

TEST_CASE("gemini: the JSON document's messages point at their own bytes") {
  const std::vector<NamedInput> inputs = data_inputs({kDocument});
  const ReadTrace r = read_trace(inputs);
  const Trace& t = r.trace;
  simdjson::dom::parser parser;
  simdjson::dom::element document;
  REQUIRE_FALSE(parser.parse(inputs[0].bytes).get(document));
  // The second message's tool calls: the facts hold the document's values.
  simdjson::dom::array calls;
  REQUIRE_FALSE(document["messages"].at(1)["toolCalls"].get_array().get(calls));
  const std::vector<uint32_t> tools = spans_of(t, SpanKind::tool);
  REQUIRE(tools.size() == 7);
  std::string_view path;
  REQUIRE_FALSE(calls.at(0)["args"]["file_path"].get_string().get(path));
  CHECK(fact_text(r, tools[0], TextRole::path) == path);
  std::string_view output;
  REQUIRE_FALSE(calls.at(0)["result"].at(0)["functionResponse"]["response"]["output"].get_string().get(output));
  CHECK(fact_text(r, tools[0], TextRole::output) == output);
  std::string_view reply;
  REQUIRE_FALSE(document["messages"].at(3)["content"].get_string().get(reply));
  CHECK(fact_text(r, spans_of(t, SpanKind::model).back(), TextRole::reply) == reply);
  const uint32_t root = spans_of(t, SpanKind::agent).front();
  CHECK(t.spans.begin_record[root].offset == 0);
  CHECK(t.spans.begin_record[root].length == inputs[0].bytes.rfind('}') + 1);  // the object, not the last "\n"
}

TEST_CASE("gemini: chunk edges do not matter, export is byte for byte") {
  for (const std::vector<std::string>& files :
       std::vector<std::vector<std::string>>{{kDocument}, {kLines}, {kSubagent, kMain}}) {
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

TEST_CASE("gemini: malformed input is skipped and located") {
  // JSON lines: a message cut in half, a line that is no session record, an unfinished last line.
  std::vector<std::string> lines = split_lines(read_file(data_path(kMain)));
  REQUIRE(lines.size() == 14);
  lines[1] = lines[1].substr(0, lines[1].size() / 2);
  lines[5] = "{\"note\":\"not a session record\"}";
  std::string text;
  std::vector<uint64_t> offsets;
  for (const std::string& line : lines) {
    offsets.push_back(text.size());
    text += line + "\n";
  }
  const uint64_t tail = text.size();
  text += "{\"id\":\"m9\",\"timestamp\":";
  LoadedBundle l = load_bundle({{"broken.jsonl", text}}, 5);
  const Trace& t = l.trace();
  REQUIRE(t.skipped.size() == 3);
  CHECK(t.skipped[0].line == 2);
  CHECK(t.skipped[0].reason == SkipReason::invalid_json);
  CHECK(t.skipped[0].byte_offset == offsets[1]);
  CHECK(t.skipped[1].line == 6);
  CHECK(t.skipped[1].reason == SkipReason::missing_field);
  CHECK(t.skipped[1].byte_offset == offsets[5]);
  CHECK(t.skipped[2].line == 15);
  CHECK(t.skipped[2].reason == SkipReason::partial_line);
  CHECK(t.skipped[2].byte_offset == tail);
  CHECK(t.inputs[0].records == 12);
  CHECK(export_bytes(*l.bundle, 0) == text);
  CHECK(l.all(SpanKind::model).size() == 3);

  // The document: a syntax error is located by line and byte; the input is kept, unread.
  std::string document = read_file(data_path(kDocument));
  const size_t comma = document.find(",\n    {\n      \"id\": \"22dfaab2");
  REQUIRE(comma != std::string::npos);
  document.erase(comma, 1);  // two messages without the comma between them
  LoadedBundle broken = load_bundle({{"session.json", document}});
  REQUIRE(broken.trace().skipped.size() == 1);
  const SkippedRecord& skip = broken.trace().skipped[0];
  CHECK(skip.reason == SkipReason::invalid_json);
  CHECK(skip.byte_offset == comma + 5);  // the "{" (after "\n" and four spaces) where "," or "]" was expected
  CHECK(skip.line == uint64_t(std::count(document.begin(), document.begin() + long(comma), '\n') + 2));
  CHECK(skip.detail.starts_with("expected one JSON object per line, or one JSON document"));
  CHECK(export_bytes(*broken.bundle, 0) == document);

  ConvertOptions strict;
  strict.strict = true;
  const Converted refused = convert_in_memory({{"broken.jsonl", text}}, 1 << 20, strict);
  REQUIRE_FALSE(refused.status.is_ok());
  CHECK(refused.status.code() == ErrorCode::malformed_record);
  CHECK(refused.status.message().find("broken.jsonl:2: byte " + std::to_string(offsets[1])) != std::string::npos);
}

TEST_CASE("gemini: sniffing claims sessions and nothing else") {
  for (const Expected& e : kExpected) {
    INFO(e.file);
    const std::string head = read_file(data_path(e.file)).substr(0, 65536);
    CHECK(gemini_sniff(head).empty());
    auto detected = detect_format(e.file, head);
    REQUIRE(detected.is_ok());
    CHECK(detected.value()->name == "gemini");
  }
  CHECK_FALSE(gemini_sniff("{\"sessionId\":\"s\",\"startTime\":\"2026-01-01T00:00:00Z\",\"timeline\":[]}").empty());
  CHECK(gemini_sniff("[1]") == "the input does not begin with a JSON object");
  namespace fs = std::filesystem;
  size_t checked = 0;
  for (const auto& entry : fs::recursive_directory_iterator(data_path(""))) {
    const std::string path = entry.path().generic_string();
    if (!entry.is_regular_file() || path.find("/gemini/") != std::string::npos ||
        entry.path().filename().string().starts_with("gemini-")) {
      continue;  // copies of Gemini sessions elsewhere are named gemini-*
    }
    const std::string extension = entry.path().extension().string();
    if (extension != ".jsonl" && extension != ".json" && extension != ".traj") continue;
    INFO(path);
    CHECK_FALSE(gemini_sniff(read_file(path).substr(0, 65536)).empty());
    ++checked;
  }
  CHECK(checked >= 10);
}

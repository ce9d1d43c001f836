// The same Claude Code records in other containers (tests/data/claude-code-variants/): a transcript dumped as one
// JSON array reads exactly as the same records written one per line, each span's payload being its element's own
// bytes; a web session export {"loglines": [...]} without uuid or sessionId becomes one session named after the
// file, one model turn per assistant record. Expected numbers from compute_expected.py in that folder.
#include <catch2/catch.hpp>
#include <map>

#include "readers/claude_code/claude_code_reader.h"
#include "readers/reader_checks.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

std::string variant(const std::string& name) { return read_file(data_path("claude-code-variants/" + name)); }

// The records of a JSON array rewritten one per line (simdjson's minified form): what the JSON-lines reader,
// tested on its own, reads.
std::string as_jsonl(const std::string& array_text) {
  simdjson::dom::parser parser;
  simdjson::dom::array array;
  REQUIRE_FALSE(parser.parse(array_text).get_array().get(array));
  std::string out;
  for (simdjson::dom::element e : array) out += simdjson::minify(e) + "\n";
  return out;
}

// What a reading decided, without where the records sit (the two containers place them differently).
std::string shape(const Trace& t) {
  std::ostringstream out;
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    out << i << " " << t.name_of(i) << " " << int(t.spans.kind[i]) << " " << t.spans.start_ns[i] << " "
        << t.spans.duration_ns[i] << " " << t.spans.parent[i] << " " << int(t.spans.status[i]) << " "
        << t.spans.flags[i] << "\n";
    for (const Attribute& a : t.attributes.rows_of(i)) out << "  " << t.strings.get(a.key) << "\n";
    const auto [first, last] = t.texts.rows_of(i);
    for (size_t row = first; row < last; ++row) {
      out << "  " << text_role_name(t.texts[row].role) << " " << t.strings.get(t.texts[row].path) << "\n";
    }
  }
  return out.str();
}

}  // namespace

TEST_CASE("claude_code variants: a transcript kept as one JSON array reads as the same records one per line") {
  const std::string array_text = variant("chat-json-array.json");
  CHECK(claude_code_sniff(array_text.substr(0, 65536)).empty());
  const ReadTrace from_array = read_trace({{"chat.json", array_text}}, 1021);
  const ReadTrace from_lines = read_trace({{"chat.jsonl", as_jsonl(array_text)}});
  CHECK(from_array.trace.skipped.empty());
  CHECK(shape(from_array.trace) == shape(from_lines.trace));
  const Trace& t = from_array.trace;
  REQUIRE(t.sessions.size() == 1);
  CHECK(t.strings.get(t.sessions[0].id) == "4eba8c92-2631-4f71-a80d-cd55187bc7a5");
  std::map<std::string, int> tools;
  size_t models = 0;
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    if (t.spans.kind[i] == SpanKind::tool) ++tools[std::string(t.name_of(i))];
    if (t.spans.kind[i] == SpanKind::model) ++models;
    // Every payload is one whole element of the array.
    const std::string_view payload = from_array.record(t.spans.begin_record[i]);
    CHECK(payload.front() == '{');
    CHECK(payload.back() == '}');
  }
  // compute_expected.py: Glob 3, Read 4, Bash 7, Write 5, TodoWrite 5, Task 1; 17 distinct message ids.
  CHECK(tools ==
        std::map<std::string, int>{{"Bash", 7}, {"Glob", 3}, {"Read", 4}, {"Task", 1}, {"TodoWrite", 5}, {"Write", 5}});
  CHECK(models == 17);
}

TEST_CASE("claude_code variants: a web session export {loglines} without ids is one session named by its file") {
  const std::string text = variant("web-loglines.json");
  CHECK(claude_code_sniff(text.substr(0, 65536)).empty());
  const ReadTrace r = read_trace({{"exports/web-loglines.json", text}}, 1);
  const Trace& t = r.trace;
  CHECK(t.skipped.empty());
  REQUIRE(t.sessions.size() == 1);
  CHECK(t.strings.get(t.sessions[0].id) == "web-loglines");
  std::map<std::string, int> tools;
  size_t models = 0, errors = 0, replies = 0, thinking = 0;
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    if (t.spans.kind[i] == SpanKind::tool) {
      ++tools[std::string(t.name_of(i))];
      errors += t.spans.status[i] == SpanStatus::error;
      CHECK(fact(r, i, TextRole::output) != "<none>");
    }
    if (t.spans.kind[i] == SpanKind::model) {
      ++models;
      const auto [first, last] = t.texts.rows_of(i);
      for (size_t row = first; row < last; ++row) {
        replies += t.texts[row].role == TextRole::reply;
        thinking += t.texts[row].role == TextRole::thinking;
      }
    }
  }
  // compute_expected.py: 12 tool_use (Write 1, Bash 5, TodoWrite 1, Glob 1, Edit 3, Grep 1), 1 is_error;
  // 15 assistant records with no message id, so 15 turns; 8 text blocks, 1 thinking block.
  CHECK(tools ==
        std::map<std::string, int>{{"Bash", 5}, {"Edit", 3}, {"Glob", 1}, {"Grep", 1}, {"TodoWrite", 1}, {"Write", 1}});
  CHECK(errors == 1);
  CHECK(models == 15);
  CHECK(replies == 8);
  CHECK(thinking == 1);
  CHECK(t.spans.begin_record[0].offset == 22);  // the first element, compute_expected.py
}

TEST_CASE("claude_code variants: both export byte for byte and read alike in any chunks") {
  const std::vector<NamedInput> inputs = {{"chat-json-array.json", variant("chat-json-array.json")},
                                          {"web-loglines.json", variant("web-loglines.json")}};
  CHECK(dump_trace(read_trace(inputs, 1).trace) == dump_trace(read_trace(inputs).trace));
  Converted converted = convert_in_memory(inputs, 4096);
  REQUIRE(converted.status.is_ok());
  CHECK(converted.summary.records == 70 + 33);  // compute_expected.py
  CHECK(converted.summary.skipped == 0);
  auto bundle = open_bytes(converted.bundle);
  REQUIRE(bundle.is_ok());
  for (size_t i = 0; i < inputs.size(); ++i) CHECK(export_bytes(*bundle.value(), i) == inputs[i].bytes);
}

TEST_CASE("claude_code variants: the sniffer judges the first element, and a JSON-lines reader refuses arrays") {
  CHECK_FALSE(claude_code_sniff("[\n  {\"role\": \"user\", \"content\": \"hi\"}\n]\n").empty());
  CHECK_FALSE(claude_code_sniff("{\"loglines\": []}\n").empty());
  CHECK(claude_code_sniff("{\"loglines\": [{\"type\": \"user\", \"timestamp\": \"2025-12-24T10:00:00.000Z\", "
                          "\"message\": {\"content\": \"hi\"}}]}")
            .empty());
  // Outside a document a record still needs an id.
  CHECK_FALSE(claude_code_sniff("{\"type\": \"user\", \"timestamp\": \"2025-12-24T10:00:00.000Z\", "
                                "\"message\": {\"content\": \"hi\"}}\n")
                  .empty());
}

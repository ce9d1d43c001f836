// Claude Code text facts (model/text_ref.h) on real transcripts: every tool call's arguments, command, file,
// pattern and output, every prompt and reply, read back through record_text and compared with the same
// values decoded independently by simdjson from the transcript itself.
#include <simdjson.h>

#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "model/record_text.h"
#include "trace_support.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

// The facts of one kind a span holds, read back as text.
std::string fact(const ReadTrace& r, uint32_t span, TextRole role) {
  const std::optional<TextRef> ref = r.trace.texts.find(span, role);
  if (!ref) return "<none>";
  const std::optional<std::string> text = record_text_at(r.record(ref->record), r.trace.strings.get(ref->path));
  return text ? *text : "<unresolved>";
}

struct ToolUse {
  std::string name, command, path, pattern, output;
};

// tool_use id -> what simdjson reads in the transcript: the call's name, command, file_path, pattern and the
// text of its tool_result (string content, or text blocks joined by blank lines).
std::map<std::string, ToolUse> tool_uses(const std::string& transcript) {
  std::map<std::string, ToolUse> out;
  simdjson::dom::parser parser;
  size_t start = 0;
  while (start < transcript.size()) {
    size_t end = transcript.find('\n', start);
    if (end == std::string::npos) end = transcript.size();
    simdjson::dom::element record;
    if (!parser.parse(transcript.data() + start, end - start).get(record)) {
      simdjson::dom::array blocks;
      if (!record["message"]["content"].get_array().get(blocks)) {
        for (simdjson::dom::element block : blocks) {
          std::string_view type, id, text;
          if (block["type"].get_string().get(type)) continue;
          if (type == "tool_use" && !block["id"].get_string().get(id)) {
            ToolUse& use = out[std::string(id)];
            block["name"].get_string().get(text) == simdjson::SUCCESS ? use.name = text : use.name;
            if (!block["input"]["command"].get_string().get(text)) use.command = text;
            if (!block["input"]["file_path"].get_string().get(text)) use.path = text;
            if (!block["input"]["pattern"].get_string().get(text)) use.pattern = text;
          } else if (type == "tool_result" && !block["tool_use_id"].get_string().get(id)) {
            ToolUse& use = out[std::string(id)];
            if (!block["content"].get_string().get(text)) {
              use.output = text;
            } else {
              simdjson::dom::array parts;
              if (!block["content"].get_array().get(parts)) {
                bool first = true;
                for (simdjson::dom::element part : parts) {
                  if (!part["text"].get_string().get(text)) {
                    if (!first) use.output += "\n\n";
                    use.output += text;
                    first = false;
                  }
                }
              }
            }
          }
        }
      }
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("claude_code facts: every tool call's command, file, pattern and output, as simdjson reads them") {
  for (const char* name : {"tool_heavy.jsonl", "short.jsonl", "258c7280-ae70-4798-800f-63464d01a85d.jsonl"}) {
    INFO(name);
    const std::string transcript = read_file(data_path(std::string("claude-code/") + name));
    const ReadTrace r = read_trace({{name, transcript}}, 4096);
    const std::map<std::string, ToolUse> expected = tool_uses(transcript);
    size_t calls = 0, with_command = 0;
    for (uint32_t i = 0; i < r.trace.spans.size(); ++i) {
      if (r.trace.spans.kind[i] != SpanKind::tool || r.trace.name_of(i) == "unknown") continue;
      // The call's record holds its tool_use; find its id through the input fact's pointer.
      const std::optional<TextRef> input = r.trace.texts.find(i, TextRole::input);
      REQUIRE(input);
      const std::string pointer(r.trace.strings.get(input->path));
      const std::string id_pointer = pointer.substr(0, pointer.size() - std::string("/input").size()) + "/id";
      const std::optional<std::string> id = record_text_at(r.record(input->record), id_pointer);
      REQUIRE(id);
      const ToolUse& use = expected.at(*id);
      CHECK(r.trace.name_of(i) == use.name);
      ++calls;
      if (!use.command.empty()) {
        ++with_command;
        CHECK(fact(r, i, TextRole::command) == use.command);
      }
      if (!use.path.empty()) CHECK(fact(r, i, TextRole::path) == use.path);
      if (!use.pattern.empty()) CHECK(fact(r, i, TextRole::pattern) == use.pattern);
      if (r.trace.spans.status[i] != SpanStatus::unfinished && r.trace.spans.status[i] != SpanStatus::cancelled) {
        CHECK(fact(r, i, TextRole::output) == use.output);
      }
    }
    CHECK(calls > 0);
    // Counted by hand with python from the transcripts: 2 Bash calls in tool_heavy, 79 in the long session.
    if (std::string(name) == "tool_heavy.jsonl") CHECK(with_command == 2);
    if (std::string(name).starts_with("258c7280")) CHECK(with_command == 79);
  }
}

TEST_CASE("claude_code facts: actions, prompts, replies and the session's place") {
  const std::string name = "258c7280-ae70-4798-800f-63464d01a85d.jsonl";
  const ReadTrace r = read_trace({{name, read_file(data_path("claude-code/" + name))}});
  const Trace& t = r.trace;
  std::map<std::string, std::string> action_of;
  size_t prompts = 0, replies = 0;
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    if (t.spans.kind[i] == SpanKind::tool) {
      const auto action = t.find_attribute(i, "action");
      if (action) action_of[std::string(t.name_of(i))] = t.strings.get(StringId(action->value));
    }
    if (t.spans.kind[i] == SpanKind::human) {
      ++prompts;
      CHECK(fact(r, i, TextRole::prompt) != "<none>");
    }
    if (t.spans.kind[i] == SpanKind::model && t.texts.find(i, TextRole::reply)) ++replies;
  }
  CHECK(action_of["Bash"] == "shell");
  CHECK(action_of["Read"] == "read");
  CHECK(action_of["Edit"] == "edit");
  CHECK(action_of["Write"] == "write");
  CHECK(action_of["Grep"] == "search");
  CHECK(action_of["Glob"] == "list");
  CHECK(action_of["Task"] == "subagent");
  CHECK(action_of.count("TaskOutput") == 0);  // polling a background task is no action of the kinds above
  CHECK(prompts >= 1);
  CHECK(replies >= 1);
  // The first prompt is the root's prompt too, and the root names where the session ran.
  uint32_t root = kNoSpan;
  for (uint32_t i = 0; i < t.spans.size() && root == kNoSpan; ++i) {
    if (t.spans.kind[i] == SpanKind::agent && t.spans.parent[i] == kNoSpan) root = i;
  }
  REQUIRE(root != kNoSpan);
  CHECK(fact(r, root, TextRole::prompt) != "<none>");
  CHECK(t.find_attribute(root, "cwd"));
}

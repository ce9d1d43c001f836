// The files a real Claude Code session touched (tests/data/claude-code, main transcript and subagents) against
// the tool_use blocks read here with simdjson alone: each path with its reads, edits and writes, first touched
// first, and the calls listed are the spans of those tool uses.
#include "model/files_touched.h"

#include <simdjson.h>

#include <catch2/catch.hpp>
#include <map>

#include "trace_support.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

const std::string kSession = "258c7280-ae70-4798-800f-63464d01a85d";

struct Expected {
  uint32_t reads = 0, edits = 0, writes = 0;
  size_t first_seen = 0;
};

// Tool uses with a file_path / notebook_path, straight from the JSONL (the reader is not involved).
std::map<std::string, Expected> expected_files(const std::vector<NamedInput>& inputs) {
  std::map<std::string, Expected> out;
  simdjson::dom::parser parser;
  size_t order = 0;
  for (const NamedInput& input : inputs) {
    size_t at = 0;
    while (at < input.bytes.size()) {
      size_t end = input.bytes.find('\n', at);
      if (end == std::string::npos) end = input.bytes.size();
      const std::string line = input.bytes.substr(at, end - at);
      at = end + 1;
      simdjson::dom::element record;
      if (parser.parse(line).get(record)) continue;
      simdjson::dom::array content;
      if (record["message"]["content"].get_array().get(content)) continue;
      for (simdjson::dom::element block : content) {
        std::string_view type, name, path;
        if (block["type"].get_string().get(type) || type != "tool_use") continue;
        if (block["name"].get_string().get(name)) continue;
        if (block["input"]["file_path"].get_string().get(path) &&
            block["input"]["notebook_path"].get_string().get(path) && block["input"]["path"].get_string().get(path)) {
          continue;
        }
        auto [it, inserted] = out.emplace(std::string(path), Expected{});
        if (inserted) it->second.first_seen = order++;
        if (name == "Read") ++it->second.reads;
        if (name == "Edit" || name == "MultiEdit" || name == "NotebookEdit") ++it->second.edits;
        if (name == "Write") ++it->second.writes;
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("files touched: every file a real session read, edited or wrote, with its counts and calls") {
  std::vector<NamedInput> inputs;
  for (const std::string& rel : {kSession + ".jsonl", kSession + "/subagents/agent-a881341.jsonl",
                                 kSession + "/subagents/agent-acompact-fffbd0.jsonl"}) {
    inputs.push_back({"claude-code/" + rel, read_file(data_path("claude-code/" + rel))});
  }
  const ReadTrace r = read_trace(inputs);
  REQUIRE(r.trace.sessions.size() == 1);
  const RecordReader read = [&r](RecordRef ref) { return std::string(r.record(ref)); };
  const std::vector<TouchedFile> files = files_touched(r.trace, read, 0);
  const std::map<std::string, Expected> expected = expected_files(inputs);
  REQUIRE(files.size() == expected.size());
  REQUIRE(files.size() > 10);
  for (const TouchedFile& f : files) {
    INFO(f.path);
    REQUIRE(expected.count(f.path) == 1);
    const Expected& e = expected.at(f.path);
    CHECK(f.reads == e.reads);
    CHECK(f.edits == e.edits);
    CHECK(f.writes == e.writes);
    CHECK(f.calls.size() == f.reads + f.edits + f.writes + f.other);
    for (uint32_t span : f.calls) CHECK(r.trace.spans.kind[span] == SpanKind::tool);
  }
  // First touched first: the order of first appearance within the transcript files as fed.
  for (size_t i = 1; i < files.size(); ++i) {
    CHECK(files[i - 1].calls.front() < files[i].calls.front());
  }
}

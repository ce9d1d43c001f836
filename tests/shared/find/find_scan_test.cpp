// find_in_session on a real Claude Code session: a word, a phrase with a quote in it (escaped in the JSON), a
// file: and a cmd: term, each compared with a plain search of every span's records done here, and the JSON forms
// a needle is looked for in.
#include "find/find_scan.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "model/record_text.h"
#include "trace_support.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return out;
}

// The spans whose begin, end or text-fact records hold `raw` (already in its JSON form), by plain search.
std::vector<uint32_t> plain_search(const ReadTrace& r, std::string_view raw) {
  std::vector<uint32_t> out;
  const std::string needle = lowered(raw);
  const Trace& t = r.trace;
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    std::vector<RecordRef> refs{t.spans.begin_record[i], t.spans.end_record[i]};
    const auto [first, last] = t.texts.rows_of(i);
    for (size_t row = first; row < last; ++row) refs.push_back(t.texts.records()[row]);
    for (const RecordRef& ref : refs) {
      if (ref.length && lowered(r.record(ref)).find(needle) != std::string::npos) {
        out.push_back(i);
        break;
      }
    }
  }
  return out;
}

StreamReader reader_of(const ReadTrace& r) {
  return [&r](uint64_t offset, uint64_t size, std::string& out) {
    out.assign(r.stream, size_t(offset), size_t(size));
    return Status::ok();
  };
}

std::vector<uint32_t> find(const ReadTrace& r, std::string_view text, uint64_t run_bytes = 8u << 20) {
  auto query = FindQuery::parse(text);
  REQUIRE(query.is_ok());
  FindOptions options;
  options.max_run_bytes = run_bytes;
  auto found = find_in_session(r.trace, 0, query.value(), reader_of(r), options);
  REQUIRE(found.is_ok());
  return found.take();
}

}  // namespace

TEST_CASE("find scan: JSON forms of a needle") {
  CHECK(json_needle_forms("pytest") == std::vector<std::string>{"pytest"});
  CHECK(json_needle_forms("say \"hi\"") == std::vector<std::string>{"say \"hi\"", "say \\\"hi\\\""});
  CHECK(json_needle_forms("caf\xC3\xA9") == std::vector<std::string>{"caf\xC3\xA9", "caf\\u00e9"});
  CHECK(json_needle_forms("a/b") == std::vector<std::string>{"a/b", "a\\/b"});
  CHECK(find_folded("Run PyTest now", "pytest") == 4);
  CHECK(find_folded("aaab", "aab") == 1);
  CHECK(find_folded("abc", "abcd") == std::string_view::npos);
}

TEST_CASE("find scan: words and phrases found in a real session's records, as a plain search finds them") {
  const std::string name = "258c7280-ae70-4798-800f-63464d01a85d.jsonl";
  const ReadTrace r = read_trace({{name, read_file(data_path("claude-code/" + name))}});
  REQUIRE(r.trace.sessions.size() == 1);
  // Words: the query's spans are the plain search's, plus spans whose name or attributes hold the word.
  for (const char* word : {"ecto.migrate", "spotter-gqc", "warnings-as-errors", "ZZZ-not-there"}) {
    INFO(word);
    const std::vector<uint32_t> expected = plain_search(r, word);
    const std::vector<uint32_t> got = find(r, std::string("text:") + word);
    CHECK(got == expected);
    CHECK(find(r, std::string("text:") + word, 4096) == expected);  // short runs: the same
  }
  CHECK(!find(r, "text:ecto.migrate").empty());
  // A phrase with quotes: the records hold it escaped (echo \"---\").
  const std::vector<uint32_t> quoted = find(r, R"(text:"echo \"---\"")");
  CHECK(quoted == plain_search(r, R"(echo \"---\")"));
  CHECK(!quoted.empty());
  // Combined with structure: only the tool calls among them, and the rest.
  const std::vector<uint32_t> calls = find(r, "text:ecto.migrate kind:tool");
  const std::vector<uint32_t> others = find(r, "text:ecto.migrate -kind:tool");
  CHECK(calls.size() + others.size() == find(r, "text:ecto.migrate").size());
  for (uint32_t span : calls) CHECK(r.trace.spans.kind[span] == SpanKind::tool);
}

TEST_CASE("find scan: cmd: and file: look in the command and path facts only") {
  const std::string name = "258c7280-ae70-4798-800f-63464d01a85d.jsonl";
  const ReadTrace r = read_trace({{name, read_file(data_path("claude-code/" + name))}});
  const std::vector<uint32_t> migrate = find(r, "cmd:ecto.migrate");
  REQUIRE(!migrate.empty());
  for (uint32_t span : migrate) {
    const auto fact = r.trace.texts.find(span, TextRole::command);
    REQUIRE(fact);
    const auto command = record_text_at(r.record(fact->record), r.trace.strings.get(fact->path));
    REQUIRE(command);
    CHECK(lowered(*command).find("ecto.migrate") != std::string::npos);
  }
  // Every call whose command holds it is found (the plain search also finds the model turns that wrote it).
  size_t calls_with_it = 0;
  for (uint32_t span : plain_search(r, "ecto.migrate")) calls_with_it += r.trace.spans.kind[span] == SpanKind::tool;
  CHECK(migrate.size() <= calls_with_it);
  const std::vector<uint32_t> files = find(r, "file:.exs");
  for (uint32_t span : files) CHECK(r.trace.spans.kind[span] == SpanKind::tool);
  CHECK(!files.empty());
}

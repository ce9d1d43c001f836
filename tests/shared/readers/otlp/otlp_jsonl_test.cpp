// OTLP/JSON reader: the RAG sample rewritten as one TracesData per line with every child before its
// parent and hex / base64 ids mixed (same tree as the original), a trace split across files, id
// normalisation, and malformed input skipped or refused with its line and byte offset.
#include <simdjson.h>

#include <algorithm>
#include <map>
#include <set>

#include "otlp_test_support.h"
#include "readers/otlp/otlp_ids.h"

using namespace agentreel;
using namespace agentreel::test;
using namespace agentreel::test::otlp;

namespace {

// A base64 decoder written for the test (not the reader's), giving uppercase hex.
std::string base64_to_upper_hex(std::string_view text) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string bytes;
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    if (c == '=') break;
    bits = (bits << 6) | uint32_t(alphabet.find(c));
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes.push_back(char((bits >> count) & 0xFF));
    }
  }
  std::string hex;
  for (unsigned char b : bytes) {
    hex.push_back("0123456789ABCDEF"[b >> 4]);
    hex.push_back("0123456789ABCDEF"[b & 0xF]);
  }
  return hex;
}

void replace_value(std::string& json, const std::string& key, const std::string& to) {
  const std::string needle = "\"" + key + "\":\"";
  const size_t at = json.find(needle);
  if (at == std::string::npos) return;
  const size_t begin = at + needle.size();
  json.replace(begin, json.find('"', begin) - begin, to);
}

std::string string_value(const std::string& json, const std::string& key) {
  const std::string needle = "\"" + key + "\":\"";
  const size_t at = json.find(needle);
  if (at == std::string::npos) return {};
  const size_t begin = at + needle.size();
  return json.substr(begin, json.find('"', begin) - begin);
}

// The sample's spans, one TracesData per line, deepest spans first (every child on an earlier line
// than its parent); ids as uppercase hex on even lines, base64 as in the sample on odd lines.
std::vector<std::string> rewrite_as_lines(const std::string& sample) {
  simdjson::dom::parser parser;
  simdjson::dom::element root = parser.parse(sample);
  std::vector<std::string> spans;
  for (simdjson::dom::element doc : root.get_array()) {
    for (simdjson::dom::element rs : doc["resourceSpans"].get_array()) {
      for (simdjson::dom::element ss : rs["scopeSpans"].get_array()) {
        for (simdjson::dom::element span : ss["spans"].get_array()) spans.push_back(simdjson::to_string(span));
      }
    }
  }
  std::map<std::string, std::string> parent_of;
  for (const std::string& s : spans) parent_of[string_value(s, "spanId")] = string_value(s, "parentSpanId");
  auto depth = [&](const std::string& s) {
    int d = 0;
    for (std::string id = string_value(s, "spanId"); !parent_of[id].empty(); id = parent_of[id]) ++d;
    return d;
  };
  std::stable_sort(spans.begin(), spans.end(),
                   [&](const std::string& a, const std::string& b) { return depth(a) > depth(b); });
  std::vector<std::string> lines;
  for (size_t i = 0; i < spans.size(); ++i) {
    std::string span = spans[i];
    if (i % 2 == 0) {
      for (const char* key : {"traceId", "spanId", "parentSpanId"}) {
        const std::string value = string_value(span, key);
        if (!value.empty()) replace_value(span, key, base64_to_upper_hex(value));
      }
    }
    lines.push_back(R"({"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"scope":{"name":"t"},"spans":[)" +
                    span + "]}]}]}\n");
  }
  return lines;
}

// The tree as text, one entry per span, independent of span order and payload offsets.
std::multiset<std::string> tree(const Loaded& l) {
  const Trace& t = l.trace();
  std::multiset<std::string> out;
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    std::string entry = std::string(t.name_of(i)) + "|" + std::string(span_kind_name(t.spans.kind[i])) + "|" +
                        std::to_string(t.spans.start_ns[i]) + "|" + std::to_string(t.spans.duration_ns[i]) + "|" +
                        std::string(t.strings.get(t.sessions[t.session_of(i)].id));
    const uint32_t p = t.spans.parent[i];
    entry += p == kNoSpan ? std::string("|root")
                          : "|" + std::string(t.name_of(p)) + "@" + std::to_string(t.spans.start_ns[p]);
    out.insert(entry);
  }
  return out;
}

std::string join(const std::vector<std::string>& lines, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) out += lines[i];
  return out;
}

}  // namespace

TEST_CASE("otlp: one TracesData per line, children first, hex and base64 ids: the same tree") {
  for (const char* name : {"rag_earnings_agent.json", "smol_deep_research_agent.json"}) {
    INFO(name);
    const std::string sample = read_file(data_path(std::string("otlp/") + name));
    const std::vector<std::string> lines = rewrite_as_lines(sample);
    const Loaded original = load({{name, sample}});
    const std::multiset<std::string> expected = tree(original);
    REQUIRE(expected.size() == original.trace().spans.size());
    // The first line holds a leaf, the last the root.
    CHECK(string_value(lines.back(), "parentSpanId").empty());

    for (size_t chunk : {size_t(1), size_t(64), size_t(1) << 20}) {
      INFO("chunk " << chunk);
      const std::string jsonl = join(lines, 0, lines.size());
      const Loaded l = load({{"lines.jsonl", jsonl}}, chunk);
      CHECK(l.trace().inputs[0].records == lines.size());
      CHECK(l.trace().inputs[0].skipped == 0);
      CHECK(tree(l) == expected);
      CHECK(export_bytes(*l.bundle, 0) == jsonl);
      // Line k's span is its payload.
      uint64_t offset = 0;
      const auto by_record = l.by_record();
      for (const std::string& line : lines) {
        const uint64_t at = offset + line.find("\"spans\":[") + 9;
        REQUIRE(by_record.count(at));
        CHECK(l.trace().spans.begin_record[by_record.at(at)].length ==
              line.size() - 1 - (at - offset) - 6);  // "]}]}]}\n" follows
        offset += line.size();
      }
    }
    // The same lines as two files (a trace split across exports): one session, the same tree.
    const size_t half = lines.size() / 2;
    const Loaded split = load({{"a.jsonl", join(lines, 0, half)}, {"b.jsonl", join(lines, half, lines.size())}}, 3);
    CHECK(split.trace().sessions.size() == 1);
    CHECK(tree(split) == expected);
  }
}

TEST_CASE("otlp: ids in hex or base64 normalise to lowercase hex") {
  CHECK(normalize_otlp_id("baWWOnbwA5k=", 8) == "6da5963a76f00399");
  CHECK(normalize_otlp_id("baWWOnbwA5k", 8) == "6da5963a76f00399");  // unpadded
  CHECK(normalize_otlp_id("6DA5963A76F00399", 8) == "6da5963a76f00399");
  CHECK(normalize_otlp_id("iINv0X+P/aw=", 8) == "88836fd17f8ffdac");
  CHECK(normalize_otlp_id("iINv0X-P_aw=", 8) == "88836fd17f8ffdac");  // URL-safe alphabet
  CHECK(normalize_otlp_id("uoqwG/CGgzyYnOKnop7uMQ==", 16) == "ba8ab01bf086833c989ce2a7a29eee31");
  CHECK(normalize_otlp_id("5B8EFFF798038103D269B633813FC60C", 16) == "5b8efff798038103d269b633813fc60c");
  CHECK(normalize_otlp_id("not an id!", 8).empty());
  CHECK(normalize_otlp_id("", 8).empty());
  CHECK(is_zero_otlp_id("0000000000000000"));
  CHECK_FALSE(is_zero_otlp_id("0000000000000001"));
}

namespace {

const std::string kGoodLine =
    R"({"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"ok","kind":1,"startTimeUnixNano":"1544712660000000000","endTimeUnixNano":"1544712661000000000"}]}]}]})"
    "\n";

}  // namespace

TEST_CASE("otlp: a broken line is skipped with its line and byte, the lines after it are read") {
  const std::string bad =
      R"({"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60d","spanId":"eee19b7ec3c1b175","startTimeUnixNano":"1"} oops]}]}]})"
      "\n";
  std::string third = kGoodLine;
  replace_value(third, "spanId", "eee19b7ec3c1b176");
  const std::string input = kGoodLine + bad + third;
  const uint64_t oops = kGoodLine.size() + bad.find("oops");
  for (size_t chunk : {size_t(1), size_t(1) << 20}) {
    const Loaded l = load({{"bad.jsonl", input}}, chunk);
    const Trace& t = l.trace();
    REQUIRE(t.skipped.size() == 1);
    CHECK(t.skipped[0].reason == SkipReason::invalid_json);
    CHECK(t.skipped[0].line == 2);
    CHECK(t.skipped[0].byte_offset == oops);
    CHECK(t.skipped[0].detail.find("expected ',' or ']', got 'o'") != std::string::npos);
    CHECK(t.inputs[0].skipped == 1);
    // The span before the error on line 2 was complete and is kept; lines 1 and 3 are read.
    CHECK(t.inputs[0].records == 3);
    CHECK(t.spans.size() == 3);
  }

  ConvertOptions strict;
  strict.strict = true;
  Converted converted = convert_in_memory({{"bad.jsonl", input}}, 1 << 20, strict);
  REQUIRE_FALSE(converted.status.is_ok());
  CHECK(converted.status.code() == ErrorCode::malformed_record);
  CHECK(converted.status.message().find("bad.jsonl:2: byte " + std::to_string(oops) + ": invalid_json") !=
        std::string::npos);
}

TEST_CASE("otlp: bad span objects are skipped one by one, located at their '{'") {
  const std::string spans =
      R"({"resourceSpans":[{"scopeSpans":[{"spans":[)"
      R"({"traceId":"5b8efff798038103d269b633813fc60c","name":"no span id","startTimeUnixNano":"1"},)"
      R"({"traceId":"5b8efff798038103d269b633813fc60c","spanId":"zz","startTimeUnixNano":"1"},)"
      R"({"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b177","startTimeUnixNano":"soon"},)"
      R"({"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b178","startTimeUnixNano":"5","bad":")"
      "\xff"
      R"("},)"
      R"(7,)"
      R"({"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b179","startTimeUnixNano":5})"
      R"(]}]},{"scopeSpans":"none"}]})"
      "\n";
  const std::string input = kGoodLine + spans + R"({"resourceLogs":[]})" + "\n";
  const Loaded l = load({{"spans.jsonl", input}}, 1);
  const Trace& t = l.trace();
  auto at = [&](const std::string& needle) { return uint64_t(kGoodLine.size() + spans.find(needle)); };
  REQUIRE(t.skipped.size() == 7);
  CHECK(t.skipped[0].reason == SkipReason::missing_field);
  CHECK(t.skipped[0].byte_offset == at("{\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"name\""));
  CHECK(t.skipped[0].detail == "expected string field \"spanId\"");
  CHECK(t.skipped[1].reason == SkipReason::wrong_type);
  CHECK(t.skipped[1].byte_offset == at("{\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"zz\""));
  CHECK(t.skipped[2].reason == SkipReason::bad_timestamp);
  CHECK(t.skipped[2].byte_offset ==
        at("{\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"eee19b7ec3c1b177\""));
  CHECK(t.skipped[3].reason == SkipReason::invalid_json);  // invalid UTF-8 inside the span object
  CHECK(t.skipped[3].byte_offset ==
        at("{\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"eee19b7ec3c1b178\""));
  CHECK(t.skipped[4].reason == SkipReason::wrong_type);  // 7 where a span object belongs
  CHECK(t.skipped[4].byte_offset == at("7,"));
  CHECK(t.skipped[5].reason == SkipReason::wrong_type);  // "scopeSpans": "none"
  CHECK(t.skipped[5].byte_offset == at("\"none\""));
  CHECK(t.skipped[6].reason == SkipReason::missing_field);  // an OTLP logs document
  CHECK(t.skipped[6].line == 3);
  CHECK(t.skipped[6].byte_offset == kGoodLine.size() + spans.size());
  CHECK(t.spans.size() == 2);  // line 1 and the numeric-time span
  CHECK(t.inputs[0].records == 2);
}

TEST_CASE("otlp: input that ends inside a document is reported where that document starts") {
  // A whole-document file cut at byte 100000: the spans that end before the cut are read
  // (compute_expected.py: 943+17603, 19543+34244, 54784+23786 <= 100000 < 79567+40303).
  const std::string cut = read_file(data_path("otlp/smol_deep_research_agent.json")).substr(0, 100000);
  for (size_t chunk : {size_t(1), size_t(1) << 20}) {
    const Loaded l = load({{"cut.json", cut}}, chunk);
    const Trace& t = l.trace();
    CHECK(t.spans.size() == 3);
    REQUIRE(t.skipped.size() == 1);
    CHECK(t.skipped[0].reason == SkipReason::invalid_json);
    CHECK(t.skipped[0].line == 1);
    CHECK(t.skipped[0].byte_offset == 0);
    CHECK(t.skipped[0].detail.find("the input ends inside the JSON value that starts at line 1, byte 0") == 0);
    CHECK(t.skipped[0].detail.find("the span object at line 703, byte 79567 is cut") != std::string::npos);
    CHECK(export_bytes(*l.bundle, 0) == cut);
  }
  // A last line without its end (a writer stopped mid-line): partial_line at that line's start.
  const std::string partial = kGoodLine + kGoodLine.substr(0, 80);
  const Loaded l = load({{"partial.jsonl", partial}}, 1);
  REQUIRE(l.trace().skipped.size() == 1);
  CHECK(l.trace().skipped[0].reason == SkipReason::partial_line);
  CHECK(l.trace().skipped[0].line == 2);
  CHECK(l.trace().skipped[0].byte_offset == kGoodLine.size());
  CHECK(l.trace().spans.size() == 1);
  // A line cut short in the middle of a one-document-per-line file does not swallow the next line.
  const std::string cut_line = kGoodLine + kGoodLine.substr(0, 60) + "\n" + kGoodLine;
  const Loaded m = load({{"cut_line.jsonl", cut_line}}, 1);
  REQUIRE(m.trace().skipped.size() == 1);
  CHECK(m.trace().skipped[0].line == 2);
  CHECK(m.trace().skipped[0].byte_offset == kGoodLine.size() + 60);  // its line end
  CHECK(m.trace().spans.size() == 2);
}

TEST_CASE("otlp: damaged input is read the same whatever the chunk edges, and never crashes") {
  const std::string base = read_file(data_path("otlp/genai_semconv.jsonl"));
  ConvertOptions forced;
  forced.format = "otlp";  // damaged heads may no longer sniff as OTLP
  uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  auto describe = [](const Loaded& l) {
    std::string out;
    for (const std::string& entry : tree(l)) out += entry + "\n";
    for (const SkippedRecord& s : l.trace().skipped) {
      out += std::to_string(int(s.reason)) + " " + std::to_string(s.line) + ":" + std::to_string(s.byte_offset) + " " +
             s.detail + "\n";
    }
    return out;
  };
  for (int round = 0; round < 150; ++round) {
    std::string damaged = base;
    for (int edit = int(next() % 4); edit >= 0 && !damaged.empty(); --edit) {
      const size_t at = next() % damaged.size();
      if (next() % 2) {
        damaged[at] = "{}[]\",:\n x0\\\xff"[next() % 14];
      } else {
        damaged.erase(at, 1 + next() % 24);
      }
    }
    INFO("round " << round);
    const Loaded whole = load({{"damaged.jsonl", damaged}}, 1 << 20, forced);
    const Loaded bytes = load({{"damaged.jsonl", damaged}}, 1, forced);
    CHECK(describe(whole) == describe(bytes));
    CHECK(whole.trace().spans.size() + whole.trace().skipped.size() >= 1);
    CHECK(export_bytes(*whole.bundle, 0) == damaged);
  }
}

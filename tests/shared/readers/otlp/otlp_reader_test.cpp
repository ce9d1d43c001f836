// OTLP/JSON reader on real data (tests/data/otlp, see SOURCES.md): span counts, payload ranges,
// parent links, kinds, names, tokens, statuses and times against tests/data/otlp/compute_expected.py,
// in chunks of 1 byte up to the whole file, and the byte-exact export round trip.
#include "readers/otlp/otlp_reader.h"

#include <set>

#include "otlp_test_support.h"
#include "readers/registry.h"

using namespace agentreel;
using namespace agentreel::test;
using namespace agentreel::test::otlp;

namespace {

// compute_expected.py, "== smol_deep_research_agent.json".
const std::vector<ExpectedSpan> kSmol = {
    {943, 17603, SpanKind::model, "o1-2024-12-17", 254274, SpanStatus::ok, 941, 1202, 1751474439280943000LL,
     11471695000LL},
    {19543, 34244, SpanKind::model, "o1-2024-12-17", 254274, SpanStatus::ok, 2711, 730, 1751474450764357000LL,
     11797214000LL},
    {54784, 23786, SpanKind::model, "o1-2024-12-17", 254274, SpanStatus::ok, 1453, 1410, 1751474462621960000LL,
     12940920000LL},
    {79567, 40303, SpanKind::model, "o1-2024-12-17", 254274, SpanStatus::ok, 2912, 490, 1751474475577853000LL,
     10932165000LL},
    {120867, 56782, SpanKind::model, "o1-2024-12-17", 254274, SpanStatus::ok, 1025, 1896, 1751474487717614000LL,
     31018542000LL},
    {178646, 73554, SpanKind::model, "o1-2024-12-17", 254274, SpanStatus::ok, 3406, 1394, 1751474518784510000LL,
     14388485000LL},
    {252359, 1899, SpanKind::event, "quotient.end_of_trace", 254274, SpanStatus::ok, -1, -1, 1751474533202028000LL,
     47000LL},
    {254274, 1040, SpanKind::event, "main", -1, SpanStatus::ok, -1, -1, 1751474438519404000LL, 94682711000LL},
};

// compute_expected.py, "== rag_earnings_agent.json".
const std::vector<ExpectedSpan> kRag = {
    {946, 1535, SpanKind::event, "RunnableLambda", 10704, SpanStatus::ok, -1, -1, 1751474840301046016LL, 315904LL},
    {2497, 8191, SpanKind::event, "VectorStoreRetriever", 10704, SpanStatus::ok, -1, -1, 1751474840301667840LL,
     403776256LL},
    {10704, 4248, SpanKind::event, "retrieve_documents", 14968, SpanStatus::ok, -1, -1, 1751474840297750016LL,
     408163072LL},
    {14968, 4256, SpanKind::event, "RunnableParallel<context>", 19240, SpanStatus::ok, -1, -1, 1751474840296145920LL,
     409980160LL},
    {19240, 4305, SpanKind::event, "RunnableAssign<context>", 90395, SpanStatus::ok, -1, -1, 1751474840295572992LL,
     410678016LL},
    {23561, 6558, SpanKind::event, "format_docs", 30135, SpanStatus::ok, -1, -1, 1751474840708856064LL, 88975872LL},
    {30135, 6572, SpanKind::event, "RunnableParallel<context>", 36723, SpanStatus::ok, -1, -1, 1751474840708518912LL,
     89531136LL},
    {36723, 6873, SpanKind::event, "format_inputs", 74549, SpanStatus::ok, -1, -1, 1751474840708200960LL, 90057216LL},
    {43612, 9944, SpanKind::event, "ChatPromptTemplate", 74549, SpanStatus::ok, -1, -1, 1751474840798659072LL,
     363776LL},
    {53713, 5294, SpanKind::event, "chroma.collection.query", 97392, SpanStatus::ok, -1, -1, 1751474840669409000LL,
     35667000LL},
    {60007, 11930, SpanKind::model, "gpt-3.5-turbo", 74549, SpanStatus::ok, 629, 19, 1751474840799428096LL,
     1274181888LL},
    {71953, 2580, SpanKind::event, "StrOutputParser", 74549, SpanStatus::ok, -1, -1, 1751474842075184128LL, 535040LL},
    {74549, 4327, SpanKind::event, "stuff_documents_chain", 78892, SpanStatus::ok, -1, -1, 1751474840707863040LL,
     1368091904LL},
    {78892, 4330, SpanKind::event, "RunnableParallel<answer>", 83238, SpanStatus::ok, -1, -1, 1751474840707161856LL,
     1369037312LL},
    {83238, 7141, SpanKind::event, "RunnableAssign<answer>", 90395, SpanStatus::ok, -1, -1, 1751474840706675968LL,
     1369693184LL},
    {90395, 4374, SpanKind::event, "retrieval_chain", 97392, SpanStatus::ok, -1, -1, 1751474840290605056LL,
     1785879808LL},
    {95714, 1662, SpanKind::event, "quotient.end_of_trace", 97392, SpanStatus::ok, -1, -1, 1751474867486249000LL,
     63000LL},
    {97392, 803, SpanKind::event, "main", -1, SpanStatus::ok, -1, -1, 1751474816897561000LL, 50588775000LL},
};

// compute_expected.py, "== trace.json": its parentSpanId names no span in the file, so it is a root.
const std::vector<ExpectedSpan> kSpec = {
    {615, 572, SpanKind::event, "I'm a server span", -1, SpanStatus::ok, -1, -1, 1544712660000000000LL, 1000000000LL},
};

// compute_expected.py, "== genai_semconv.jsonl" (hand-written GenAI semconv lines, see SOURCES.md).
const std::vector<ExpectedSpan> kGenAi = {
    {212, 480, SpanKind::event, "embeddings text-embedding-3-small", 693, SpanStatus::ok, 12, -1, 1767225600150000000LL,
     250000000LL},
    {693, 1157, SpanKind::model, "gpt-4o-2024-08-06", 5785, SpanStatus::ok, 176, 85, 1767225600100000000LL,
     2000000000LL},
    {2042, 531, SpanKind::tool, "get_weather", 5785, SpanStatus::ok, -1, -1, 1767225602200000000LL, 500000000LL},
    {2574, 786, SpanKind::tool, "book_flight", 5785, SpanStatus::error, -1, -1, 1767225602800000000LL, 1500000000LL},
    {3526, 508, SpanKind::event, "create_agent support-bot", 6558, SpanStatus::ok, -1, -1, 1767225660010000000LL,
     40000000LL},
    {4035, 786, SpanKind::model, "claude-sonnet-4-5", 6558, SpanStatus::error, 310, 0, 1767225660100000000LL,
     1000000000LL},
    {5040, 682, SpanKind::model, "gpt-4o-2024-08-06", 5785, SpanStatus::ok, 1400, 230, 1767225604400000000LL,
     4400000000LL},
    {5785, 583, SpanKind::agent, "travel-planner", -1, SpanStatus::ok, -1, -1, 1767225600000000000LL, 9000000000LL},
    {6558, 420, SpanKind::agent, "support-bot", -1, SpanStatus::unfinished, -1, -1, 1767225660000000000LL, -1LL},
};

struct Totals {
  int64_t model_input = 0, model_output = 0;
  std::set<std::string> models;
  size_t errors = 0, roots = 0;
};

Totals totals(const Loaded& l) {
  Totals out;
  const Trace& t = l.trace();
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    if (t.spans.parent[i] == kNoSpan) ++out.roots;
    if (t.spans.status[i] == SpanStatus::error) ++out.errors;
    if (t.spans.kind[i] != SpanKind::model) continue;
    out.model_input += std::max<int64_t>(0, l.integer(i, "input_tokens"));
    out.model_output += std::max<int64_t>(0, l.integer(i, "output_tokens"));
    out.models.insert(std::string(t.name_of(i)));
  }
  return out;
}

}  // namespace

TEST_CASE("otlp: OpenInference smolagents sample (base64 ids, array of 6 documents)") {
  for (size_t chunk : {size_t(1), size_t(4093), size_t(1) << 20}) {
    INFO("chunk " << chunk);
    const Loaded l = load_data("smol_deep_research_agent.json", chunk);
    const Trace& t = l.trace();
    REQUIRE(t.sessions.size() == 1);
    CHECK(t.strings.get(t.sessions[0].id) == "ba8ab01bf086833c989ce2a7a29eee31");
    CHECK(t.spans.size() == 8);
    CHECK(t.inputs[0].format == "otlp");
    CHECK(t.inputs[0].records == 8);
    CHECK(t.inputs[0].skipped == 0);
    CHECK(l.summary.build.links_resolved == 7);
    CHECK(l.summary.build.links_unresolved == 0);
    check_spans(l, 0, kSmol);
    const Totals sums = totals(l);
    CHECK(sums.model_input == 12448);
    CHECK(sums.model_output == 7122);
    CHECK(sums.models == std::set<std::string>{"o1-2024-12-17"});
    CHECK(sums.errors == 0);
    CHECK(sums.roots == 1);
  }
}

TEST_CASE("otlp: OpenInference LangChain RAG sample (children before parents, 3 batches)") {
  for (size_t chunk : {size_t(1), size_t(4093), size_t(1) << 20}) {
    INFO("chunk " << chunk);
    const Loaded l = load_data("rag_earnings_agent.json", chunk);
    const Trace& t = l.trace();
    REQUIRE(t.sessions.size() == 1);
    CHECK(t.strings.get(t.sessions[0].id) == "b47d761fe79be88aee41342cdd527268");
    CHECK(t.spans.size() == 18);
    CHECK(t.inputs[0].records == 18);
    CHECK(t.inputs[0].skipped == 0);
    CHECK(l.summary.build.links_resolved == 17);
    check_spans(l, 0, kRag);
    const Totals sums = totals(l);
    CHECK(sums.model_input == 629);
    CHECK(sums.model_output == 19);
    CHECK(sums.models == std::set<std::string>{"gpt-3.5-turbo"});
    CHECK(sums.errors == 0);
    CHECK(sums.roots == 1);
    // CHAIN / RETRIEVER / UNKNOWN keep their OpenInference kind as `operation`.
    CHECK(l.text(l.find("VectorStoreRetriever"), "operation") == "RETRIEVER");
    CHECK(l.text(l.find("retrieval_chain"), "operation") == "CHAIN");
    CHECK(l.text(l.find("gpt-3.5-turbo"), "model") == "gpt-3.5-turbo");
  }
}

TEST_CASE("otlp: the OTLP specification's example (hex ids, integer kind, parent outside the file)") {
  for (size_t chunk : {size_t(1), size_t(1) << 20}) {
    const Loaded l = load_data("trace.json", chunk);
    const Trace& t = l.trace();
    REQUIRE(t.sessions.size() == 1);
    CHECK(t.strings.get(t.sessions[0].id) == "5b8efff798038103d269b633813fc60c");  // uppercase hex, lowered
    CHECK(t.spans.size() == 1);
    CHECK(l.summary.build.links_unresolved == 1);
    check_spans(l, 0, kSpec);
  }
}

TEST_CASE("otlp: GenAI semantic conventions, one TracesData per line") {
  for (size_t chunk : {size_t(1), size_t(7), size_t(1) << 20}) {
    INFO("chunk " << chunk);
    const Loaded l = load_data("genai_semconv.jsonl", chunk);
    const Trace& t = l.trace();
    REQUIRE(t.sessions.size() == 2);  // two trace ids
    std::set<std::string> ids;
    for (const Session& s : t.sessions) ids.insert(std::string(t.strings.get(s.id)));
    CHECK(ids == std::set<std::string>{"0af7651916cd43dd8448eb211c80319c", "4bf92f3577b34da6a3ce929d0e0e4736"});
    CHECK(t.spans.size() == 9);
    CHECK(t.inputs[0].skipped == 0);
    check_spans(l, 0, kGenAi);
    const Totals sums = totals(l);
    CHECK(sums.model_input == 1886);
    CHECK(sums.model_output == 315);
    CHECK(sums.models == std::set<std::string>{"claude-sonnet-4-5", "gpt-4o-2024-08-06"});
    CHECK(sums.errors == 2);
    CHECK(sums.roots == 2);

    const uint32_t flight = l.find("book_flight");
    CHECK(l.text(flight, "error") == "payment declined");  // status.message
    CHECK(l.text(flight, "tool_name") == "book_flight");
    CHECK(l.text(flight, "tool_call_id") == "call_fl2");
    CHECK(l.text(l.find("claude-sonnet-4-5"), "error") == "429 Too Many Requests");  // exception event
    const uint32_t chat = t.spans.parent[l.find("embeddings text-embedding-3-small")];
    CHECK(l.text(chat, "stop_reason") == "tool_calls");
    CHECK(l.integer(chat, "cache_read_tokens") == 1024);
    CHECK(l.text(chat, "model") == "gpt-4o-2024-08-06");
    CHECK(l.text(l.find("embeddings text-embedding-3-small"), "operation") == "embeddings");
    CHECK(l.text(l.find("travel-planner"), "session_id") == "conv-42");  // gen_ai.conversation.id
    CHECK(l.text(l.find("support-bot"), "session_id") == "sess-7");      // session.id
  }
}

TEST_CASE("otlp: a long error message is cut at a UTF-8 character boundary (docs/limits.md)") {
  // 511 ASCII bytes, then "é" (C3 A9) straddling the 512-byte attribute limit, then more text.
  const std::string message = std::string(511, 'x') + "\xC3\xA9" + "tail";
  const std::string line =
      R"({"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0af7651916cd43dd8448eb211c80319c",)"
      R"("spanId":"b7ad6b7169203331","name":"execute_tool lookup","kind":1,)"
      R"("startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000001000000000",)"
      R"("status":{"code":2,"message":")" +
      message +
      R"("}}]}]}]})"
      "\n";
  const Loaded l = load({{"cut.jsonl", line}});
  const uint32_t span = l.find("execute_tool lookup");
  REQUIRE(span != kNoSpan);
  const std::string error = l.text(span, "error");
  CHECK(error == std::string(511, 'x'));  // the whole character dropped, never half of it
}

TEST_CASE("otlp: export gives back every input byte for byte") {
  std::vector<NamedInput> inputs;
  for (const char* name :
       {"smol_deep_research_agent.json", "rag_earnings_agent.json", "trace.json", "genai_semconv.jsonl"}) {
    inputs.push_back({std::string("otlp/") + name, read_file(data_path(std::string("otlp/") + name))});
  }
  const Loaded l = load(inputs, 65537);
  REQUIRE(l.trace().inputs.size() == inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    INFO(inputs[i].path);
    CHECK(l.trace().inputs[i].format == "otlp");
    CHECK(export_bytes(*l.bundle, i) == inputs[i].bytes);
  }
  // Several inputs: offsets stay right past the first file, and every payload is its span object.
  check_spans(l, 1, kRag);
  check_spans(l, 3, kGenAi);
  for (uint32_t i = 0; i < l.trace().spans.size(); ++i) {
    auto record = l.bundle->read_record(l.trace().spans.begin_record[i]);
    REQUIRE(record.is_ok());
    CHECK(record.value().front() == '{');
    CHECK(record.value().back() == '}');
    CHECK(record.value().find("\"spanId\"") != std::string::npos);
  }
  CHECK(l.trace().sessions.size() == 5);
  CHECK(l.trace().spans.size() == 8 + 18 + 1 + 9);
}

TEST_CASE("otlp: sniffing claims OTLP traces and nothing else") {
  for (const char* name :
       {"smol_deep_research_agent.json", "rag_earnings_agent.json", "trace.json", "genai_semconv.jsonl"}) {
    const std::string head = read_file(data_path(std::string("otlp/") + name)).substr(0, 65536);
    INFO(name);
    CHECK(otlp_sniff(head).empty());
    auto detected = detect_format(name, head);
    REQUIRE(detected.is_ok());
    CHECK(detected.value()->name == "otlp");
  }
  // AgentEye JSONL, a Claude Code transcript line (which may mention "resourceSpans" in its text),
  // OTLP logs, and plain text are not claimed.
  CHECK_FALSE(otlp_sniff(read_file(data_path("agenteye/interleaved.jsonl")).substr(0, 65536)).empty());
  const std::string claude =
      R"({"parentUuid":null,"isSidechain":false,"type":"user","message":{"role":"user","content":"parse )"
      R"(\"resourceSpans\" please"},"uuid":"u1","timestamp":"2026-01-01T00:00:00Z","sessionId":"s"})"
      "\n";
  CHECK(otlp_sniff(claude) == "the first JSON object has no top-level \"resourceSpans\" key");
  CHECK_FALSE(otlp_sniff(R"({"data":{"resourceSpans":[]}})").empty());  // not at the top level
  CHECK_FALSE(otlp_sniff(R"({"resourceLogs":[{"scopeLogs":[]}]})").empty());
  CHECK_FALSE(otlp_sniff("hello\n").empty());
  CHECK_FALSE(otlp_sniff("[1, 2]").empty());
  CHECK(otlp_sniff(" \n[ {\"resourceSpans\": [").empty());          // cut head: enough to decide
  CHECK(otlp_sniff("\xEF\xBB\xBF{\"resourceSpans\":[]}").empty());  // byte order mark
}

// OTLP/JSON export: real bundles exported and read back by agentreel's own OTLP reader give the same spans (count,
// names, times, parents, status, kind), one trace per session, and the same bytes on every export.
#include "export/otlp_export.h"

#include <set>

#include "export/export_ids.h"
#include "export/export_test_support.h"
#include "readers/json_line.h"
#include "readers/otlp/otlp_ids.h"
#include "trace_support.h"

namespace agentreel::test {
namespace {

std::string export_otlp(const Bundle& bundle) {
  VectorSink sink;
  const Status written = write_otlp_json(bundle.trace(), bundle_records(bundle), sink);
  REQUIRE(written.is_ok());
  return std::string(sink.buffer.begin(), sink.buffer.end());
}

// The name our OTLP reader gives a span: a model call is named by its model (gen_ai.request.model) when it has one.
std::string expected_name(const Trace& trace, uint32_t span) {
  if (trace.spans.kind[span] == SpanKind::model) {
    if (auto model = trace.find_attribute(span, "model"); model && model->type == AttrType::string) {
      return std::string(trace.strings.get(StringId(model->value)));
    }
  }
  return std::string(trace.name_of(span));
}

// Kinds the GenAI conventions name come back as they were; the others as events.
SpanKind expected_kind(SpanKind kind) {
  return kind == SpanKind::model || kind == SpanKind::tool || kind == SpanKind::agent ? kind : SpanKind::event;
}

bool is_failure(SpanStatus status) {
  return status == SpanStatus::error || status == SpanStatus::denied || status == SpanStatus::cancelled;
}

// Every "spanId" of an OTLP/JSON document (or of each line of a JSON Lines file), as normalized hex.
std::multiset<std::string> span_ids_of(const std::string& text) {
  std::multiset<std::string> ids;
  JsonLineParser parser;
  auto collect = [&](std::string_view document) {
    simdjson::dom::element root;
    REQUIRE(!parser.parse(document, root));
    for (simdjson::dom::element resource : root["resourceSpans"].get_array()) {
      for (simdjson::dom::element scope : resource["scopeSpans"].get_array()) {
        for (simdjson::dom::element span : scope["spans"].get_array()) {
          ids.insert(normalize_otlp_id(std::string_view(span["spanId"].get_string()), 8));
        }
      }
    }
  };
  collect(text);
  return ids;
}

}  // namespace

TEST_CASE("OTLP export of real bundles reads back through the OTLP reader as the same spans", "[export][otlp]") {
  for (const std::string& sample : export_samples()) {
    INFO(sample);
    auto bundle = sample_bundle(sample);
    const Trace& trace = bundle->trace();
    const std::string exported = export_otlp(*bundle);
    const ReadTrace back = read_trace({{"exported.otlp.json", exported}});
    const Trace& read = back.trace;
    CHECK(read.skipped.empty());
    const std::vector<std::string> trace_ids = export_trace_ids(trace);

    std::vector<uint32_t> sessions;
    for (uint32_t s = 0; s < trace.sessions.size(); ++s) {
      if (trace.sessions[s].span_count) sessions.push_back(s);
    }
    REQUIRE(read.sessions.size() == sessions.size());
    size_t compared = 0;
    for (size_t k = 0; k < sessions.size(); ++k) {
      const Session& ours = trace.sessions[sessions[k]];
      const Session& theirs = read.sessions[k];
      CHECK(read.strings.get(theirs.id) == trace_ids[sessions[k]]);  // one trace a session
      REQUIRE(theirs.span_count == ours.span_count);
      const int64_t offset = session_clock(ours.flags) == SessionClock::wall ? 0 : kOtlpOrdinalOffsetNs;
      for (uint32_t i = 0; i < ours.span_count; ++i) {
        const uint32_t a = ours.first_span + i, b = theirs.first_span + i;
        INFO("session " << k << " span " << i << " (" << trace.name_of(a) << ")");
        CHECK(read.name_of(b) == expected_name(trace, a));
        CHECK(read.spans.start_ns[b] == trace.spans.start_ns[a] + offset);
        CHECK(read.spans.duration_ns[b] == trace.spans.duration_ns[a]);
        const uint32_t parent_a = trace.spans.parent[a], parent_b = read.spans.parent[b];
        CHECK((parent_a == kNoSpan ? kNoSpan : parent_a - ours.first_span) ==
              (parent_b == kNoSpan ? kNoSpan : parent_b - theirs.first_span));
        CHECK((read.spans.status[b] == SpanStatus::error) == is_failure(trace.spans.status[a]));
        CHECK(read.spans.kind[b] == expected_kind(trace.spans.kind[a]));
        ++compared;
      }
    }
    CHECK(compared == trace.spans.size());
  }
}

TEST_CASE("OTLP export gives the same bytes every time and keeps model tokens", "[export][otlp]") {
  for (const std::string& sample : export_samples()) {
    INFO(sample);
    const std::string first = export_otlp(*sample_bundle(sample));
    CHECK(export_otlp(*sample_bundle(sample)) == first);  // a second conversion, a second export

    // Token counts survive the trip (cached tokens counted inside gen_ai.usage.input_tokens and taken out again).
    auto bundle = sample_bundle(sample);
    const ReadTrace back = read_trace({{"exported.otlp.json", first}});
    int64_t ours = 0, theirs = 0;
    for (const char* key : {"input_tokens", "output_tokens", "cache_read_tokens", "cache_creation_tokens"}) {
      for (uint32_t span = 0; span < bundle->trace().spans.size(); ++span) {
        if (bundle->trace().spans.kind[span] != SpanKind::model) continue;
        if (auto row = bundle->trace().find_attribute(span, key)) ours += row->value;
      }
      for (uint32_t span = 0; span < back.trace.spans.size(); ++span) {
        if (auto row = back.trace.find_attribute(span, key)) theirs += row->value;
      }
    }
    CHECK(theirs == ours);
  }
}

TEST_CASE("OTLP export keeps an OTLP source's own span ids and derives distinct ones elsewhere", "[export][otlp]") {
  SECTION("OTLP input: the same span ids as the source") {
    const std::string sample = "otlp/trace.json";
    const std::string exported = export_otlp(*sample_bundle(sample));
    CHECK(span_ids_of(exported) == span_ids_of(read_file(data_path(sample))));
  }
  SECTION("Claude Code input: 16 hex digits, never zero, distinct, parents among them") {
    auto bundle = sample_bundle("claude-code/258c7280-ae70-4798-800f-63464d01a85d.jsonl");
    const Trace& trace = bundle->trace();
    const std::vector<std::string> trace_ids = export_trace_ids(trace);
    for (uint32_t s = 0; s < trace.sessions.size(); ++s) {
      CHECK(trace_ids[s].size() == 32);
      const std::vector<uint64_t> ids = export_span_ids(trace, s, trace_ids[s], bundle_records(*bundle));
      REQUIRE(ids.size() == trace.sessions[s].span_count);
      CHECK(std::set<uint64_t>(ids.begin(), ids.end()).size() == ids.size());
      CHECK(std::find(ids.begin(), ids.end(), uint64_t(0)) == ids.end());
      CHECK(span_id_hex(ids.front()).size() == 16);
    }
  }
}

}  // namespace agentreel::test

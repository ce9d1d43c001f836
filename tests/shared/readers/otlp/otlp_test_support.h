// Helpers shared by the OTLP reader tests: converting one input, finding spans by their payload's
// offset, and the expected-span rows printed by tests/data/otlp/compute_expected.py.
#pragma once

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "test_support.h"

namespace agentreel::test::otlp {

struct Loaded {
  std::unique_ptr<Bundle> bundle;
  ConvertSummary summary;
  const Trace& trace() const { return bundle->trace(); }
  // Span index by the raw-stream offset of its payload (the span object).
  std::map<uint64_t, uint32_t> by_record() const {
    std::map<uint64_t, uint32_t> out;
    for (uint32_t i = 0; i < trace().spans.size(); ++i) out[trace().spans.begin_record[i].offset] = i;
    return out;
  }
  std::string text(uint32_t span, std::string_view key) const {
    const std::optional<Attribute> a = trace().find_attribute(span, key);
    if (!a || a->type != AttrType::string) return "<none>";
    return std::string(trace().strings.get(StringId(a->value)));
  }
  int64_t integer(uint32_t span, std::string_view key) const {
    const std::optional<Attribute> a = trace().find_attribute(span, key);
    return a && a->type == AttrType::integer ? a->value : -1;
  }
  // The first span with this name (any session).
  uint32_t find(std::string_view name) const {
    for (uint32_t i = 0; i < trace().spans.size(); ++i) {
      if (trace().name_of(i) == name) return i;
    }
    return kNoSpan;
  }
};

inline Loaded load(const std::vector<NamedInput>& inputs, size_t chunk = 1 << 20, ConvertOptions options = {}) {
  Converted converted = convert_in_memory(inputs, chunk, options);
  INFO(converted.status.to_string());
  REQUIRE(converted.status.is_ok());
  auto bundle = open_bytes(converted.bundle);
  REQUIRE(bundle.is_ok());
  return Loaded{bundle.take(), converted.summary};
}

inline Loaded load_data(const std::string& name, size_t chunk = 1 << 20) {
  return load({{name, read_file(data_path("otlp/" + name))}}, chunk);
}

// One span as compute_expected.py prints it (offsets within the file; parent_offset -1 = root,
// tokens -1 = absent, duration -1 = no end time).
struct ExpectedSpan {
  uint64_t offset;
  uint32_t length;
  SpanKind kind;
  const char* name;
  int64_t parent_offset;
  SpanStatus status;
  int64_t input_tokens;
  int64_t output_tokens;
  int64_t start_ns;
  int64_t duration_ns;
};

// Every span of input `input` matches its row: payload range, kind, name, parent, status, tokens, times.
inline void check_spans(const Loaded& l, size_t input, const std::vector<ExpectedSpan>& rows) {
  const Trace& t = l.trace();
  const uint64_t base = t.inputs[input].stream_offset;
  const auto by_record = l.by_record();
  size_t seen = 0;
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    if (t.spans.begin_record[i].offset >= base && t.spans.begin_record[i].offset < base + t.inputs[input].size) ++seen;
  }
  CHECK(seen == rows.size());
  for (const ExpectedSpan& row : rows) {
    INFO("span at byte " << row.offset << " (" << row.name << ")");
    auto it = by_record.find(base + row.offset);
    REQUIRE(it != by_record.end());
    const uint32_t i = it->second;
    CHECK(t.spans.begin_record[i].length == row.length);
    CHECK(t.spans.end_record[i].length == 0);
    CHECK(t.spans.kind[i] == row.kind);
    CHECK(t.name_of(i) == row.name);
    CHECK(t.spans.status[i] == row.status);
    CHECK(t.spans.start_ns[i] == row.start_ns);
    if (row.duration_ns >= 0) CHECK(t.spans.duration_ns[i] == row.duration_ns);
    CHECK(l.integer(i, "input_tokens") == row.input_tokens);
    CHECK(l.integer(i, "output_tokens") == row.output_tokens);
    if (row.parent_offset < 0) {
      CHECK(t.spans.parent[i] == kNoSpan);
    } else {
      REQUIRE(t.spans.parent[i] != kNoSpan);
      CHECK(t.spans.begin_record[t.spans.parent[i]].offset == base + uint64_t(row.parent_offset));
    }
  }
}

}  // namespace agentreel::test::otlp

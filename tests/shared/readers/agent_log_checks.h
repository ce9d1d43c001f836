// Helpers the Codex, Gemini CLI and Copilot CLI reader tests share: a bundle converted in memory and queried by
// kind, name and attribute; a trace read without a bundle and dumped whole (spans, attributes, text facts, skips)
// so readings fed in different chunk sizes can be compared; a text fact read back as text; the lines of a file.
#pragma once

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "model/record_text.h"
#include "test_support.h"
#include "trace_support.h"

namespace agentreel::test {

struct LoadedBundle {
  Converted converted;
  std::unique_ptr<Bundle> bundle;
  const Trace& trace() const { return bundle->trace(); }

  std::map<SpanKind, int> kinds() const {
    std::map<SpanKind, int> count;
    for (size_t i = 0; i < trace().spans.size(); ++i) ++count[trace().spans.kind[i]];
    return count;
  }
  std::vector<uint32_t> all(SpanKind kind, std::string_view name = {}) const {
    std::vector<uint32_t> found;
    for (uint32_t i = 0; i < trace().spans.size(); ++i) {
      if (trace().spans.kind[i] == kind && (name.empty() || trace().name_of(i) == name)) found.push_back(i);
    }
    return found;
  }
  uint32_t find(SpanKind kind, std::string_view name) const {
    auto found = all(kind, name);
    return found.empty() ? kNoSpan : found.front();
  }
  std::string payload(RecordRef ref) const {
    if (ref.length == 0) return {};
    auto record = bundle->read_record(ref);
    return record.is_ok() ? record.value() : "<" + record.status().to_string() + ">";
  }
  int64_t attribute_sum(SpanKind kind, std::string_view key) const {
    int64_t sum = 0;
    for (uint32_t i : all(kind)) {
      if (const std::optional<Attribute> a = trace().find_attribute(i, key)) sum += a->value;
    }
    return sum;
  }
  std::optional<int64_t> integer(uint32_t span, std::string_view key) const {
    const std::optional<Attribute> a = trace().find_attribute(span, key);
    if (!a || a->type != AttrType::integer) return std::nullopt;
    return a->value;
  }
  std::string_view text_attribute(uint32_t span, std::string_view key) const {
    const std::optional<Attribute> a = trace().find_attribute(span, key);
    return a && a->type == AttrType::string ? trace().strings.get(StringId(a->value)) : std::string_view();
  }
};

inline LoadedBundle load_bundle(const std::vector<NamedInput>& inputs, size_t chunk = 1 << 20,
                                ConvertOptions options = {}) {
  LoadedBundle l;
  l.converted = convert_in_memory(inputs, chunk, options);
  INFO(l.converted.status.to_string());
  REQUIRE(l.converted.status.is_ok());
  auto bundle = open_bytes(l.converted.bundle);
  REQUIRE(bundle.is_ok());
  l.bundle = bundle.take();
  return l;
}

// Test files by their path under tests/data, read, named by that path (as `agentreel convert tests/data/x` would
// store them).
inline std::vector<NamedInput> data_inputs(const std::vector<std::string>& paths) {
  std::vector<NamedInput> inputs;
  for (const std::string& path : paths) inputs.push_back({path, read_file(data_path(path))});
  return inputs;
}

// The `nth` fact of `role` on `span`, read back as text; "<none>" when the span has none.
inline std::string fact_text(const ReadTrace& r, uint32_t span, TextRole role, size_t nth = 0) {
  auto [first, last] = r.trace.texts.rows_of(span);
  for (size_t row = first; row < last; ++row) {
    const TextRef ref = r.trace.texts[row];
    if (ref.role != role) continue;
    if (nth-- > 0) continue;
    const std::optional<std::string> text = record_text_at(r.record(ref.record), r.trace.strings.get(ref.path));
    return text ? *text : "<unresolved>";
  }
  return "<none>";
}

inline size_t fact_count(const ReadTrace& r, uint32_t span, TextRole role) {
  size_t count = 0;
  auto [first, last] = r.trace.texts.rows_of(span);
  for (size_t row = first; row < last; ++row) count += r.trace.texts[row].role == role ? 1 : 0;
  return count;
}

inline std::vector<uint32_t> spans_of(const Trace& t, SpanKind kind, std::string_view name = {}) {
  std::vector<uint32_t> found;
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    if (t.spans.kind[i] == kind && (name.empty() || t.name_of(i) == name)) found.push_back(i);
  }
  return found;
}

// Everything the reader decided, as text: sessions, spans, attributes, text facts (resolved), skips.
inline std::string dump_trace(const ReadTrace& r) {
  const Trace& t = r.trace;
  std::ostringstream out;
  for (const Session& s : t.sessions) {
    out << "session " << t.strings.get(s.id) << " " << s.first_span << "+" << s.span_count << "\n";
  }
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    out << i << " " << t.name_of(i) << " " << t.spans.start_ns[i] << " " << t.spans.duration_ns[i] << " "
        << t.spans.parent[i] << " " << int(t.spans.kind[i]) << " " << int(t.spans.status[i]) << " " << t.spans.flags[i]
        << " " << t.spans.begin_record[i].offset << ":" << t.spans.begin_record[i].length << " "
        << t.spans.end_record[i].offset << ":" << t.spans.end_record[i].length << "\n";
    for (const Attribute& a : t.attributes.rows_of(i)) {
      out << "  " << t.strings.get(a.key) << "="
          << (a.type == AttrType::string ? std::string(t.strings.get(StringId(a.value))) : std::to_string(a.value))
          << "\n";
    }
    auto [first, last] = t.texts.rows_of(i);
    for (size_t row = first; row < last; ++row) {
      const TextRef ref = t.texts[row];
      out << "  " << text_role_name(ref.role) << " " << ref.record.offset << ":" << ref.record.length << " "
          << t.strings.get(ref.path) << "\n";
    }
  }
  for (const SkippedRecord& s : t.skipped) out << "skip " << s.line << " " << s.byte_offset << " " << s.detail << "\n";
  return out.str();
}

// (offset, length) of every line of `bytes`, without its "\n": the records of a JSON lines file.
inline std::set<std::pair<uint64_t, uint32_t>> line_extents(const std::string& bytes, uint64_t base = 0) {
  std::set<std::pair<uint64_t, uint32_t>> lines;
  for (size_t at = 0; at < bytes.size();) {
    const size_t end = std::min(bytes.find('\n', at), bytes.size());
    lines.emplace(base + at, uint32_t(end - at));
    at = end + 1;
  }
  return lines;
}

// The lines of `bytes` (without "\n"), and back.
inline std::vector<std::string> split_lines(const std::string& bytes) {
  std::vector<std::string> lines;
  for (size_t at = 0; at < bytes.size();) {
    const size_t end = std::min(bytes.find('\n', at), bytes.size());
    lines.push_back(bytes.substr(at, end - at));
    at = end + 1;
  }
  return lines;
}

}  // namespace agentreel::test

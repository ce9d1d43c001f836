// Checks the reader tests share: a trace dumped whole (spans, attributes, text facts, skips) to compare readings
// fed in different chunk sizes, a span's text fact read back through record_text, and a JSON value's minified
// form (simdjson) to compare a fact that holds an object with the value decoded independently.
#pragma once

#include <simdjson.h>

#include <optional>
#include <sstream>
#include <string>

#include "model/record_text.h"
#include "trace_support.h"

namespace agentreel::test {

// Everything a reader decided, as text.
inline std::string dump_trace(const Trace& t) {
  std::ostringstream out;
  for (const Session& s : t.sessions) {
    out << "session " << t.strings.get(s.id) << " " << s.first_span << "+" << s.span_count << " flags " << s.flags
        << "\n";
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
    const auto [first, last] = t.texts.rows_of(i);
    for (size_t row = first; row < last; ++row) {
      const TextRef ref = t.texts[row];
      out << "  text " << text_role_name(ref.role) << " " << ref.record.offset << ":" << ref.record.length << " "
          << t.strings.get(ref.path) << "\n";
    }
  }
  for (const SkippedRecord& s : t.skipped) {
    out << "skip " << s.input << " " << int(s.reason) << " " << s.line << " " << s.byte_offset << " " << s.detail
        << "\n";
  }
  for (const InputFile& input : t.inputs) out << "input " << input.path << " " << input.records << "\n";
  return out.str();
}

// The first text fact of `role` on `span`, read back as text; "<none>" when the span has none.
inline std::string fact(const ReadTrace& r, uint32_t span, TextRole role) {
  const std::optional<TextRef> ref = r.trace.texts.find(span, role);
  if (!ref) return "<none>";
  const std::optional<std::string> text = record_text_at(r.record(ref->record), r.trace.strings.get(ref->path));
  return text ? *text : "<unresolved>";
}

// The raw JSON source of the fact (an object's or array's own bytes in the record).
inline std::string fact_json(const ReadTrace& r, uint32_t span, TextRole role) {
  const std::optional<TextRef> ref = r.trace.texts.find(span, role);
  if (!ref) return "<none>";
  const std::optional<std::string_view> json = record_json_at(r.record(ref->record), r.trace.strings.get(ref->path));
  return json ? std::string(*json) : "<unresolved>";
}

// JSON text minified by simdjson: two encodings of one value compare equal.
inline std::string minified(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::element element;
  if (parser.parse(simdjson::padded_string(json)).get(element)) return "<not JSON>";
  return simdjson::minify(element);
}

inline std::string text_attribute(const Trace& t, uint32_t span, std::string_view key) {
  const std::optional<Attribute> a = t.find_attribute(span, key);
  if (!a || a->type != AttrType::string) return "<none>";
  return std::string(t.strings.get(StringId(a->value)));
}

inline int64_t int_attribute(const Trace& t, uint32_t span, std::string_view key, int64_t missing = -1) {
  const std::optional<Attribute> a = t.find_attribute(span, key);
  return a && a->type == AttrType::integer ? a->value : missing;
}

}  // namespace agentreel::test

// Index section contents (see section_codec.h and docs/bundle-format.md, "Index sections").
// Columns are written as contiguous little-endian arrays so they decode with one copy on LE hosts.
#include "bundle/section_codec.h"

#include <algorithm>
#include <bit>
#include <type_traits>

#include "core/binary_codec.h"

namespace agentreel {
namespace {

template <typename T>
void put_column(BinaryWriter& out, const std::vector<T>& column) {
  static_assert(std::is_trivially_copyable_v<T>);
  if (column.empty()) return;
  if constexpr (std::endian::native == std::endian::little) {
    out.raw(column.data(), column.size() * sizeof(T));
  } else {
    for (const T& v : column) {
      uint64_t bits = 0;
      std::memcpy(&bits, &v, sizeof(T));
      for (size_t i = 0; i < sizeof(T); ++i) out.u8(uint8_t(bits >> (8 * i)));
    }
  }
}

template <typename T>
bool get_column(BinaryCursor& in, size_t count, std::vector<T>& column) {
  std::string_view bytes;
  if (count > in.remaining() / sizeof(T) || !in.view(count * sizeof(T), bytes)) return false;
  column.resize(count);
  if (count == 0) return true;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(column.data(), bytes.data(), bytes.size());
  } else {
    for (size_t i = 0; i < count; ++i) {
      uint64_t bits = 0;
      for (size_t b = 0; b < sizeof(T); ++b) bits |= uint64_t(uint8_t(bytes[i * sizeof(T) + b])) << (8 * b);
      std::memcpy(&column[i], &bits, sizeof(T));
    }
  }
  return true;
}

Status bad(std::string_view section, std::string what) {
  return {ErrorCode::corrupt_structure, "section " + std::string(section) + ": " + what};
}

Status check_count(std::string_view section, uint64_t count, size_t remaining, size_t min_bytes_each) {
  if (min_bytes_each && count > remaining / min_bytes_each) {
    return bad(section,
               "count " + std::to_string(count) + " does not fit in " + std::to_string(remaining) + " remaining bytes");
  }
  return Status::ok();
}

}  // namespace

std::string encode_meta(const MetaSection& meta) {
  BinaryWriter out;
  for (uint64_t v :
       {meta.spans, meta.sessions, meta.inputs, meta.strings, meta.attributes, meta.skipped, meta.raw_block_bytes}) {
    out.u64(v);
  }
  out.str(meta.producer);
  return std::move(out.bytes);
}

Status decode_meta(std::string_view bytes, MetaSection& meta) {
  BinaryCursor in(bytes);
  uint64_t* fields[] = {&meta.spans,      &meta.sessions, &meta.inputs,         &meta.strings,
                        &meta.attributes, &meta.skipped,  &meta.raw_block_bytes};
  for (uint64_t* f : fields) {
    if (!in.u64(*f)) return bad("META", "ends before its counts");
  }
  if (!in.str(meta.producer)) return bad("META", "producer string runs past the section");
  return Status::ok();
}

std::string encode_strings(const StringTable& strings) {
  BinaryWriter out;
  out.u32(uint32_t(strings.size()));
  put_column(out, strings.offsets());
  out.raw(strings.blob().data(), strings.blob().size());
  return std::move(out.bytes);
}

Status decode_strings(std::string_view bytes, StringTable& strings) {
  BinaryCursor in(bytes);
  uint32_t count = 0;
  if (!in.u32(count)) return bad("STRS", "missing count");
  AGENTREEL_TRY(check_count("STRS", uint64_t(count) + 1, in.remaining(), 4));
  std::vector<uint32_t> offsets;
  if (!get_column(in, size_t(count) + 1, offsets)) return bad("STRS", "offsets run past the section");
  if (offsets.empty() || offsets[0] != 0) return bad("STRS", "first offset is not 0");
  for (size_t i = 1; i < offsets.size(); ++i) {
    if (offsets[i] < offsets[i - 1]) return bad("STRS", "offsets decrease at string " + std::to_string(i));
  }
  if (offsets.back() != in.remaining()) {
    return bad("STRS", "offsets end at " + std::to_string(offsets.back()) + " but the blob has " +
                           std::to_string(in.remaining()) + " bytes");
  }
  if (count == 0 || offsets[1] != 0) return bad("STRS", "string 0 must be empty");
  std::string_view blob;
  (void)in.view(in.remaining(), blob);
  strings = StringTable::from_flat(std::move(offsets), std::string(blob));
  return Status::ok();
}

std::string encode_inputs(const std::vector<InputFile>& inputs) {
  BinaryWriter out;
  out.u32(uint32_t(inputs.size()));
  for (const InputFile& f : inputs) {
    out.str(f.path);
    out.str(f.format);
    for (uint64_t v : {f.stream_offset, f.size, f.content_hash, f.records, f.skipped}) out.u64(v);
  }
  return std::move(out.bytes);
}

Status decode_inputs(std::string_view bytes, std::vector<InputFile>& inputs) {
  BinaryCursor in(bytes);
  uint32_t count = 0;
  if (!in.u32(count)) return bad("INPT", "missing count");
  AGENTREEL_TRY(check_count("INPT", count, in.remaining(), 48));
  inputs.resize(count);
  for (uint32_t i = 0; i < count; ++i) {
    InputFile& f = inputs[i];
    if (!in.str(f.path) || !in.str(f.format) || !in.u64(f.stream_offset) || !in.u64(f.size) ||
        !in.u64(f.content_hash) || !in.u64(f.records) || !in.u64(f.skipped)) {
      return bad("INPT", "input " + std::to_string(i) + " runs past the section");
    }
  }
  return Status::ok();
}

std::string encode_sessions(const std::vector<Session>& sessions) {
  BinaryWriter out;
  out.u32(uint32_t(sessions.size()));
  for (const Session& s : sessions) {
    out.u32(s.id);
    out.u32(s.input);
    out.u32(s.first_span);
    out.u32(s.span_count);
    out.i64(s.start_ns);
    out.i64(s.end_ns);
    out.u32(s.flags);
  }
  return std::move(out.bytes);
}

Status decode_sessions(std::string_view bytes, std::vector<Session>& sessions) {
  BinaryCursor in(bytes);
  uint32_t count = 0;
  if (!in.u32(count)) return bad("SESS", "missing count");
  AGENTREEL_TRY(check_count("SESS", count, in.remaining(), 36));
  sessions.resize(count);
  for (Session& s : sessions) {
    if (!in.u32(s.id) || !in.u32(s.input) || !in.u32(s.first_span) || !in.u32(s.span_count) || !in.i64(s.start_ns) ||
        !in.i64(s.end_ns) || !in.u32(s.flags)) {
      return bad("SESS", "runs past the section");
    }
  }
  return Status::ok();
}

std::string encode_spans(const SpanColumns& spans) {
  BinaryWriter out;
  out.bytes.reserve(8 + spans.size() * 28);
  out.u64(spans.size());
  put_column(out, spans.start_ns);
  put_column(out, spans.duration_ns);
  put_column(out, spans.parent);
  put_column(out, spans.name);
  put_column(out, spans.kind);
  put_column(out, spans.status);
  put_column(out, spans.flags);
  return std::move(out.bytes);
}

Status decode_spans(std::string_view bytes, SpanColumns& spans, UnknownSpanValues* unknown) {
  BinaryCursor in(bytes);
  uint64_t count = 0;
  if (!in.u64(count)) return bad("SPAN", "missing count");
  AGENTREEL_TRY(check_count("SPAN", count, in.remaining(), 28));
  if (count >= kNoSpan) return bad("SPAN", "more spans than 32-bit indices allow");
  const size_t n = size_t(count);
  if (!get_column(in, n, spans.start_ns) || !get_column(in, n, spans.duration_ns) || !get_column(in, n, spans.parent) ||
      !get_column(in, n, spans.name) || !get_column(in, n, spans.kind) || !get_column(in, n, spans.status) ||
      !get_column(in, n, spans.flags)) {
    return bad("SPAN", "columns run past the section");
  }
  // A later minor version's kinds and statuses read as their fallback, so the rest of the program only ever
  // sees values it knows (the viewer indexes tables by kind).
  UnknownSpanValues found;
  for (size_t i = 0; i < n; ++i) {
    const uint8_t kind = uint8_t(spans.kind[i]), status = uint8_t(spans.status[i]);
    if (kind >= kSpanKindCount) [[unlikely]] {
      if (found.kinds++ == 0) {
        found.first_kind_span = uint32_t(i);
        found.first_kind = kind;
      }
      spans.kind[i] = span_kind_from_byte(kind);
    }
    if (status >= kSpanStatusCount) [[unlikely]] {
      if (found.statuses++ == 0) {
        found.first_status_span = uint32_t(i);
        found.first_status = status;
      }
      spans.status[i] = span_status_from_byte(status);
    }
  }
  if (unknown) *unknown = found;
  return Status::ok();
}

std::string encode_records(const SpanColumns& spans) {
  BinaryWriter out;
  out.u64(spans.size());
  for (const auto* column : {&spans.begin_record, &spans.end_record}) {
    std::vector<uint64_t> offsets(column->size());
    std::vector<uint32_t> lengths(column->size());
    column->for_each(0, column->size(), [&](size_t i, RecordRef ref) {
      offsets[i] = ref.offset;
      lengths[i] = ref.length;
    });
    put_column(out, offsets);
    put_column(out, lengths);
  }
  return std::move(out.bytes);
}

Status decode_records(std::string_view bytes, RecordRefColumn& begin_record, RecordRefColumn& end_record) {
  BinaryCursor in(bytes);
  uint64_t count = 0;
  if (!in.u64(count)) return bad("PREF", "missing count");
  AGENTREEL_TRY(check_count("PREF", count, in.remaining(), 24));
  for (auto* column : {&begin_record, &end_record}) {
    std::vector<uint64_t> offsets;
    std::vector<uint32_t> lengths;
    if (!get_column(in, size_t(count), offsets) || !get_column(in, size_t(count), lengths)) {
      return bad("PREF", "columns run past the section");
    }
    column->clear();
    column->reserve(count, count * 5);  // about 4-5 bytes a ref on real logs
    for (size_t i = 0; i < count; ++i) column->push_back(RecordRef{offsets[i], lengths[i]});
    column->shrink_to_fit();
  }
  return Status::ok();
}

std::string encode_attributes(const AttributeColumn& attributes) {
  BinaryWriter out;
  out.u64(attributes.size());
  std::vector<uint32_t> span, key;
  std::vector<uint8_t> type;
  std::vector<int64_t> value;
  span.reserve(attributes.size());
  key.reserve(attributes.size());
  type.reserve(attributes.size());
  value.reserve(attributes.size());
  attributes.for_each([&](const Attribute& a) {
    span.push_back(a.span);
    key.push_back(a.key);
    type.push_back(uint8_t(a.type));
    value.push_back(a.value);
  });
  put_column(out, span);
  put_column(out, key);
  put_column(out, type);
  put_column(out, value);
  return std::move(out.bytes);
}

Status decode_attributes(std::string_view bytes, AttributeColumn& attributes, uint64_t max_spans) {
  BinaryCursor in(bytes);
  uint64_t count = 0;
  if (!in.u64(count)) return bad("ATTR", "missing count");
  AGENTREEL_TRY(check_count("ATTR", count, in.remaining(), 17));
  std::vector<uint32_t> span, key;
  std::vector<uint8_t> type;
  std::vector<int64_t> value;
  const size_t n = size_t(count);
  if (!get_column(in, n, span) || !get_column(in, n, key) || !get_column(in, n, type) || !get_column(in, n, value)) {
    return bad("ATTR", "columns run past the section");
  }
  attributes.clear();
  attributes.reserve(n * 5);  // about 4-5 bytes a row on real logs
  for (size_t i = 0; i < n; ++i) {
    if (type[i] > uint8_t(AttrType::real)) return bad("ATTR", "unknown value type at row " + std::to_string(i));
    if (key[i] > Attribute::kMaxKey) return bad("ATTR", "key out of range at row " + std::to_string(i));
    if (span[i] >= max_spans) return bad("ATTR", "row " + std::to_string(i) + " points outside the span table");
    if (!attributes.push_back(Attribute::make(span[i], key[i], AttrType(type[i]), value[i]))) {
      return bad("ATTR", "rows are not sorted by span");
    }
  }
  attributes.shrink_to_fit();
  return Status::ok();
}

std::string encode_skipped(const std::vector<SkippedRecord>& skipped) {
  BinaryWriter out;
  out.u64(skipped.size());
  for (const SkippedRecord& s : skipped) {
    out.u32(s.input);
    out.u16(uint16_t(s.reason));
    out.u64(s.line);
    out.u64(s.byte_offset);
    out.str(s.detail);
  }
  return std::move(out.bytes);
}

Status decode_skipped(std::string_view bytes, std::vector<SkippedRecord>& skipped) {
  BinaryCursor in(bytes);
  uint64_t count = 0;
  if (!in.u64(count)) return bad("SKIP", "missing count");
  AGENTREEL_TRY(check_count("SKIP", count, in.remaining(), 26));
  skipped.resize(size_t(count));
  for (SkippedRecord& s : skipped) {
    uint16_t reason = 0;
    if (!in.u32(s.input) || !in.u16(reason) || !in.u64(s.line) || !in.u64(s.byte_offset) || !in.str(s.detail)) {
      return bad("SKIP", "runs past the section");
    }
    s.reason = SkipReason(reason);
  }
  return Status::ok();
}

Status validate_trace(const Trace& trace, uint64_t raw_stream_size) {
  const SpanColumns& spans = trace.spans;
  const size_t n = spans.size();
  const size_t string_count = trace.strings.size();
  for (size_t i = 0; i < n; ++i) {
    const uint32_t p = spans.parent[i];
    if (p != kNoSpan && p >= n) {
      return bad("SPAN", "span " + std::to_string(i) + " has parent " + std::to_string(p) + " outside the table");
    }
    if (p == i) return bad("SPAN", "span " + std::to_string(i) + " is its own parent");
    // Parents start no later than their children (they cover them) and win ties, so a parent always comes
    // first: checking that rules out every cycle in one comparison a span.
    if (p != kNoSpan && p > i) {
      return bad("SPAN", "span " + std::to_string(i) + " has parent " + std::to_string(p) +
                             ", which does not come before it (expected a parent below " + std::to_string(i) + ")");
    }
    if (spans.name[i] >= string_count) return bad("SPAN", "span " + std::to_string(i) + " names a missing string");
    if (spans.duration_ns[i] < 0) return bad("SPAN", "span " + std::to_string(i) + " has a negative duration");
  }
  if (spans.begin_record.size() != n || spans.end_record.size() != n) {
    return bad("PREF",
               "has " + std::to_string(spans.begin_record.size()) + " entries for " + std::to_string(n) + " spans");
  }
  size_t past_stream = n;
  const auto check_ref = [&](size_t i, RecordRef ref) {
    if (ref.length && (ref.offset > raw_stream_size || ref.length > raw_stream_size - ref.offset)) {
      past_stream = std::min(past_stream, i);
    }
  };
  spans.begin_record.for_each(0, n, check_ref);
  spans.end_record.for_each(0, n, check_ref);
  if (past_stream < n) return bad("PREF", "span " + std::to_string(past_stream) + " points past the raw stream");
  uint64_t next_span = 0;
  for (size_t s = 0; s < trace.sessions.size(); ++s) {
    const Session& session = trace.sessions[s];
    if (session.first_span != next_span || uint64_t(session.first_span) + session.span_count > n) {
      return bad("SESS", "session " + std::to_string(s) + " span range is not contiguous with the previous one");
    }
    if (session.id >= string_count) return bad("SESS", "session " + std::to_string(s) + " names a missing string");
    if (session.input >= trace.inputs.size() && !trace.inputs.empty()) {
      return bad("SESS", "session " + std::to_string(s) + " names a missing input");
    }
    for (uint32_t i = session.first_span; i < session.first_span + session.span_count; ++i) {
      const uint32_t p = spans.parent[i];
      if (p != kNoSpan && (p < session.first_span || p >= session.first_span + session.span_count)) {
        return bad("SPAN", "span " + std::to_string(i) + " has a parent in another session");
      }
      // The viewer finds a session's visible spans by binary search on their starts.
      if (i > session.first_span && spans.start_ns[i] < spans.start_ns[i - 1]) {
        return bad("SPAN", "span " + std::to_string(i) + " starts before span " + std::to_string(i - 1) +
                               " of its session (expected spans sorted by start within a session)");
      }
    }
    next_span += session.span_count;
  }
  if (next_span != n)
    return bad("SESS", "sessions cover " + std::to_string(next_span) + " of " + std::to_string(n) + " spans");
  uint64_t stream = 0;
  for (size_t i = 0; i < trace.inputs.size(); ++i) {
    if (trace.inputs[i].stream_offset != stream)
      return bad("INPT", "input " + std::to_string(i) + " is not where the previous one ended");
    stream += trace.inputs[i].size;
  }
  if (stream != raw_stream_size) {
    return bad("INPT", "inputs total " + std::to_string(stream) + " bytes but the raw blocks hold " +
                           std::to_string(raw_stream_size));
  }
  size_t row = 0, outside = trace.attributes.size();  // rows are sorted by span: AttributeColumn refuses others
  trace.attributes.for_each([&](const Attribute& a) {
    if (outside == trace.attributes.size() &&
        (a.span >= n || a.key >= string_count || (a.type == AttrType::string && uint64_t(a.value) >= string_count))) {
      outside = row;
    }
    ++row;
  });
  if (outside < trace.attributes.size()) {
    return bad("ATTR", "row " + std::to_string(outside) + " points outside the span or string table");
  }
  for (const SkippedRecord& s : trace.skipped) {
    if (s.input >= trace.inputs.size()) return bad("SKIP", "a skipped record names a missing input");
  }
  // TEXT rows (decode_texts checked their order and spans) point into the string table and the raw stream.
  const TextColumns& texts = trace.texts;
  for (size_t i = 0; i < texts.size(); ++i) {
    if (texts.spans()[i] >= n) return bad("TEXT", "row " + std::to_string(i) + " names a span outside the table");
    if (texts.paths()[i] >= string_count) return bad("TEXT", "row " + std::to_string(i) + " names a missing string");
  }
  size_t text_past_stream = texts.size();
  texts.records().for_each(0, texts.size(), [&](size_t i, RecordRef ref) {
    if (text_past_stream == texts.size() &&
        (ref.offset > raw_stream_size || ref.length > raw_stream_size - ref.offset)) {
      text_past_stream = i;
    }
  });
  if (text_past_stream < texts.size()) {
    return bad("TEXT", "row " + std::to_string(text_past_stream) + " points past the raw stream");
  }
  return Status::ok();
}

std::string encode_texts(const TextColumns& texts) {
  BinaryWriter out;
  const size_t n = texts.size();
  out.u64(n);
  std::vector<uint8_t> role(n);
  std::vector<uint64_t> offset(n);
  std::vector<uint32_t> length(n);
  for (size_t i = 0; i < n; ++i) role[i] = uint8_t(texts.roles()[i]);
  texts.records().for_each(0, n, [&](size_t i, RecordRef ref) {
    offset[i] = ref.offset;
    length[i] = ref.length;
  });
  put_column(out, texts.spans());
  put_column(out, role);
  put_column(out, texts.paths());
  put_column(out, offset);
  put_column(out, length);
  return std::move(out.bytes);
}

Status decode_texts(std::string_view bytes, TextColumns& texts, uint64_t max_spans) {
  BinaryCursor in(bytes);
  uint64_t count = 0;
  if (!in.u64(count)) return bad("TEXT", "missing count");
  AGENTREEL_TRY(check_count("TEXT", count, in.remaining(), 21));
  const size_t n = size_t(count);
  std::vector<uint32_t> span, path, length;
  std::vector<uint8_t> role;
  std::vector<uint64_t> offset;
  if (!get_column(in, n, span) || !get_column(in, n, role) || !get_column(in, n, path) || !get_column(in, n, offset) ||
      !get_column(in, n, length)) {
    return bad("TEXT", "columns run past the section");
  }
  texts = TextColumns();
  for (size_t i = 0; i < n; ++i) {
    if (span[i] >= max_spans) return bad("TEXT", "row " + std::to_string(i) + " points outside the span table");
    if (i > 0 && span[i] < span[i - 1]) return bad("TEXT", "rows are not sorted by span at row " + std::to_string(i));
    // A role this version does not know is kept: a reader shows the roles it knows and passes over the rest.
    texts.push_back({span[i], TextRole(role[i]), RecordRef{offset[i], length[i]}, path[i]});
  }
  texts.shrink_to_fit();
  return Status::ok();
}

}  // namespace agentreel

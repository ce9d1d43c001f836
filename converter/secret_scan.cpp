// Bundle scanning and finding locations (see secret_scan.h).
#include "secret_scan.h"

#include <algorithm>
#include <cstring>

#include "secrets/secret_stream.h"

namespace agentreel::cli {

RecordLocator::RecordLocator(const Trace& trace) {
  const SpanColumns& spans = trace.spans;
  const auto add = [&](const RecordRefColumn& column, bool end_record) {
    column.for_each(0, column.size(), [&](size_t span, RecordRef ref) {
      if (ref.length) entries_.push_back({ref.offset, ref.length, uint32_t(span), end_record});
    });
  };
  add(spans.begin_record, false);
  add(spans.end_record, true);
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    if (a.offset != b.offset) return a.offset < b.offset;
    if (a.span != b.span) return a.span > b.span;
    return a.end_record > b.end_record;
  });
  max_end_before_.resize(entries_.size());
  uint64_t max_end = 0;
  for (size_t i = 0; i < entries_.size(); ++i) {
    max_end = std::max(max_end, entries_[i].offset + entries_[i].length);
    max_end_before_[i] = max_end;
  }
}

bool RecordLocator::locate(uint64_t offset, LocatedFinding& where) const {
  auto it = std::upper_bound(entries_.begin(), entries_.end(), offset,
                             [](uint64_t value, const Entry& entry) { return value < entry.offset; });
  for (size_t i = size_t(it - entries_.begin()); i > 0; --i) {
    const Entry& entry = entries_[i - 1];
    if (max_end_before_[i - 1] <= offset) break;  // nothing at or before i - 1 reaches `offset`
    if (offset < entry.offset + entry.length) {
      where.span = entry.span;
      where.end_record = entry.end_record;
      where.record = {entry.offset, entry.length};
      return true;
    }
  }
  return false;
}

Status scan_bundle(const Bundle& bundle, const secrets::Scanner& scanner,
                   const std::function<void(const LocatedFinding&)>& found) {
  const Trace& trace = bundle.trace();
  const RecordLocator locator(trace);
  std::string chunk;
  for (uint32_t input = 0; input < trace.inputs.size(); ++input) {
    const InputFile& file = trace.inputs[input];
    uint64_t line = 1, counted_to = file.stream_offset;  // newlines before counted_to are in `line`
    const auto count_lines = [&](const char* bytes, uint64_t from, uint64_t to) {
      for (const char* p = bytes + (counted_to - from); p < bytes + (to - from);) {
        const void* newline = std::memchr(p, '\n', size_t(bytes + (to - from) - p));
        if (!newline) break;
        ++line;
        p = static_cast<const char*>(newline) + 1;
      }
      counted_to = to;
    };
    secrets::SecretStream stream(
        scanner, [&](uint64_t offset, std::string_view bytes, std::span<const secrets::Finding> findings) {
          const uint64_t base = file.stream_offset + offset;  // the stream restarts at 0 for every input
          for (const secrets::Finding& finding : findings) {
            secrets::Finding in_stream = finding;
            in_stream.begin += file.stream_offset;
            in_stream.end += file.stream_offset;
            count_lines(bytes.data(), base, in_stream.begin);
            LocatedFinding where;
            where.finding = &in_stream;
            where.input = input;
            where.input_offset = finding.begin;
            where.line = line;
            locator.locate(in_stream.begin, where);
            found(where);
          }
          count_lines(bytes.data(), base, base + bytes.size());
        });
    for (uint64_t at = 0; at < file.size;) {
      const uint64_t take = std::min<uint64_t>(file.size - at, 1 << 20);
      chunk.clear();
      AGENTREEL_TRY(bundle.read_stream(file.stream_offset + at, take, chunk));
      stream.feed(chunk);
      at += take;
    }
    stream.finish();
  }
  return Status::ok();
}

}  // namespace agentreel::cli

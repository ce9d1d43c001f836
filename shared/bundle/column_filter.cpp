// Codec 2's column filter (see column_filter.h). A section is `count` (u32 or u64, kept as is), then
// columns of `count + extra` elements each, then any remaining bytes (kept as is). Each column is
// stored as its byte planes (byte 0 of every element, then byte 1, ...), after replacing each element
// by its difference from the previous one (mod 2^(8 * width)) when the column is marked delta.
#include "bundle/column_filter.h"

#include <cstring>
#include <vector>

namespace agentreel {
namespace {

struct Column {
  uint8_t width;  // bytes per element: 1, 2, 4 or 8
  bool delta;     // store v[i] - v[i-1], with v[-1] = 0
};

struct Plan {
  uint8_t count_bytes = 0;  // 0 = no filter
  uint8_t extra = 0;        // elements per column = count + extra (STRS has count + 1 offsets)
  std::vector<Column> columns;
};

Plan plan_for(SectionTag tag) {
  // Orders and widths follow docs/bundle-format.md, "Index sections".
  if (tag == kTagSpans) return {8, 0, {{8, true}, {8, false}, {4, false}, {4, false}, {1, false}, {1, false}, {2, false}}};
  if (tag == kTagRecords) return {8, 0, {{8, true}, {4, false}, {8, true}, {4, false}}};
  if (tag == kTagAttributes) return {8, 0, {{4, true}, {4, false}, {1, false}, {8, false}}};
  if (tag == kTagStrings) return {4, 1, {{4, true}}};
  return {};
}

uint64_t load_le(const char* p, unsigned width) {
  uint64_t v = 0;
  for (unsigned b = 0; b < width; ++b) v |= uint64_t(uint8_t(p[b])) << (8 * b);
  return v;
}

void store_le(char* p, unsigned width, uint64_t v) {
  for (unsigned b = 0; b < width; ++b) p[b] = char(uint8_t(v >> (8 * b)));
}

// Checks that the count and the columns fit; gives the element count per column.
Status element_count(SectionTag tag, const Plan& plan, const std::string& bytes, uint64_t& elements) {
  const auto bad = [&](std::string what) {
    return Status{ErrorCode::corrupt_structure, "section " + tag_name(tag) + " (codec 2): " + what};
  };
  if (bytes.size() < plan.count_bytes) return bad("ends before its count");
  const uint64_t count = load_le(bytes.data(), plan.count_bytes);
  uint64_t row = 0;
  for (const Column& c : plan.columns) row += c.width;
  const uint64_t room = bytes.size() - plan.count_bytes;
  if (count > room / row || count + plan.extra > room / row) {
    return bad("count " + std::to_string(count) + " does not fit in " + std::to_string(room) + " bytes");
  }
  elements = count + plan.extra;
  return Status::ok();
}

}  // namespace

bool has_column_filter(SectionTag tag) { return plan_for(tag).count_bytes != 0; }

Status filter_columns(SectionTag tag, std::string& content) {
  const Plan plan = plan_for(tag);
  if (!plan.count_bytes) return Status::ok();
  uint64_t n = 0;
  AGENTREEL_TRY(element_count(tag, plan, content, n));
  // In place, one column at a time: the only extra memory is a copy of the widest column.
  std::string column;
  size_t at = plan.count_bytes;
  for (const Column& c : plan.columns) {
    column.assign(content, at, size_t(n) * c.width);
    char* planes = content.data() + at;
    uint64_t previous = 0;
    for (uint64_t i = 0; i < n; ++i) {
      const uint64_t v = load_le(column.data() + i * c.width, c.width);
      const uint64_t stored = c.delta ? v - previous : v;
      previous = v;
      for (unsigned b = 0; b < c.width; ++b) planes[b * n + i] = char(uint8_t(stored >> (8 * b)));
    }
    at += size_t(n) * c.width;
  }
  return Status::ok();
}

Status unfilter_columns(SectionTag tag, std::string& bytes) {
  const Plan plan = plan_for(tag);
  if (!plan.count_bytes) {
    return {ErrorCode::corrupt_structure, "section " + tag_name(tag) + " uses codec 2, which it has no columns for"};
  }
  uint64_t n = 0;
  AGENTREEL_TRY(element_count(tag, plan, bytes, n));
  std::string column;
  size_t at = plan.count_bytes;
  for (const Column& c : plan.columns) {
    column.assign(bytes, at, size_t(n) * c.width);
    const char* planes = column.data();
    char* dst = bytes.data() + at;
    const uint64_t mask = c.width == 8 ? ~0ull : (1ull << (8 * c.width)) - 1;
    uint64_t previous = 0;
    for (uint64_t i = 0; i < n; ++i) {
      uint64_t v = 0;
      for (unsigned b = 0; b < c.width; ++b) v |= uint64_t(uint8_t(planes[b * n + i])) << (8 * b);
      if (c.delta) v = (v + previous) & mask;
      previous = v;
      store_le(dst + i * c.width, c.width, v);
    }
    at += size_t(n) * c.width;
  }
  return Status::ok();
}

}  // namespace agentreel

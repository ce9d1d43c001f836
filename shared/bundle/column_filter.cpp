// Codec 2's column filter (see column_filter.h). A section is `count` (u32 or u64, kept as is), then
// columns of `count + extra` elements each, then any remaining bytes (kept as is). Each column is
// stored as its byte planes (byte 0 of every element, then byte 1, ...), after replacing each element
// by its difference from the previous one (mod 2^(8 * width)) when the column is marked delta.
#include "bundle/column_filter.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <type_traits>
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
  if (tag == kTagSpans)
    return {8, 0, {{8, true}, {8, false}, {4, false}, {4, false}, {1, false}, {1, false}, {2, false}}};
  if (tag == kTagRecords) return {8, 0, {{8, true}, {4, false}, {8, true}, {4, false}}};
  if (tag == kTagAttributes) return {8, 0, {{4, true}, {4, false}, {1, false}, {8, false}}};
  if (tag == kTagStrings) return {4, 1, {{4, true}}};
  if (tag == kTagTexts) return {8, 0, {{4, true}, {1, false}, {4, false}, {8, true}, {4, false}}};
  return {};
}

uint64_t load_le(const char* p, unsigned width) {
  uint64_t v = 0;
  for (unsigned b = 0; b < width; ++b) v |= uint64_t(uint8_t(p[b])) << (8 * b);
  return v;
}

// Both directions work on tiles of kTile elements, one byte plane at a time, so every inner loop is a
// contiguous, fixed-width pass the compiler vectorizes (an order of magnitude faster than a per-element byte
// loop). kTile * 8 bytes of stack: small enough for wasm's 64 KiB stack.
constexpr size_t kTile = 1024;

template <unsigned W>
constexpr uint64_t kMask = W == 8 ? ~uint64_t(0) : (uint64_t(1) << (8 * W)) - 1;

template <unsigned W>
void store_values(char* dst, const uint64_t* values, size_t m) {
  if constexpr (std::endian::native == std::endian::little) {
    using Word =
        std::conditional_t<W == 1, uint8_t,
                           std::conditional_t<W == 2, uint16_t, std::conditional_t<W == 4, uint32_t, uint64_t>>>;
    for (size_t i = 0; i < m; ++i) {
      const Word word = Word(values[i]);
      std::memcpy(dst + i * W, &word, W);
    }
  } else {
    for (size_t i = 0; i < m; ++i) {
      for (unsigned b = 0; b < W; ++b) dst[i * W + b] = char(uint8_t(values[i] >> (8 * b)));
    }
  }
}

template <unsigned W>
void load_values(const char* src, uint64_t* values, size_t m) {
  for (size_t i = 0; i < m; ++i) values[i] = 0;
  for (unsigned b = 0; b < W; ++b) {
    for (size_t i = 0; i < m; ++i) values[i] |= uint64_t(uint8_t(src[i * W + b])) << (8 * b);
  }
}

// planes (n elements, W planes of n bytes each) -> dst (n little-endian elements).
template <unsigned W, bool Delta>
void unfilter_column(const char* planes, char* dst, uint64_t n) {
  uint64_t values[kTile];
  uint64_t running = 0;  // mod 2^64; only its low 8*W bits are stored, which is the sum mod 2^(8*W)
  for (uint64_t base = 0; base < n; base += kTile) {
    const size_t m = size_t(std::min<uint64_t>(kTile, n - base));
    for (size_t i = 0; i < m; ++i) values[i] = uint8_t(planes[base + i]);
    for (unsigned b = 1; b < W; ++b) {
      const char* plane = planes + b * n + base;
      for (size_t i = 0; i < m; ++i) values[i] |= uint64_t(uint8_t(plane[i])) << (8 * b);
    }
    if constexpr (Delta) {
      for (size_t i = 0; i < m; ++i) {
        running += values[i];
        values[i] = running & kMask<W>;
      }
    }
    store_values<W>(dst + base * W, values, m);
  }
}

// src (n little-endian elements) -> planes (W planes of n bytes each).
template <unsigned W, bool Delta>
void filter_column(const char* src, char* planes, uint64_t n) {
  uint64_t values[kTile];
  uint64_t previous = 0;
  for (uint64_t base = 0; base < n; base += kTile) {
    const size_t m = size_t(std::min<uint64_t>(kTile, n - base));
    load_values<W>(src + base * W, values, m);
    if constexpr (Delta) {
      for (size_t i = 0; i < m; ++i) {
        const uint64_t v = values[i];
        values[i] = v - previous;
        previous = v;
      }
    }
    for (unsigned b = 0; b < W; ++b) {
      char* plane = planes + b * n + base;
      for (size_t i = 0; i < m; ++i) plane[i] = char(uint8_t(values[i] >> (8 * b)));
    }
  }
}

using ColumnPass = void (*)(const char*, char*, uint64_t);

ColumnPass unfilter_pass(const Column& c) {
  switch (c.width) {
    case 1: return c.delta ? unfilter_column<1, true> : unfilter_column<1, false>;
    case 2: return c.delta ? unfilter_column<2, true> : unfilter_column<2, false>;
    case 4: return c.delta ? unfilter_column<4, true> : unfilter_column<4, false>;
    default: return c.delta ? unfilter_column<8, true> : unfilter_column<8, false>;
  }
}

ColumnPass filter_pass(const Column& c) {
  switch (c.width) {
    case 1: return c.delta ? filter_column<1, true> : filter_column<1, false>;
    case 2: return c.delta ? filter_column<2, true> : filter_column<2, false>;
    case 4: return c.delta ? filter_column<4, true> : filter_column<4, false>;
    default: return c.delta ? filter_column<8, true> : filter_column<8, false>;
  }
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
    filter_pass(c)(column.data(), content.data() + at, n);
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
    unfilter_pass(c)(column.data(), bytes.data() + at, n);
    at += size_t(n) * c.width;
  }
  return Status::ok();
}

}  // namespace agentreel

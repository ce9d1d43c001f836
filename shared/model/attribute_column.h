// A trace's attributes (token counts, stop reasons, tool ids...), kept packed: as 16-byte rows they were the
// largest thing a viewer held per span (33 bytes a span on a generated 1M-span run). Rows are varint-coded in
// order of span, indexed every kGroup spans; a span's rows are found by decoding at most one group.
// Filled in span order with push_back; read-only after.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

#include "core/packed_bytes.h"
#include "core/string_table.h"

namespace agentreel {

enum class AttrType : uint8_t { integer = 0, string = 1, real = 2 };

// Sparse per-span attributes (model, tokens, tool error text...), sorted by span. 16 bytes as a row: the key shares
// a word with the type, so a key is below 2^30 (a string table that large would need a 4 GiB STRS section,
// past the index section limit; decode_attributes refuses larger keys).
struct Attribute {
  static constexpr uint32_t kMaxKey = (1u << 30) - 1;
  uint32_t span = 0;
  StringId key : 30 = 0;
  AttrType type : 2 = AttrType::integer;
  int64_t value = 0;  // integer, StringId, or the bits of a double

  // key <= kMaxKey (bundles are checked on reading; the converter's string table would need some 50 GB of
  // memory for 2^30 distinct strings before it could reach it).
  static Attribute make(uint32_t span, StringId key, AttrType type, int64_t value) {
    Attribute a;
    a.span = span;
    a.key = key & kMaxKey;
    a.type = type;
    a.value = value;
    return a;
  }
  bool operator==(const Attribute& o) const {
    return span == o.span && key == o.key && type == o.type && value == o.value;
  }
};
static_assert(sizeof(Attribute) == 16);

class AttributeColumn {
 public:
  static constexpr uint32_t kGroup = 16;  // spans per index entry

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // Appends a row. Rows must come in order of span (equal spans keep their order): false, and nothing
  // appended, for a row whose span is below the previous row's.
  bool push_back(const Attribute& row);
  void clear();
  // Room for about `bytes` bytes of rows (a guess: too little only costs regrowth).
  void reserve(size_t bytes);
  // Drops the growth slack once filled.
  void shrink_to_fit();
  size_t memory_bytes() const { return bytes_.capacity() + group_start_.capacity() * sizeof(uint64_t); }

  // Calls visit(row) for each row of `span`, in the order they were added.
  template <typename Visit>
  void for_each_of(uint32_t span, Visit&& visit) const {
    const size_t group = span / kGroup;
    if (group >= group_start_.size()) return;
    const uint8_t* p = bytes_.data() + group_start_[group];
    const uint8_t* end = group_end(group);
    uint32_t at = uint32_t(group * kGroup);
    while (p < end) {
      const Attribute row = decode(p, at);
      if (row.span > span) return;
      if (row.span == span) visit(row);
    }
  }
  // Calls visit(row) for each row of the spans [first, end), in order: one pass over their groups.
  template <typename Visit>
  void for_each_in(uint32_t first, uint32_t end, Visit&& visit) const {
    for (size_t group = first / kGroup; group < group_start_.size() && group * kGroup < end; ++group) {
      const uint8_t* p = bytes_.data() + group_start_[group];
      const uint8_t* group_stop = group_end(group);
      uint32_t at = uint32_t(group * kGroup);
      while (p < group_stop) {
        const Attribute row = decode(p, at);
        if (row.span >= end) return;
        if (row.span >= first) visit(row);
      }
    }
  }
  // Calls visit(row) for every row, in order.
  template <typename Visit>
  void for_each(Visit&& visit) const {
    const uint8_t* p = bytes_.data();
    for (size_t group = 0; group < group_start_.size(); ++group) {
      const uint8_t* end = group_end(group);
      uint32_t at = uint32_t(group * kGroup);
      while (p < end) visit(decode(p, at));
    }
  }
  // The rows of one span as a vector (tests and fuzz checks; loops use for_each_of).
  std::vector<Attribute> rows_of(uint32_t span) const;
  // Every row, in order.
  std::vector<Attribute> rows() const;

 private:
  // Each row: varint(span - previous row's span, or the group's first span), varint(key << 2 | type), then the
  // value: zigzag varint for integers, varint for string ids, 8 little-endian bytes for reals.
  static Attribute decode(const uint8_t*& p, uint32_t& span) {
    Attribute row;
    span += uint32_t(read_varint(p));
    row.span = span;
    const uint64_t key_type = read_varint(p);
    row.key = StringId(key_type >> 2) & Attribute::kMaxKey;
    row.type = AttrType(key_type & 3);
    if (row.type == AttrType::real) {
      uint64_t bits = 0;
      for (int i = 0; i < 8; ++i) bits |= uint64_t(p[i]) << (8 * i);
      p += 8;
      row.value = int64_t(bits);
    } else if (row.type == AttrType::string) {
      row.value = int64_t(read_varint(p));
    } else {
      row.value = int64_t(zigzag_decode(read_varint(p)));
    }
    return row;
  }
  // Where group `group`'s rows end: the next group's start, or the end of the bytes.
  const uint8_t* group_end(size_t group) const {
    return bytes_.data() + (group + 1 < group_start_.size() ? group_start_[group + 1] : bytes_.size());
  }

  PackedBytes bytes_;
  std::vector<uint64_t> group_start_;  // byte offset of the first row of spans [g * kGroup, (g + 1) * kGroup)
  size_t size_ = 0;
  uint32_t last_span_ = 0;
};

}  // namespace agentreel

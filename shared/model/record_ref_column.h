// A column of RecordRefs (where each span's opening or closing record lies in the raw stream), kept packed:
// a 1M-span trace holds two of them, and as plain 16-byte structs they were a quarter of the viewer's memory.
// Refs are varint-coded in groups of kGroup, each group decodable on its own; a lookup decodes at most
// kGroup - 1 refs before the one asked for. Filled in span order with push_back; read-only after.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/packed_bytes.h"

namespace agentreel {

// A byte range of the bundle's raw stream (all input files concatenated in input order), e.g. one log line.
// Not packed to 12 bytes: a reference bound to a 4-aligned 64-bit offset (std::min, map keys, test macros) is
// undefined behaviour. The column below packs them instead.
struct RecordRef {
  uint64_t offset = 0;
  uint32_t length = 0;  // 0 = none. A record longer than 4 GiB is refused by the readers.
  bool operator==(const RecordRef&) const = default;
};

class RecordRefColumn {
 public:
  static constexpr size_t kGroup = 16;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  RecordRef operator[](size_t index) const;
  // Calls visit(index, ref) for each index in [first, last) in order, decoding each group once: what a loop
  // over many spans uses instead of operator[].
  template <typename Visit>
  void for_each(size_t first, size_t last, Visit&& visit) const {
    if (first >= last) return;
    size_t i = first - first % kGroup;
    const uint8_t* p = bytes_.data() + group_start_[i / kGroup];
    uint64_t predicted = 0;
    for (; i < last; ++i) {
      if (i % kGroup == 0) predicted = 0;  // groups lie back to back in bytes_
      const RecordRef ref = decode(p, predicted);
      if (i >= first) visit(i, ref);
    }
  }
  void push_back(RecordRef ref);
  // Grows with empty refs ({0, 0}) or drops refs from the end.
  void resize(size_t n);
  void clear();
  // For `refs` refs taking about `bytes` bytes in all (a guess: too little only costs regrowth).
  void reserve(size_t refs, size_t bytes);
  // Drops the growth slack once filled (push_back grows the byte buffer by doubling).
  void shrink_to_fit();
  // Heap bytes held (for memory reports and tests).
  size_t memory_bytes() const { return bytes_.capacity() + group_start_.capacity() * sizeof(uint64_t); }

 private:
  static RecordRef decode(const uint8_t*& p, uint64_t& predicted) {
    const uint64_t length_plus_one = read_varint(p);
    if (length_plus_one == 0) return RecordRef{};
    RecordRef ref;
    ref.length = uint32_t(length_plus_one - 1);
    ref.offset = predicted + zigzag_decode(read_varint(p));  // wraps modulo 2^64, as encoded
    predicted = ref.offset + ref.length;
    return ref;
  }
  // Each ref: varint(length + 1), then zigzag varint(offset - predicted), predicted = the end of the group's
  // previous non-empty ref (0 at a group's start): records of neighbouring spans tend to lie close together.
  // The empty ref {0, 0} is the single byte 0 and leaves the prediction alone.
  PackedBytes bytes_;
  std::vector<uint64_t> group_start_;  // byte offset in bytes_ of each group's first ref
  size_t size_ = 0;
  uint64_t predicted_ = 0;  // encoder state for the group being filled
};

}  // namespace agentreel

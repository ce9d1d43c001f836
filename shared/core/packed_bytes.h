// The byte buffer behind the varint-packed columns (RecordRefColumn, AttributeColumn), and their codec: LEB128
// varints and zigzag. Appends of a few bytes are written in place: std::vector::insert of such a range costs a
// memmove call each, a tenth of opening a 1M-span bundle.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace agentreel {

// Writes v at p as a LEB128 varint (at most 10 bytes) and returns the end.
inline uint8_t* write_varint(uint8_t* p, uint64_t v) {
  while (v >= 0x80) {
    *p++ = uint8_t(v) | 0x80;
    v >>= 7;
  }
  *p++ = uint8_t(v);
  return p;
}

// Reads a varint written by write_varint and advances p. No bounds checks: only for bytes this process wrote
// (the columns pack what they were given, never bytes from a file).
inline uint64_t read_varint(const uint8_t*& p) {
  uint64_t v = 0;
  for (int shift = 0;; shift += 7) {
    const uint8_t b = *p++;
    v |= uint64_t(b & 0x7F) << shift;
    if (b < 0x80) return v;
  }
}

// Zigzag: small negative numbers (as two's complement, wrapping modulo 2^64) become small varints.
inline uint64_t zigzag_encode(uint64_t v) { return (v << 1) ^ (0 - (v >> 63)); }
inline uint64_t zigzag_decode(uint64_t v) { return (v >> 1) ^ (0 - (v & 1)); }

class PackedBytes {
 public:
  const uint8_t* data() const { return buffer_.data(); }
  size_t size() const { return size_; }
  size_t capacity() const { return buffer_.capacity(); }
  // Where to write up to `n` more bytes; then commit(end of what was written).
  uint8_t* append_space(size_t n) {
    if (size_ + n > buffer_.size()) buffer_.resize(std::max({size_ + n, buffer_.size() * 2, size_t(64)}));
    return buffer_.data() + size_;
  }
  void commit(const uint8_t* end) { size_ = size_t(end - buffer_.data()); }
  void push_back(uint8_t byte) {
    uint8_t* p = append_space(1);
    *p = byte;
    commit(p + 1);
  }
  void reserve(size_t n) {
    if (n > buffer_.size()) buffer_.resize(n);
  }
  void shrink_to_fit() {
    buffer_.resize(size_);
    buffer_.shrink_to_fit();
  }

 private:
  std::vector<uint8_t> buffer_;  // its size is the room; size_ bytes are used
  size_t size_ = 0;
};

}  // namespace agentreel

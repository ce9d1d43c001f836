// The byte buffer behind the varint-packed columns (RecordRefColumn, AttributeColumn): appends of a few bytes
// written in place. std::vector::insert of such a range costs a memmove call each, a tenth of opening a
// 1M-span bundle.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace agentreel {

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

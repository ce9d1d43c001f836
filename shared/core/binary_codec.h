// Little-endian encoding helpers: a growable writer and a bounds-checked cursor.
// The cursor never reads past its end: every get_* reports failure instead.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace agentreel {

class BinaryWriter {
 public:
  void u8(uint8_t v) { bytes.push_back(char(v)); }
  void u16(uint16_t v) { put(v, 2); }
  void u32(uint32_t v) { put(v, 4); }
  void u64(uint64_t v) { put(v, 8); }
  void i64(int64_t v) { put(uint64_t(v), 8); }
  void raw(const void* data, size_t size) { bytes.append(static_cast<const char*>(data), size); }
  void str(std::string_view text) {
    u32(uint32_t(text.size()));
    raw(text.data(), text.size());
  }
  std::string bytes;

 private:
  void put(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) bytes.push_back(char((v >> (8 * i)) & 0xFF));
  }
};

class BinaryCursor {
 public:
  explicit BinaryCursor(std::string_view data) : data_(data) {}
  bool u8(uint8_t& v) { return get(v); }
  bool u16(uint16_t& v) { return get(v); }
  bool u32(uint32_t& v) { return get(v); }
  bool u64(uint64_t& v) { return get(v); }
  bool i64(int64_t& v) {
    uint64_t u;
    if (!get(u)) return false;
    v = int64_t(u);
    return true;
  }
  bool str(std::string& out) {
    uint32_t n;
    if (!u32(n) || n > remaining()) return false;
    out.assign(data_.substr(pos_, n));
    pos_ += n;
    return true;
  }
  bool view(size_t n, std::string_view& out) {
    if (n > remaining()) return false;
    out = data_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  size_t remaining() const { return data_.size() - pos_; }
  size_t position() const { return pos_; }

 private:
  template <typename T>
  bool get(T& v) {
    if (sizeof(T) > remaining()) return false;
    uint64_t acc = 0;
    for (size_t i = 0; i < sizeof(T); ++i) acc |= uint64_t(uint8_t(data_[pos_ + i])) << (8 * i);
    v = T(acc);
    pos_ += sizeof(T);
    return true;
  }
  std::string_view data_;
  size_t pos_ = 0;
};

}  // namespace agentreel

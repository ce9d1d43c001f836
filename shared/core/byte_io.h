// Where bundle bytes come from and go to. shared/ never opens files: the converter wraps FILE*,
// the web viewer wraps a wasm-heap buffer; tests use the in-memory versions below.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace agentreel {

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual Status write(const void* data, size_t size) = 0;
  // Bytes already written, read back (the find index is built from the RAW blocks a writer wrote) and
  // rewritten in place (the header's version, once the sections are known). Sinks that cannot, a pipe, fail.
  virtual Status read_back(uint64_t offset, size_t size, void* out) {
    (void)offset, (void)size, (void)out;
    return {ErrorCode::invalid_argument, "this output cannot be read back"};
  }
  virtual Status rewrite(uint64_t offset, const void* data, size_t size) {
    (void)offset, (void)data, (void)size;
    return {ErrorCode::invalid_argument, "this output cannot be rewritten"};
  }
};

// Random access, as a bundle is read back to front (trailer, then table of contents).
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual uint64_t size() const = 0;
  // Reads exactly `size` bytes at `offset` or fails with ErrorCode::truncated / io.
  virtual Status read(uint64_t offset, size_t size, void* out) const = 0;
};

class VectorSink final : public ByteSink {
 public:
  Status write(const void* data, size_t size) override {
    const auto* bytes = static_cast<const uint8_t*>(data);
    buffer.insert(buffer.end(), bytes, bytes + size);
    return Status::ok();
  }
  Status read_back(uint64_t offset, size_t size, void* out) override {
    if (offset > buffer.size() || size > buffer.size() - offset) {
      return {ErrorCode::invalid_argument, "read back past the bytes written"};
    }
    if (size) std::memcpy(out, buffer.data() + offset, size);
    return Status::ok();
  }
  Status rewrite(uint64_t offset, const void* data, size_t size) override {
    if (offset > buffer.size() || size > buffer.size() - offset) {
      return {ErrorCode::invalid_argument, "rewrite past the bytes written"};
    }
    if (size) std::memcpy(buffer.data() + offset, data, size);
    return Status::ok();
  }
  std::vector<uint8_t> buffer;
};

// Borrows the bytes; the owner keeps them alive as long as the source is used.
class MemorySource final : public ByteSource {
 public:
  MemorySource(const void* data, uint64_t size) : data_(static_cast<const uint8_t*>(data)), size_(size) {}
  explicit MemorySource(const std::vector<uint8_t>& bytes) : MemorySource(bytes.data(), bytes.size()) {}
  uint64_t size() const override { return size_; }
  Status read(uint64_t offset, size_t size, void* out) const override {
    if (offset > size_ || size > size_ - offset) {
      return {ErrorCode::truncated, "read of " + std::to_string(size) + " bytes at offset " + std::to_string(offset) +
                                        " past end of " + std::to_string(size_) + "-byte buffer"};
    }
    if (size) std::memcpy(out, data_ + offset, size);
    return Status::ok();
  }

 private:
  const uint8_t* data_;
  uint64_t size_;
};

// Owns its bytes: a bundle handed over whole (web upload, embedded page, tests). Either a vector, or a buffer
// allocated elsewhere (the page's wasm-heap copy) that `release` frees when the source is destroyed.
class OwnedMemorySource final : public ByteSource {
 public:
  using Release = void (*)(void*);
  explicit OwnedMemorySource(std::vector<uint8_t> bytes)
      : bytes_(std::move(bytes)), data_(bytes_.data()), size_(bytes_.size()) {}
  OwnedMemorySource(uint8_t* data, uint64_t size, Release release) : data_(data), size_(size), release_(release) {}
  ~OwnedMemorySource() override {
    if (release_ && data_) release_(data_);
  }
  OwnedMemorySource(const OwnedMemorySource&) = delete;
  OwnedMemorySource& operator=(const OwnedMemorySource&) = delete;
  uint64_t size() const override { return size_; }
  Status read(uint64_t offset, size_t size, void* out) const override {
    return MemorySource(data_, size_).read(offset, size, out);
  }

 private:
  std::vector<uint8_t> bytes_;
  uint8_t* data_ = nullptr;
  uint64_t size_ = 0;
  Release release_ = nullptr;
};

}  // namespace agentreel

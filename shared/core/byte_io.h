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
      return {ErrorCode::truncated, "read of " + std::to_string(size) + " bytes at offset " +
                                        std::to_string(offset) + " past end of " + std::to_string(size_) +
                                        "-byte buffer"};
    }
    if (size) std::memcpy(out, data_ + offset, size);
    return Status::ok();
  }

 private:
  const uint8_t* data_;
  uint64_t size_;
};

// Owns its bytes: for a bundle handed over whole (web upload, embedded page, tests).
class OwnedMemorySource final : public ByteSource {
 public:
  explicit OwnedMemorySource(std::vector<uint8_t> bytes) : bytes_(std::move(bytes)) {}
  uint64_t size() const override { return bytes_.size(); }
  Status read(uint64_t offset, size_t size, void* out) const override {
    return MemorySource(bytes_).read(offset, size, out);
  }

 private:
  std::vector<uint8_t> bytes_;
};

}  // namespace agentreel

// XXH64 (seed 0), the bundle's checksum, and a streaming form for hashing whole input files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace agentreel {

uint64_t xxh64(const void* data, size_t size);

class StreamingHash {
 public:
  StreamingHash();
  ~StreamingHash();
  StreamingHash(const StreamingHash&) = delete;
  StreamingHash& operator=(const StreamingHash&) = delete;
  void update(const void* data, size_t size);
  uint64_t digest() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace agentreel

// XXH64 through xxhash.h (XXH_INLINE_ALL: header-only, the same on native and wasm).
#include "core/hash.h"

#include <xxhash.h>

namespace agentreel {

uint64_t xxh64(const void* data, size_t size) { return XXH64(data, size, 0); }

struct StreamingHash::State {
  XXH64_state_t xxh;
};

StreamingHash::StreamingHash() : state_(std::make_unique<State>()) { XXH64_reset(&state_->xxh, 0); }
StreamingHash::~StreamingHash() = default;
void StreamingHash::update(const void* data, size_t size) { XXH64_update(&state_->xxh, data, size); }
uint64_t StreamingHash::digest() const { return XXH64_digest(&state_->xxh); }

}  // namespace agentreel

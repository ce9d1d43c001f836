// Allocation guard for agentreel_hostile_tests (see alloc_guard.h). Plain builds replace global operator
// new/delete (malloc-backed); ASan builds must not (ASan pairs every new with its own delete and reports a
// mismatch otherwise), so they record sizes through the sanitizer's malloc hook instead.
#include "alloc_guard.h"

#include <atomic>
#include <cstdlib>
#include <new>

#if defined(__SANITIZE_ADDRESS__)
#define AGENTREEL_ALLOC_GUARD_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AGENTREEL_ALLOC_GUARD_ASAN 1
#endif
#endif

#ifdef AGENTREEL_ALLOC_GUARD_ASAN
// Declared by <sanitizer/allocator_interface.h>, which GCC does not install; the sanitizer runtime defines it.
extern "C" int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void*, size_t),
                                                         void (*free_hook)(const volatile void*));
#endif

namespace agentreel::test {
namespace {
std::atomic<size_t> largest{0};

void record(size_t size) {
  size_t seen = largest.load(std::memory_order_relaxed);
  while (size > seen && !largest.compare_exchange_weak(seen, size, std::memory_order_relaxed)) {
  }
}
}  // namespace
size_t largest_allocation() { return largest.load(); }
void reset_largest_allocation() { largest.store(0); }
}  // namespace agentreel::test

#ifdef AGENTREEL_ALLOC_GUARD_ASAN

namespace {
void on_malloc(const volatile void*, size_t size) { agentreel::test::record(size); }
void on_free(const volatile void*) {}
[[maybe_unused]] const int hooks_installed = __sanitizer_install_malloc_and_free_hooks(on_malloc, on_free);
}  // namespace

// The limit, as ASan enforces it (an ASAN_OPTIONS environment variable may add options; it does not set this).
extern "C" const char* __asan_default_options() {
  static_assert(agentreel::test::kAllocGuardLimit == size_t(512) << 20, "keep max_allocation_size_mb in step");
  return "max_allocation_size_mb=512";
}

#else

namespace {
void* guarded_new(std::size_t size) {
  agentreel::test::record(size);
  if (size > agentreel::test::kAllocGuardLimit) throw std::bad_alloc();
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t size) { return guarded_new(size); }
void* operator new[](std::size_t size) { return guarded_new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

#endif

// Global operator new/delete for agentreel_hostile_tests (see alloc_guard.h). malloc-backed; sanitizers
// still see every allocation through malloc.
#include "alloc_guard.h"

#include <atomic>
#include <cstdlib>
#include <new>

namespace agentreel::test {
namespace {
std::atomic<size_t> largest{0};
}
size_t largest_allocation() { return largest.load(); }
void reset_largest_allocation() { largest.store(0); }
}  // namespace agentreel::test

namespace {
void* guarded_new(std::size_t size) {
  size_t seen = agentreel::test::largest.load();
  while (size > seen && !agentreel::test::largest.compare_exchange_weak(seen, size)) {
  }
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

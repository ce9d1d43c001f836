// Deterministic pseudo-random numbers for the AgentEye generator: xoshiro256** seeded through splitmix64.
// Every draw is computed here (no std::*_distribution: their results differ between standard libraries), so one
// seed gives one log. Depends on nothing but the standard library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace agentreel::gen {

class Rng {
 public:
  explicit Rng(uint64_t seed);

  uint64_t next_u64();
  uint64_t below(uint64_t bound);              // uniform in [0, bound); bound 0 gives 0
  int64_t between(int64_t low, int64_t high);  // uniform in [low, high], both inclusive
  double unit();                               // uniform in [0, 1)
  bool chance(double probability);
  double log_uniform(double low, double high);  // spreads durations over orders of magnitude

  template <class T>
  const T& pick(std::span<const T> items) {
    return items[static_cast<size_t>(below(items.size()))];
  }

 private:
  uint64_t state_[4];
};

// Derives an independent seed for one stream (a run slot) from the user's seed.
uint64_t derive_seed(uint64_t seed, uint64_t stream);

}  // namespace agentreel::gen

// xoshiro256** (Blackman & Vigna) and the bounded draws built on it; see random.h for why no std distributions.
// Pure arithmetic: no global state, no clock, no platform calls.
#include "agenteye_gen/random.h"

#include <cmath>

namespace agentreel::gen {
namespace {

uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

uint64_t rotate_left(uint64_t value, int bits) { return (value << bits) | (value >> (64 - bits)); }

}  // namespace

Rng::Rng(uint64_t seed) {
  uint64_t mixer = seed;
  for (uint64_t& word : state_) word = splitmix64(mixer);
}

uint64_t Rng::next_u64() {
  const uint64_t result = rotate_left(state_[1] * 5, 7) * 9;
  const uint64_t shifted = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= shifted;
  state_[3] = rotate_left(state_[3], 45);
  return result;
}

uint64_t Rng::below(uint64_t bound) {
  // Lemire's multiply-high reduction; the tiny bias is irrelevant for synthetic data and keeps it branch-free.
  return static_cast<uint64_t>((static_cast<unsigned __int128>(next_u64()) * bound) >> 64);
}

int64_t Rng::between(int64_t low, int64_t high) {
  if (high <= low) return low;
  return low + static_cast<int64_t>(below(static_cast<uint64_t>(high - low) + 1));
}

double Rng::unit() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

bool Rng::chance(double probability) { return unit() < probability; }

double Rng::log_uniform(double low, double high) { return low * std::exp(unit() * std::log(high / low)); }

uint64_t derive_seed(uint64_t seed, uint64_t stream) {
  uint64_t mixer = seed ^ (stream * 0xD1B54A32D192ED03ull);
  splitmix64(mixer);
  return splitmix64(mixer);
}

}  // namespace agentreel::gen

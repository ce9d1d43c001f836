// Payload read latency of a bundle: how long the viewer waits for a span's record when its block is not
// cached (one RAW block inflated) and when it is. A separate program, never a test; bench_convert.py
// runs it on each bundle it makes. usage: agentreel-read-bench BUNDLE [READS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>
#include <vector>

#include "bundle/bundle_reader.h"
#include "core/byte_io.h"

using namespace agentreel;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s BUNDLE [READS]\n", argv[0]);
    return 2;
  }
  const int reads = argc > 2 ? std::max(1, std::atoi(argv[2])) : 100;
  std::ifstream in(argv[1], std::ios::binary);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  using Clock = std::chrono::steady_clock;
  const auto ms = [](Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
  };
  const auto t0 = Clock::now();
  auto opened = Bundle::open(std::make_unique<OwnedMemorySource>(std::move(bytes)));
  const auto t1 = Clock::now();
  if (!opened.is_ok()) {
    std::fprintf(stderr, "%s\n", opened.status().to_string().c_str());
    return 1;
  }
  const Bundle& bundle = *opened.value();
  const RecordRefColumn& refs = bundle.trace().spans.begin_record;
  if (refs.empty()) {
    std::fprintf(stderr, "%s: no spans\n", argv[1]);
    return 1;
  }
  std::mt19937_64 random(7);
  std::vector<double> cold, warm;
  for (int i = 0; i < reads; ++i) {
    const RecordRef ref = refs[random() % refs.size()];
    if (ref.length == 0) continue;
    bundle.set_block_cache_limit(4);  // empties the cache: the next read inflates the record's block
    const auto a = Clock::now();
    auto first = bundle.read_record(ref);
    const auto b = Clock::now();
    auto again = bundle.read_record(ref);
    const auto c = Clock::now();
    if (!first.is_ok() || !again.is_ok()) {
      std::fprintf(stderr, "read failed: %s\n", (first.is_ok() ? again : first).status().to_string().c_str());
      return 1;
    }
    cold.push_back(ms(a, b));
    warm.push_back(ms(b, c));
  }
  std::sort(cold.begin(), cold.end());
  std::sort(warm.begin(), warm.end());
  const auto at = [](const std::vector<double>& v, double q) { return v[size_t(q * double(v.size() - 1))]; };
  std::printf(
      "open %.1f ms; record read, block not cached: p50 %.2f ms, p90 %.2f ms; cached: p50 %.4f ms (%zu reads)\n",
      ms(t0, t1), at(cold, 0.5), at(cold, 0.9), at(warm, 0.5), cold.size());
  return 0;
}

// Benchmark of shared/analysis/ (`agentreel why`): opens a bundle and times the diagnosis of every session,
// with payloads read from the bundle's compressed blocks as the CLI does. A separate program, never a test.
// usage: agentreel-analysis-bench BUNDLE [REPEATS]   (make a 1M-span bundle with agentreel-gen + convert)
#include <algorithm>
#include <cstdlib>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "analysis/diagnosis.h"
#include "bundle/bundle_reader.h"
#include "core/byte_io.h"

using namespace agentreel;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s BUNDLE [REPEATS]\n", argv[0]);
    return 2;
  }
  const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  std::ifstream in(argv[1], std::ios::binary);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.empty()) {
    std::fprintf(stderr, "%s: cannot read\n", argv[1]);
    return 1;
  }
  auto opened = Bundle::open(std::make_unique<OwnedMemorySource>(std::move(bytes)));
  if (!opened.is_ok()) {
    std::fprintf(stderr, "%s\n", opened.status().to_string().c_str());
    return 1;
  }
  const Bundle& bundle = *opened.value();
  const Trace& trace = bundle.trace();
  // Structure only (no payloads): the analysis' own cost.
  {
    const auto t0 = std::chrono::steady_clock::now();
    const auto sessions = analysis::diagnose(trace, analysis::PayloadReader());
    size_t n = 0;
    for (const auto& d : sessions) n += d.findings.size();
    std::printf("structure only: %.3f s, %zu findings\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), n);
  }
  double best = 1e30;
  size_t findings = 0;
  for (int r = 0; r < repeats; ++r) {
    bundle.set_block_cache_limit(24);  // as `agentreel why` does; also empties the cache between runs
    const auto t0 = std::chrono::steady_clock::now();
    const auto sessions = analysis::diagnose(trace, [&bundle](RecordRef ref) {
      auto record = bundle.read_record(ref);
      return record.is_ok() ? record.take() : std::string();
    });
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    findings = 0;
    for (const auto& d : sessions) findings += d.findings.size();
    std::printf("run %d: %.3f s\n", r + 1, s);
    best = std::min(best, s);
  }
  std::printf("%zu spans, %zu sessions, %zu findings: best %.3f s (%.0f spans/s)\n", trace.spans.size(),
              trace.sessions.size(), findings, best, double(trace.spans.size()) / best);
  return 0;
}

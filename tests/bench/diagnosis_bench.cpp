// Benchmark of shared/diagnosis/ (`agentreel why`): opens a bundle and times the diagnosis of every session,
// with payloads read from the bundle's compressed blocks as the CLI does. A separate program, never a test.
// usage: agentreel-diagnosis-bench BUNDLE [REPEATS] [THREADS]   (make a 1M-span bundle with agentreel-gen + convert)
// Times one thread (the viewer's and the web page's way) and THREADS side by side (`agentreel why`'s way,
// default: the cores there are).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "bundle/bundle_reader.h"
#include "core/byte_io.h"
#include "diagnosis/diagnosis.h"
#include "thread_parallel_for.h"

using namespace agentreel;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s BUNDLE [REPEATS]\n", argv[0]);
    return 2;
  }
  const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  const size_t threads =
      argc > 3 ? size_t(std::max(1, std::atoi(argv[3]))) : std::max<size_t>(1, std::thread::hardware_concurrency());
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
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    const auto sessions = diagnosis::diagnose(trace, RecordReader());
    size_t n = 0;
    for (const auto& d : sessions) n += d.findings.size();
    std::printf("structure only: %.3f s (%.3f s CPU), %zu findings\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                double(std::clock() - c0) / CLOCKS_PER_SEC, n);
  }
  // The floor of any analysis that reads a payload in every block: inflating the whole raw stream once, in
  // stream order (what `agentreel verify` does, without the hashing).
  {
    uint64_t stream_end = 0;
    for (const InputFile& input : trace.inputs) stream_end = std::max(stream_end, input.stream_offset + input.size);
    bundle.set_block_cache_limit(1);
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    std::string chunk;
    uint64_t inflated = 0;
    for (uint64_t at = 0; at < stream_end; at += 4u << 20) {
      chunk.clear();
      if (!bundle.read_stream(at, std::min<uint64_t>(4u << 20, stream_end - at), chunk).is_ok()) break;
      inflated += chunk.size();
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("inflate the whole stream once: %.3f s (%.3f s CPU; %.0f MB raw, %.0f MB/s)\n", s,
                double(std::clock() - c0) / CLOCKS_PER_SEC, double(inflated) / 1e6, double(inflated) / 1e6 / s);
  }
  // One thread, then `threads` side by side, each with its own reader and block cache (as `agentreel why`).
  std::vector<uint32_t> all_sessions(trace.sessions.size());
  for (uint32_t s = 0; s < all_sessions.size(); ++s) all_sessions[s] = s;
  for (const size_t width : {size_t(1), threads}) {
    std::vector<double> times, cpu_times;
    size_t findings = 0;
    for (int r = 0; r < repeats; ++r) {
      bundle.set_block_cache_limit(24);  // as `agentreel why` does; also empties the cache between runs
      const auto t0 = std::chrono::steady_clock::now();
      const std::clock_t c0 = std::clock();
      const auto sessions = diagnosis::diagnose(
          trace, all_sessions,
          [&bundle] {
            auto cache = std::make_shared<RawBlockCache>(24);
            return RecordReader([&bundle, cache](RecordRef ref) {
              auto record = bundle.read_record(ref, *cache);
              return record.is_ok() ? record.take() : std::string();
            });
          },
          width > 1 ? native::thread_parallel_for() : ParallelFor(), width);
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      const double cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
      findings = 0;
      std::vector<size_t> by_kind(diagnosis::kFindingKindCount, 0);
      for (const auto& d : sessions) {
        findings += d.findings.size();
        for (const auto& f : d.findings) ++by_kind[size_t(f.kind)];
      }
      if (r == 0 && width == 1) {
        std::printf("findings by kind:");
        for (int k = 0; k < diagnosis::kFindingKindCount; ++k) {
          const auto name = diagnosis::finding_kind_name(diagnosis::FindingKind(k));
          std::printf(" %.*s %zu", int(name.size()), name.data(), by_kind[size_t(k)]);
        }
        std::printf("\n");
      }
      // CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns.
      std::printf("%zu thread%s, run %d: %.3f s (%.3f s CPU)\n", width, width == 1 ? "" : "s", r + 1, s, cpu);
      times.push_back(s);
      cpu_times.push_back(cpu);
    }
    std::sort(times.begin(), times.end());
    std::sort(cpu_times.begin(), cpu_times.end());
    const double median = times[times.size() / 2];
    std::printf(
        "%zu thread%s: %zu spans, %zu sessions, %zu findings: median %.3f s (%.3f s CPU), best %.3f s (%.0f spans/s "
        "at the median)\n",
        width, width == 1 ? "" : "s", trace.spans.size(), trace.sessions.size(), findings, median,
        cpu_times[cpu_times.size() / 2], times.front(), double(trace.spans.size()) / median);
    if (threads == 1) break;
  }
  return 0;
}

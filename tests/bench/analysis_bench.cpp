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
#include <unordered_map>
#include <vector>

#include "analysis/diagnosis.h"
#include "bundle/bundle_reader.h"
#include "core/byte_io.h"

using namespace agentreel;

namespace {

// Payload bytes through a cache of 1 MiB stream chunks (the writer's block size), so sessions interleaved
// in one log do not make the bundle inflate the same block again for every record.
class ChunkCachedPayloads {
 public:
  explicit ChunkCachedPayloads(const Bundle& bundle, size_t max_chunks = 96) : bundle_(bundle), max_chunks_(max_chunks) {}
  std::string operator()(RecordRef ref) {
    std::string out;
    uint64_t offset = ref.offset;
    uint64_t left = ref.length;
    while (left > 0) {
      const uint64_t chunk = offset / kChunk;
      const std::string* bytes = get(chunk);
      if (!bytes) return {};
      const uint64_t within = offset - chunk * kChunk;
      if (within >= bytes->size()) return {};
      const uint64_t take = std::min<uint64_t>(left, bytes->size() - within);
      out.append(*bytes, within, take);
      offset += take;
      left -= take;
    }
    return out;
  }

 private:
  static constexpr uint64_t kChunk = 1u << 20;
  const std::string* get(uint64_t chunk) {
    auto it = chunks_.find(chunk);
    if (it != chunks_.end()) {
      it->second.second = ++clock_;
      return &it->second.first;
    }
    if (chunks_.size() >= max_chunks_) {
      auto oldest = std::min_element(chunks_.begin(), chunks_.end(),
                                     [](const auto& a, const auto& b) { return a.second.second < b.second.second; });
      chunks_.erase(oldest);
    }
    const uint64_t stream_size = bundle_.trace().inputs.empty()
                                     ? 0
                                     : bundle_.trace().inputs.back().stream_offset + bundle_.trace().inputs.back().size;
    if (chunk * kChunk >= stream_size) return nullptr;
    std::string bytes;
    if (!bundle_.read_stream(chunk * kChunk, std::min<uint64_t>(kChunk, stream_size - chunk * kChunk), bytes).is_ok())
      return nullptr;
    auto& slot = chunks_[chunk];
    slot = {std::move(bytes), ++clock_};
    return &slot.first;
  }
  const Bundle& bundle_;
  size_t max_chunks_;
  uint64_t clock_ = 0;
  std::unordered_map<uint64_t, std::pair<std::string, uint64_t>> chunks_;
};
}  // namespace

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
    ChunkCachedPayloads cache(bundle);
    const auto t0 = std::chrono::steady_clock::now();
    const auto sessions = analysis::diagnose(trace, [&cache](RecordRef ref) { return cache(ref); });
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

// Payload search speed: how long the find language takes to answer a text query in a session, as the viewer's
// find box runs it on the shown session (find_in_session over the bundle's raw stream, cold block cache), for
// the bundle's five largest sessions, with the bundle's find index (FIDX) and by scanning, side by side; beside
// them, the whole raw stream inflated once and scanned for the first needle (the floor any scan of all the
// bytes pays: inflate + search).
// A separate program, never a test. usage: agentreel-find-bench BUNDLE QUERY [RUNS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "bundle/bundle_reader.h"
#include "file_source.h"  // native/
#include "find/find_query.h"
#include "find/find_scan.h"

using namespace agentreel;

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point a) { return std::chrono::duration<double, std::milli>(Clock::now() - a).count(); }

// This thread's CPU time: on a loaded machine wall time also counts the time other processes held the core.
double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s BUNDLE QUERY [RUNS]\n", argv[0]);
    return 2;
  }
  const int runs = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;
  auto source = native::FileSource::open(argv[1]);
  if (!source.is_ok()) {
    std::fprintf(stderr, "%s\n", source.status().to_string().c_str());
    return 1;
  }
  auto opened = Bundle::open(source.take());
  if (!opened.is_ok()) {
    std::fprintf(stderr, "%s\n", opened.status().to_string().c_str());
    return 1;
  }
  const Bundle& bundle = *opened.value();
  const Trace& trace = bundle.trace();
  auto query = FindQuery::parse(argv[2]);
  if (!query.is_ok()) {
    std::fprintf(stderr, "%s\n", query.status().to_string().c_str());
    return 1;
  }
  uint64_t raw_bytes = 0;
  for (const InputFile& f : trace.inputs) raw_bytes += f.size;

  // The viewer's find box searches the shown session: time the largest sessions one by one (cold cache each
  // time), then the raw-stream floor for comparison.
  std::vector<uint32_t> order(trace.sessions.size());
  for (uint32_t s = 0; s < order.size(); ++s) order[s] = s;
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return trace.sessions[a].span_count > trace.sessions[b].span_count; });
  order.resize(std::min<size_t>(order.size(), 5));
  const StreamReader read = [&](uint64_t offset, uint64_t size, std::string& out) {
    return bundle.read_stream(offset, size, out);
  };
  std::vector<double> find_ms, index_ms, scan_ms, find_cpu_ms, index_cpu_ms;
  size_t matches = 0, index_matches = 0, scan_hits = 0, indexed_sessions = 0;
  uint64_t searched_spans = 0;
  FindOptions with_index;
  with_index.index = &bundle.find_index();
  for (uint32_t s : order) indexed_sessions += bundle.find_index().segment_count(s) > 0;
  for (int run = 0; run < runs; ++run) {
    double total = 0, indexed_total = 0, cpu = 0, indexed_cpu = 0;
    matches = 0;
    index_matches = 0;
    searched_spans = 0;
    for (uint32_t s : order) {
      bundle.set_block_cache_limit(4);  // cold: the session's blocks inflated again
      auto a = Clock::now();
      double c = cpu_ms();
      auto found = find_in_session(trace, s, query.value(), read);
      total += ms_since(a);
      cpu += cpu_ms() - c;
      if (found.is_ok()) matches += found.value().size();
      searched_spans += trace.sessions[s].span_count;
      bundle.set_block_cache_limit(4);
      a = Clock::now();
      c = cpu_ms();
      auto indexed = find_in_session(trace, s, query.value(), read, with_index);
      indexed_total += ms_since(a);
      indexed_cpu += cpu_ms() - c;
      if (indexed.is_ok()) index_matches += indexed.value().size();
    }
    find_ms.push_back(total);
    index_ms.push_back(indexed_total);
    find_cpu_ms.push_back(cpu);
    index_cpu_ms.push_back(indexed_cpu);

    // The floor: the whole raw stream inflated in 16 MiB pieces, one needle searched.
    bundle.set_block_cache_limit(4);
    const std::string needle =
        query.value().text_needles().empty() ? std::string(argv[2]) : query.value().text_needles()[0].text;
    const uint64_t piece = 16u << 20;
    const size_t pieces = size_t((raw_bytes + piece - 1) / piece);
    size_t hits = 0;
    const auto b = Clock::now();
    std::string bytes;
    for (size_t i = 0; i < pieces; ++i) {
      const uint64_t offset = i * piece;
      bytes.clear();  // read_stream appends
      if (!bundle.read_stream(offset, std::min(piece, raw_bytes - offset), bytes).is_ok()) break;
      for (size_t at = find_folded(bytes, needle); at != std::string::npos; at = find_folded(bytes, needle, at + 1)) {
        ++hits;
      }
    }
    scan_ms.push_back(ms_since(b));
    scan_hits = hits;
  }
  uint64_t index_bytes = 0;
  for (const SectionInfo& section : bundle.sections()) {
    if (section.tag == kTagFindIndex) index_bytes += kSectionHeaderSize + section.stored_size;
  }
  std::printf("%s: %zu spans, %zu sessions, %.1f MB raw, %.1f MB bundle of which %.1f MB find index; query %s\n",
              argv[1], trace.spans.size(), trace.sessions.size(), raw_bytes / 1e6, bundle.file_size() / 1e6,
              index_bytes / 1e6, query.value().describe().c_str());
  std::printf(
      "find_in_session, the %zu largest sessions (%llu spans): median %.1f ms in all (%.1f ms CPU, %d runs), %zu "
      "matches\n",
      order.size(), (unsigned long long)searched_spans, median(find_ms), median(find_cpu_ms), runs, matches);
  std::printf("  with the find index (%zu of them indexed): median %.1f ms (%.1f ms CPU), %zu matches\n",
              indexed_sessions, median(index_ms), median(index_cpu_ms), index_matches);
  std::printf("inflate + scan the raw stream:  median %.1f ms, %zu occurrences of the first needle\n", median(scan_ms),
              scan_hits);
  std::printf(
      "{\"find_ms\":%.2f,\"index_ms\":%.2f,\"searched_spans\":%llu,\"scan_ms\":%.2f,\"matches\":%zu,"
      "\"index_matches\":%zu,\"spans\":%zu,\"raw_bytes\":%llu,\"index_bytes\":%llu}\n",
      median(find_ms), median(index_ms), (unsigned long long)searched_spans, median(scan_ms), matches, index_matches,
      trace.spans.size(), (unsigned long long)raw_bytes, (unsigned long long)index_bytes);
  return index_matches == matches ? 0 : 1;
}

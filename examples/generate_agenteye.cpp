// agentreel-gen: writes a realistic, deterministic AgentEye event log (JSONL) of interleaved coding-agent
// sessions, from a few hundred lines for demos to tens of millions for load tests, in constant memory.
// Standard library only; the pieces live in examples/agenteye_gen/.
#include <chrono>
#include <cstdio>

#include "agenteye_gen/generator_options.h"
#include "agenteye_gen/interleaver.h"
#include "agenteye_gen/output_sink.h"

int main(int argc, char** argv) {
  using namespace agentreel::gen;
  const ParsedOptions parsed = parse_generator_options(argc, argv);
  if (parsed.error) {
    std::fprintf(stderr, "agentreel-gen: %s\n", parsed.error->c_str());
    return 2;
  }
  const GeneratorOptions& options = parsed.options;
  if (options.show_help) {
    std::fputs(generator_usage(), stdout);
    return 0;
  }

  OutputSink sink(options.output_path);
  if (!sink.ok()) {
    std::fprintf(stderr, "agentreel-gen: %s\n", sink.error().c_str());
    return 1;
  }
  const auto started = std::chrono::steady_clock::now();
  const GenerationStats stats = generate_interleaved_log(options, sink);
  const bool written = sink.finish();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!written) {
    std::fprintf(stderr, "agentreel-gen: %s\n", sink.error().c_str());
    return 1;
  }
  if (options.print_stats) {
    std::fprintf(
        stderr,
        "agentreel-gen: %llu lines, %llu spans, %llu sessions, %.1f MB in %.2f s (%.0f MB/s, %.0f bytes/span)\n",
        static_cast<unsigned long long>(stats.lines), static_cast<unsigned long long>(stats.spans),
        static_cast<unsigned long long>(stats.sessions), static_cast<double>(stats.bytes) / 1e6, seconds,
        static_cast<double>(stats.bytes) / 1e6 / (seconds > 0 ? seconds : 1e-9),
        static_cast<double>(stats.bytes) / static_cast<double>(stats.spans ? stats.spans : 1));
  }
  return 0;
}

// Command-line options of agentreel-gen and their parsing. Errors come back as a message naming the option
// and the rejected text; nothing here prints or exits.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace agentreel::gen {

struct GeneratorOptions {
  uint32_t runs = 3;                 // --runs: concurrent, interleaved sessions
  uint64_t target_spans = 200;       // --spans: approximate total across all runs
  uint64_t seed = 1;                 // --seed
  double payload_scale = 1.0;        // --payload-scale: multiplies payload sizes
  uint64_t max_session_spans = 400;  // --session-spans: a longer run is split into several sessions
  bool cut_off = false;              // --cut-off: the last session of run 0 stops mid-tool-call
  bool print_stats = false;          // --stats: summary on stderr
  bool show_help = false;            // -h, --help
  std::string output_path;           // -o: empty means stdout
};

struct ParsedOptions {
  GeneratorOptions options;
  std::optional<std::string> error;
};

ParsedOptions parse_generator_options(int argc, const char* const* argv);
const char* generator_usage();

}  // namespace agentreel::gen

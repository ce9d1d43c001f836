// `agentreel redact BUNDLE -o OUT.reel`: a copy of the bundle in which every secret is replaced by a placeholder
// of its kind ("[REDACTED api-key openai #3]", the same secret always the same number), with a redaction manifest
// (RDCT) saying what kind was removed where. The copy verifies and exports the redacted inputs byte for byte;
// the original is never modified.
#include <cstdio>
#include <filesystem>
#include <thread>

#include "bundle_redaction.h"
#include "commands.h"
#include "file_io.h"
#include "open_bundle.h"

namespace agentreel::cli {

int run_redact(const Args& args) {
  std::string bundle_path, output;
  SecretFlags flags;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  for (size_t i = 0; i < args.size(); ++i) {
    std::string pattern_error;
    if (args[i] != "--redact" && take_secret_flag(args, i, flags, pattern_error)) {
      if (!pattern_error.empty()) return usage("redact: " + pattern_error);
    } else if (args[i] == "-o" && i + 1 < args.size()) {
      output = args[++i];
    } else if (args[i] == "--threads" && i + 1 < args.size()) {
      threads = unsigned(std::max(0, std::atoi(args[++i].c_str())));
    } else if (!args[i].empty() && args[i][0] == '-') {
      return usage("redact: unknown option " + args[i]);
    } else if (bundle_path.empty()) {
      bundle_path = args[i];
    } else {
      return usage("redact takes one BUNDLE (convert --redact redacts logs)");
    }
  }
  if (bundle_path.empty() || output.empty()) return usage("redact needs BUNDLE and -o OUT.reel");
  std::error_code error;
  if (std::filesystem::equivalent(bundle_path, output, error) || bundle_path == output) {
    return usage("redact: -o must name a new file; the original bundle is never modified");
  }
  auto opened = open_bundle_file(bundle_path);
  if (!opened.is_ok()) return fail(opened.status().message());
  auto sink = AtomicFileSink::create(output);
  if (!sink.is_ok()) return fail(sink.status().message());
  auto result = redact_bundle(*opened.value(), flags, *sink.value(), threads);
  if (!result.is_ok()) return fail(bundle_path + ": " + result.status().to_string());
  if (Status s = sink.value()->commit(); !s.is_ok()) return fail(s.message());
  const secrets::SecretSummary& replaced = result.value().replaced;
  if (replaced.distinct()) {
    std::fprintf(stderr, "agentreel: redacted %s in %llu place(s) -> %s (%llu bytes)\n", replaced.phrase().c_str(),
                 (unsigned long long)replaced.occurrences(), output.c_str(),
                 (unsigned long long)result.value().bundle_bytes);
  } else {
    std::fprintf(stderr, "agentreel: no secrets found; %s is a copy with an empty redaction manifest (%llu bytes)\n",
                 output.c_str(), (unsigned long long)result.value().bundle_bytes);
  }
  return 0;
}

}  // namespace agentreel::cli

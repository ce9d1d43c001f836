// `agentreel verify`: every section checksum, every block decompressed, every input re-hashed, and every byte
// checked against what a writer of the bundle's version writes (docs/bundle-format.md, "Verifying a bundle").
// Problems go to stderr (exit 1); notes on parts of a newer minor version, checked by checksum only, to stdout.
#include <cstdio>

#include "commands.h"
#include "open_bundle.h"

namespace agentreel::cli {

int run_verify(const Args& args) {
  if (args.size() != 1) return usage("verify needs exactly one BUNDLE");
  auto opened = open_bundle_file(args[0]);
  if (!opened.is_ok()) return fail(opened.status().message());
  const VerifyReport report = opened.value()->verify();
  for (const std::string& problem : report.problems) std::fprintf(stderr, "%s: %s\n", args[0].c_str(), problem.c_str());
  for (const std::string& note : report.notes) std::printf("%s: note: %s\n", args[0].c_str(), note.c_str());
  std::printf("%s: %llu sections (%llu raw blocks), %llu inputs checked: %s\n", args[0].c_str(),
              (unsigned long long)report.sections_checked, (unsigned long long)report.blocks_checked,
              (unsigned long long)report.inputs_checked, report.problems.empty() ? "ok" : "CORRUPT");
  return report.problems.empty() ? 0 : 1;
}

}  // namespace agentreel::cli

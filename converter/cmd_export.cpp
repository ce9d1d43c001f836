// `agentreel export`: every input file written back byte for byte under its stored relative path.
// Stored paths are checked first: nothing is ever written outside DIR.
#include <cstdio>
#include <filesystem>

#include "commands.h"
#include "file_io.h"
#include "open_bundle.h"

namespace agentreel::cli {
namespace {

namespace fs = std::filesystem;

bool is_safe_relative(const std::string& path) {
  const fs::path p(path);
  if (path.empty() || p.is_absolute() || p.has_root_name()) return false;
  for (const auto& part : p) {
    if (part == ".." || part == ".") return false;
  }
  return true;
}

}  // namespace

int run_export(const Args& args) {
  std::string bundle_path, dir;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "-o" && i + 1 < args.size()) {
      dir = args[++i];
    } else if (!args[i].empty() && args[i][0] == '-') {
      return usage("export: unknown option " + args[i]);
    } else {
      bundle_path = args[i];
    }
  }
  if (bundle_path.empty() || dir.empty()) return usage("export needs BUNDLE and -o DIR");
  auto opened = open_bundle_file(bundle_path);
  if (!opened.is_ok()) return fail(opened.status().message());
  const Bundle& bundle = *opened.value();
  const auto& inputs = bundle.trace().inputs;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (!is_safe_relative(inputs[i].path)) {
      return fail(bundle_path + ": input " + std::to_string(i) + " has an unsafe path \"" + inputs[i].path +
                  "\" (absolute or with ..); refusing to export");
    }
    const fs::path target = fs::path(dir) / inputs[i].path;
    std::error_code error;
    fs::create_directories(target.parent_path(), error);
    if (error) return fail("cannot create " + target.parent_path().string() + ": " + error.message());
    auto sink = AtomicFileSink::create(target.string());
    if (!sink.is_ok()) return fail(sink.status().message());
    if (Status s = bundle.export_input(i, *sink.value()); !s.is_ok()) return fail(bundle_path + ": " + s.message());
    if (Status s = sink.value()->commit(); !s.is_ok()) return fail(s.message());
    std::fprintf(stderr, "agentreel: wrote %s (%llu bytes)\n", target.string().c_str(),
                 (unsigned long long)inputs[i].size);
  }
  return 0;
}

}  // namespace agentreel::cli

// `agentreel export`: every input file written back byte for byte under its stored relative path (the default,
// --format inputs), or the spans as OTLP/JSON or a Chrome trace (--format otlp|chrome; the writers are
// shared/export/). Stored paths are all checked before anything is written: nothing is ever written outside DIR.
#include <cstdio>
#include <filesystem>

#include "bundle/input_path.h"
#include "commands.h"
#include "export/chrome_trace_export.h"
#include "export/otlp_export.h"
#include "file_io.h"
#include "open_bundle.h"

namespace agentreel::cli {
namespace {

namespace fs = std::filesystem;

// The format's rule (bundle/input_path.h), and this platform's idea of a rooted path (a drive letter).
std::string unsafe_path_reason(const std::string& path) {
  std::string reason = unsafe_input_path_reason(path);
  if (reason.empty() && (fs::path(path).is_absolute() || fs::path(path).has_root_name())) reason = "is absolute";
  return reason;
}

// The spans as one document (otlp or chrome) in FILE, written to a temporary name and renamed when whole.
int export_spans(const std::string& bundle_path, const Bundle& bundle, const std::string& format,
                 const std::string& file) {
  auto sink = AtomicFileSink::create(file);
  if (!sink.is_ok()) return fail(file + ": " + sink.status().message());
  Status unreadable;
  const RecordReader read = [&](RecordRef ref) {
    auto bytes = bundle.read_record(ref);
    if (!bytes.is_ok()) {
      if (unreadable.is_ok()) unreadable = bytes.status();
      return std::string();
    }
    return bytes.take();
  };
  const Status written = format == "otlp" ? write_otlp_json(bundle.trace(), read, *sink.value())
                                          : write_chrome_trace(bundle.trace(), read, *sink.value());
  if (!unreadable.is_ok()) return fail(bundle_path + ": " + unreadable.message() + "; nothing written to " + file);
  if (!written.is_ok()) return fail(file + ": " + written.message());
  if (Status s = sink.value()->commit(); !s.is_ok()) return fail(s.message());
  size_t spans = 0;
  for (const Session& session : bundle.trace().sessions) spans += session.span_count;
  std::fprintf(stderr, "agentreel: wrote %s (%s, %zu spans)\n", file.c_str(), format.c_str(), spans);
  return 0;
}

}  // namespace

int run_export(const Args& args) {
  std::string bundle_path, dir, format = "inputs";
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "-o" && i + 1 < args.size()) {
      dir = args[++i];
    } else if (args[i] == "--format" && i + 1 < args.size()) {
      format = args[++i];
    } else if (!args[i].empty() && args[i][0] == '-') {
      return usage("export: unknown option " + args[i]);
    } else {
      bundle_path = args[i];
    }
  }
  if (format != "inputs" && format != "otlp" && format != "chrome") {
    return usage("export: unknown --format " + format + " (expected inputs, otlp or chrome)");
  }
  if (bundle_path.empty() || dir.empty()) {
    return usage(format == "inputs" ? "export needs BUNDLE and -o DIR" : "export needs BUNDLE and -o FILE");
  }
  auto opened = open_bundle_file(bundle_path);
  if (!opened.is_ok()) return fail(opened.status().message());
  const Bundle& bundle = *opened.value();
  if (format != "inputs") return export_spans(bundle_path, bundle, format, dir);
  const auto& inputs = bundle.trace().inputs;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (const std::string reason = unsafe_path_reason(inputs[i].path); !reason.empty()) {
      const Status refused(ErrorCode::corrupt_structure, "section INPT: input " + std::to_string(i) + " path \"" +
                                                             inputs[i].path + "\" " + reason +
                                                             " (expected a relative /-separated path without '.' or "
                                                             "'..'); nothing exported");
      return fail(bundle_path + ": " + refused.to_string());
    }
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
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

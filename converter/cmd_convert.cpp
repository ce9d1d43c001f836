// `agentreel convert`: inputs (files, or directories walked in sorted order) -> one bundle.
// Memory stays flat in the input size: bytes stream through in 1 MiB chunks (views of a read-only mapping
// for regular files, so resident file pages are the kernel's cache, not ours), and RAW blocks are
// compressed on a thread pool with a bounded number of blocks in flight (block_pool.h) while the main
// thread parses.
//
// Every input is scanned for secrets on the way (shared/secrets): a run holding any gets a one-line warning, and
// with --redact only the redacted bytes reach the bundle, with a redaction manifest (RDCT) saying what went where.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

#include "background_scan.h"
#include "block_pool.h"
#include "commands.h"
#include "convert/converter.h"
#include "convert_progress.h"
#include "file_io.h"
#include "input_files.h"
#include "redacting_input.h"
#include "secret_patterns.h"
#include "secrets/manifest_builder.h"
#include "secrets/secret_summary.h"

namespace agentreel::cli {

int run_convert(const Args& args) {
  std::vector<std::string> arguments;
  std::string output;
  ConvertOptions options;
  options.require_spans = true;                   // nothing read at all is an error, not an empty bundle
  options.find_index = FindIndexMode::automatic;  // only sessions too big to scan fast (find_index_build.h)
  // 8 MiB blocks at zstd level 3 with long-distance matching (docs/benchmarks.md): smaller than 4 MiB
  // blocks at level 6 and about twice as fast; reading a record inflates one block (a few ms).
  options.writer.raw_block_bytes = 8ull << 20;
  options.writer.raw_level = 3;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  SecretFlags secret_flags;
  bool quiet = false;  // --quiet: no summary line (warnings and errors still say what they must)
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string pattern_error;
    if (take_secret_flag(args, i, secret_flags, pattern_error)) {
      if (!pattern_error.empty()) return usage("convert: " + pattern_error);
    } else if (a == "-o" && i + 1 < args.size()) {
      output = args[++i];
    } else if (a == "--strict") {
      options.strict = true;
    } else if (a == "--quiet") {
      quiet = true;
    } else if (a == "--format" && i + 1 < args.size()) {
      options.format = args[++i];
    } else if (a == "--level" && i + 1 < args.size()) {
      options.writer.raw_level = std::atoi(args[++i].c_str());
    } else if (a == "--no-long") {
      options.writer.raw_long_distance = false;
    } else if (a == "--threads" && i + 1 < args.size()) {
      threads = unsigned(std::max(0, std::atoi(args[++i].c_str())));
    } else if (a == "--find-index" && i + 1 < args.size()) {
      const std::string& mode = args[++i];
      if (mode == "auto") {
        options.find_index = FindIndexMode::automatic;
      } else if (mode == "always") {
        options.find_index = FindIndexMode::always;
      } else if (mode == "never") {
        options.find_index = FindIndexMode::never;
      } else {
        return usage("convert: --find-index takes auto, always or never, not " + mode);
      }
    } else if (a == "--block-mib" && i + 1 < args.size()) {
      options.writer.raw_block_bytes = uint64_t(std::clamp(std::atoi(args[++i].c_str()), 1, 64)) << 20;
    } else if (!a.empty() && a[0] == '-') {
      return usage("convert: unknown option " + a);
    } else {
      arguments.push_back(a);
    }
  }
  if (arguments.empty() || output.empty()) return usage("convert needs INPUT... and -o OUT.reel");

  std::vector<InputSpec> inputs;
  std::vector<std::string> left_out;  // settings and credentials found beside the logs
  for (const std::string& a : arguments) {
    if (Status s = collect_inputs(a, inputs, &left_out); !s.is_ok()) return fail(s.message());
  }
  if (!left_out.empty()) {
    std::string names;
    for (size_t i = 0; i < left_out.size(); ++i) names += (i ? ", " : "") + left_out[i];
    std::fprintf(stderr, "agentreel: note: left out %zu settings or credential file(s), not logs: %s\n",
                 left_out.size(), names.c_str());
  }
  auto sink = AtomicFileSink::create(output);
  if (!sink.is_ok()) return fail(sink.status().message());
  options.writer.producer = "agentreel convert";
  if (secret_flags.redact) options.writer.format_minor = kFormatMinorRedactions;  // it will carry an RDCT section
  // --threads 0: compress inline on the main thread (no pool).
  std::unique_ptr<BlockPool> pool;
  if (threads > 0) {
    pool = std::make_unique<BlockPool>(threads, options.writer.raw_block_bytes);
    options.writer.block_compressor = pool.get();
  }
  Converter converter(*sink.value(), options);
  uint64_t total_bytes = 0;
  for (const InputSpec& input : inputs) {
    std::error_code error;
    const uintmax_t size = std::filesystem::file_size(input.disk_path, error);
    if (!error) total_bytes += size;
  }
  ConvertProgress progress(total_bytes, !quiet);
  const secrets::Scanner scanner(secret_flags.scan);
  // The scan reads the chunks the converter stores, on its own thread (docs/benchmarks.md, "Secrets scan").
  BackgroundScan background_scan(scanner);
  secrets::SecretSummary found;
  secrets::PlaceholderBook book;
  secrets::ManifestBuilder manifest;
  for (uint32_t index = 0; index < inputs.size(); ++index) {
    const InputSpec& input = inputs[index];
    const auto origin = input.from_directory ? Converter::Origin::found_in_directory : Converter::Origin::named;
    Status status;
    if (secret_flags.redact) {
      RedactingInput redacting(converter, scanner, book, input.stored_path, origin);
      status = feed_file(input.disk_path, 1 << 20, [&](std::string_view chunk) {
        progress.add(chunk.size());
        return redacting.feed(chunk);
      });
      if (status.is_ok()) status = redacting.finish();
      for (const secrets::Replacement& r : redacting.replacements()) {
        found.add(book.rules()[r.secret + 1 - book.first_number()]->kind, r.secret);
      }
      manifest.add_input(index, redacting.replacements());
    } else {
      auto head = read_file_head(input.disk_path, 64 * 1024);
      if (!head.is_ok()) return fail(head.status().message());
      status = converter.begin_input(input.stored_path, head.value(), origin);
      if (status.is_ok()) {
        status = feed_file(input.disk_path, 1 << 20, [&](std::string_view chunk) {
          progress.add(chunk.size());
          background_scan.feed(chunk);
          return converter.feed(chunk);
        });
      }
      if (status.is_ok()) status = converter.end_input();
      background_scan.end_input();
    }
    if (!status.is_ok()) return fail(status.message());
  }
  if (secret_flags.redact) {
    const auto& scan = secret_flags.scan;
    converter.add_section(secrets::kTagRedactions,
                          secrets::encode_manifest(manifest.finish(book, uint32_t(scan.redact_patterns.size()),
                                                                   uint32_t(scan.allow_patterns.size()))));
  }
  progress.reading_done();
  auto summary = converter.finish();
  progress.finish();
  if (!summary.is_ok()) return fail(summary.status().message());
  if (Status s = sink.value()->commit(); !s.is_ok()) return fail(s.message());
  if (!secret_flags.redact) found = background_scan.finish();  // the scan went on while the index was written

  const Trace& trace = *converter.built();
  const ConvertSummary& sum = summary.value();
  if (!quiet) {
    std::fprintf(stderr,
                 "agentreel: %llu records from %zu input(s) -> %llu session(s), %llu spans -> %s (%llu bytes)\n",
                 (unsigned long long)sum.records, trace.inputs.size(), (unsigned long long)sum.sessions,
                 (unsigned long long)sum.spans, output.c_str(), (unsigned long long)sum.bundle_bytes);
  }
  if (sum.indexed_sessions && !quiet) {
    std::fprintf(stderr, "agentreel: find index for %llu session(s): %llu bytes\n",
                 (unsigned long long)sum.indexed_sessions, (unsigned long long)sum.find_index_bytes);
  }
  std::vector<std::string_view> unparsed;
  for (const InputFile& f : trace.inputs) {
    if (f.format == "unparsed") unparsed.push_back(f.path);
  }
  if (!unparsed.empty()) {  // one note, however many: a harness's folder holds its other state beside the logs
    std::string names;
    for (size_t i = 0; i < std::min<size_t>(unparsed.size(), 5); ++i)
      names += (i ? ", " : "") + std::string(unparsed[i]);
    if (unparsed.size() > 5)
      names += " and " + std::to_string(unparsed.size() - 5) + " more (agentreel info lists them)";
    std::fprintf(stderr, "agentreel: note: %s in no known format, kept byte for byte, not parsed: %s\n",
                 unparsed.size() == 1 ? "1 file" : (std::to_string(unparsed.size()) + " files").c_str(), names.c_str());
  }
  if (sum.build.unfinished || sum.build.clock_repairs || sum.build.parent_cycles) {
    std::fprintf(stderr, "agentreel: %llu unfinished span(s), %llu clock repair(s), %llu parent cycle(s) broken\n",
                 (unsigned long long)sum.build.unfinished, (unsigned long long)sum.build.clock_repairs,
                 (unsigned long long)sum.build.parent_cycles);
  }
  if (found.distinct()) {
    if (secret_flags.redact) {
      std::fprintf(stderr, "agentreel: redacted %s in %llu place(s); the bundle's RDCT section lists where\n",
                   found.phrase().c_str(), (unsigned long long)found.occurrences());
    } else {
      std::fprintf(stderr, "agentreel: warning: %s; `agentreel secrets %s` lists them, `--redact` removes them\n",
                   found.sentence().c_str(), output.c_str());
    }
  }
  if (sum.skipped) {
    std::fprintf(stderr, "agentreel: skipped %llu malformed record(s):\n", (unsigned long long)sum.skipped);
    const size_t shown = std::min<size_t>(trace.skipped.size(), 20);
    for (size_t i = 0; i < shown; ++i) {
      const SkippedRecord& s = trace.skipped[i];
      std::fprintf(stderr, "  %s:%llu: byte %llu: %s: %s\n", trace.inputs[s.input].path.c_str(),
                   (unsigned long long)s.line, (unsigned long long)s.byte_offset,
                   std::string(skip_reason_name(s.reason)).c_str(), s.detail.c_str());
    }
    if (trace.skipped.size() > shown) {
      std::fprintf(stderr, "  ... and %zu more (agentreel info --json lists them all)\n", trace.skipped.size() - shown);
    }
  }
  return 0;
}

}  // namespace agentreel::cli

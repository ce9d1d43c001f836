// Opening a bundle or converting logs in memory (see open_run.h).
#include "open_run.h"

#include <cstring>
#include <fstream>

#include "bundle/bundle_format.h"
#include "convert/converter.h"
#include "core/byte_io.h"
#include "file_io.h"
#include "input_files.h"
#include "open_bundle.h"
#include "thread_parallel_for.h"

namespace agentreel::cli {

bool is_bundle_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[8] = {};
  in.read(magic, sizeof magic);
  return in.gcount() == 8 && std::memcmp(magic, kBundleMagic.data(), 8) == 0;
}

Result<std::vector<uint8_t>> convert_paths_in_memory(const std::vector<std::string>& arguments,
                                                     const std::string& format, const std::string& producer) {
  std::vector<InputSpec> inputs;
  for (const std::string& a : arguments) AGENTREEL_TRY(collect_inputs(a, inputs));
  VectorSink sink;
  {
    ConvertOptions options;
    options.format = format;
    // As convert: logs that give nothing fail, naming why each gave nothing. Not for secrets, which scans every
    // byte, parsed or not: a folder of notes in no known format may hold a key.
    options.require_spans = producer != "agentreel secrets";
    options.writer.producer = producer;
    Converter converter(sink, options);
    for (const InputSpec& input : inputs) {
      auto head = read_file_head(input.disk_path, 64 * 1024);
      if (!head.is_ok()) return head.status();
      AGENTREEL_TRY(converter.begin_input(
          input.stored_path, head.value(),
          input.from_directory ? Converter::Origin::found_in_directory : Converter::Origin::named));
      AGENTREEL_TRY(feed_file(input.disk_path, 1 << 20, [&](std::string_view chunk) { return converter.feed(chunk); }));
      AGENTREEL_TRY(converter.end_input());
    }
    auto summary = converter.finish();
    if (!summary.is_ok()) return summary.status();
  }
  return std::move(sink.buffer);
}

Result<std::unique_ptr<Bundle>> open_run(const std::vector<std::string>& arguments, const std::string& format,
                                         const std::string& producer) {
  if (arguments.size() == 1 && is_bundle_file(arguments[0])) return open_bundle_file(arguments[0]);
  auto bytes = convert_paths_in_memory(arguments, format, producer);
  if (!bytes.is_ok()) return bytes.status();
  return Bundle::open(std::make_unique<OwnedMemorySource>(bytes.take()), native::thread_parallel_for());
}

}  // namespace agentreel::cli

#include "convert/convert_in_memory.h"

#include <algorithm>
#include <utility>

#include "core/byte_io.h"

namespace agentreel {

Result<std::vector<uint8_t>> convert_to_bundle_bytes(const std::vector<InputBytes>& inputs, ConvertOptions options) {
  if (inputs.empty()) return Status(ErrorCode::invalid_argument, "no file to read");
  constexpr size_t kHeadBytes = 64 * 1024;  // what format detection looks at, as the CLI gives it
  constexpr size_t kChunkBytes = 1 << 20;   // fed as a file is read from disk: records cross chunk edges
  VectorSink sink;
  options.require_spans = true;  // logs that give nothing say why, file by file, as `agentreel convert` does
  {
    Converter converter(sink, std::move(options));
    for (const InputBytes& input : inputs) {
      const std::string_view head = input.bytes.substr(0, std::min(input.bytes.size(), kHeadBytes));
      const Status begun = converter.begin_input(
          input.path, head,
          input.found_in_directory ? Converter::Origin::found_in_directory : Converter::Origin::named);
      if (!begun.is_ok()) return begun;  // names the file already
      for (size_t at = 0; at < input.bytes.size(); at += kChunkBytes) {
        const Status fed = converter.feed(input.bytes.substr(at, kChunkBytes));
        if (!fed.is_ok()) return Status(fed.code(), input.path + ": " + fed.message());
      }
      AGENTREEL_TRY(converter.end_input());
    }
    auto summary = converter.finish();
    if (!summary.is_ok()) return summary.status();
  }
  return std::move(sink.buffer);
}

}  // namespace agentreel

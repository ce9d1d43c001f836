// Redacted copies of bundles (see bundle_redaction.h).
#include "bundle_redaction.h"

#include <memory>

#include "block_pool.h"
#include "convert/converter.h"
#include "core/hash.h"
#include "redacting_input.h"
#include "secrets/manifest_builder.h"

namespace agentreel::cli {

Result<RedactionResult> redact_bundle(const Bundle& original, const SecretFlags& flags, ByteSink& out,
                                      unsigned threads) {
  // A bundle redacted before keeps its manifest; new placeholders are numbered after its secrets.
  secrets::RedactionManifest earlier;
  auto earlier_bytes = original.read_section(secrets::kTagRedactions);
  if (!earlier_bytes.is_ok()) return earlier_bytes.status();
  if (earlier_bytes.value()) AGENTREEL_TRY(secrets::decode_manifest(*earlier_bytes.value(), earlier));

  ConvertOptions options;
  options.writer.raw_block_bytes = 8ull << 20;  // what convert writes (cmd_convert.cpp)
  options.writer.raw_level = 3;
  options.writer.producer = "agentreel redact";
  options.writer.format_minor = kFormatMinorRedactions;  // the bundle carries an RDCT section
  std::unique_ptr<BlockPool> pool;
  if (threads > 0) {
    pool = std::make_unique<BlockPool>(threads, options.writer.raw_block_bytes);
    options.writer.block_compressor = pool.get();
  }
  const secrets::Scanner scanner(flags.scan);
  secrets::PlaceholderBook book(uint32_t(earlier.secrets.size()));
  secrets::ManifestBuilder manifest(std::move(earlier));
  RedactionResult result;
  Converter converter(out, options);
  const Trace& trace = original.trace();
  std::string chunk;
  for (uint32_t index = 0; index < trace.inputs.size(); ++index) {
    const InputFile& input = trace.inputs[index];
    // Read again by the reader that first read it (an input converted with --format included); one no reader knew
    // stays unparsed.
    const std::string reader = input.format == "empty" ? std::string() : input.format;
    RedactingInput redacting(converter, scanner, book, input.path, Converter::Origin::found_in_directory, reader);
    StreamingHash hash;
    for (uint64_t at = 0; at < input.size;) {
      const uint64_t take = std::min<uint64_t>(input.size - at, 1 << 20);
      chunk.clear();
      AGENTREEL_TRY(original.read_stream(input.stream_offset + at, take, chunk));
      hash.update(chunk.data(), chunk.size());
      AGENTREEL_TRY(redacting.feed(chunk));
      at += take;
    }
    if (hash.digest() != input.content_hash) {
      return Status{ErrorCode::checksum_mismatch,
                    "input " + input.path + " does not hash to the value recorded at conversion"};
    }
    AGENTREEL_TRY(redacting.finish());
    for (const secrets::Replacement& r : redacting.replacements()) {
      result.replaced.add(book.rules()[r.secret + 1 - book.first_number()]->kind, r.secret);
    }
    manifest.add_input(index, redacting.replacements());
  }
  converter.add_section(secrets::kTagRedactions,
                        secrets::encode_manifest(manifest.finish(book, uint32_t(flags.scan.redact_patterns.size()),
                                                                 uint32_t(flags.scan.allow_patterns.size()))));
  auto summary = converter.finish();
  if (!summary.is_ok()) return summary.status();
  result.bundle_bytes = summary.value().bundle_bytes;
  return result;
}

}  // namespace agentreel::cli

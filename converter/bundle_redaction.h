// A redacted copy of a bundle: every input exported, passed through the redactor and converted again, so the copy
// is an ordinary bundle of the redacted inputs (its index, checksums and export all agree) plus the redaction
// manifest (RDCT). The original is only read. Used by `redact` and `html --redact`.
#pragma once

#include <cstdint>

#include "bundle/bundle_reader.h"
#include "core/byte_io.h"
#include "secret_patterns.h"
#include "secrets/secret_summary.h"

namespace agentreel::cli {

struct RedactionResult {
  secrets::SecretSummary replaced;  // secrets and places replaced by this run
  uint64_t bundle_bytes = 0;
};

// Writes the redacted copy of `original` to `out`. `threads` compress RAW blocks (0: inline), as in convert.
Result<RedactionResult> redact_bundle(const Bundle& original, const SecretFlags& flags, ByteSink& out,
                                      unsigned threads);

}  // namespace agentreel::cli

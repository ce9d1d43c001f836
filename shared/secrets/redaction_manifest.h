// The redaction manifest: what kind of secret was removed where, never the value. Stored in a redacted bundle as
// the non-critical section RDCT (docs/bundle-format.md, "RDCT redaction manifest", format 1.2), so readers that
// predate it skip it. Encoding and decoding only; the bundle layer stores the bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bundle/bundle_format.h"
#include "core/status.h"
#include "secrets/finding.h"

namespace agentreel::secrets {

using agentreel::kTagRedactions;  // bundle/bundle_format.h
constexpr uint32_t kManifestVersion = 1;

struct RedactedSecret {  // one distinct secret; its placeholder number is its index + 1
  SecretKind kind = SecretKind::custom;
  std::string rule;   // the rule id that named it ("openai-project-key")
  std::string label;  // what its placeholder says ("api-key openai")
};

struct RedactedOccurrence {      // one replacement
  uint32_t secret = 0;           // index into secrets
  uint32_t input = 0;            // index into the bundle's inputs (INPT)
  uint64_t original_offset = 0;  // byte range replaced, in the original input file
  uint32_t original_length = 0;
  uint64_t redacted_offset = 0;  // byte range of the placeholder, in this bundle's copy of the input
  uint32_t redacted_length = 0;
  Encoding encoding = Encoding::plain;  // base64: the range is re-encoded quads of a base64 payload
};

struct RedactionManifest {
  uint32_t custom_patterns = 0;  // how many caller patterns (--redact-pattern) were applied; never the patterns
  uint32_t allow_patterns = 0;   // how many allow patterns (--allow) were applied
  std::vector<RedactedSecret> secrets;
  std::vector<RedactedOccurrence> occurrences;  // in input order, then by offset
};

std::string encode_manifest(const RedactionManifest& manifest);
// Checks every count against the bytes left before allocating, every secret index and encoding; errors are
// corrupt_structure naming the byte offset in the section.
Status decode_manifest(std::string_view bytes, RedactionManifest& manifest);

}  // namespace agentreel::secrets

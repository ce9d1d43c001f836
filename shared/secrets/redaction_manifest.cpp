// RDCT encoding (see redaction_manifest.h; layout in docs/bundle-format.md).
#include "secrets/redaction_manifest.h"

#include "core/binary_codec.h"

namespace agentreel::secrets {
namespace {

constexpr size_t kOccurrenceBytes = 4 + 4 + 8 + 4 + 8 + 4 + 1;

Status corrupt(size_t offset, const std::string& what) {
  return {ErrorCode::corrupt_structure, "section RDCT at byte " + std::to_string(offset) + ": " + what};
}

}  // namespace

std::string encode_manifest(const RedactionManifest& manifest) {
  BinaryWriter out;
  out.u32(kManifestVersion);
  out.u32(manifest.custom_patterns);
  out.u32(manifest.allow_patterns);
  out.u32(uint32_t(manifest.secrets.size()));
  for (const RedactedSecret& secret : manifest.secrets) {
    out.u8(uint8_t(secret.kind));
    out.str(secret.rule);
    out.str(secret.label);
  }
  out.u64(manifest.occurrences.size());
  for (const RedactedOccurrence& occurrence : manifest.occurrences) {
    out.u32(occurrence.secret);
    out.u32(occurrence.input);
    out.u64(occurrence.original_offset);
    out.u32(occurrence.original_length);
    out.u64(occurrence.redacted_offset);
    out.u32(occurrence.redacted_length);
    out.u8(uint8_t(occurrence.encoding));
  }
  return std::move(out.bytes);
}

Status decode_manifest(std::string_view bytes, RedactionManifest& manifest) {
  BinaryCursor in(bytes);
  uint32_t version = 0, secrets = 0;
  if (!in.u32(version)) return corrupt(0, "expected a u32 version");
  if (version != kManifestVersion) {
    return {ErrorCode::unsupported_version,
            "section RDCT: manifest version " + std::to_string(version) + "; this reader understands 1"};
  }
  if (!in.u32(manifest.custom_patterns) || !in.u32(manifest.allow_patterns) || !in.u32(secrets)) {
    return corrupt(in.position(), "expected pattern counts and a secret count");
  }
  if (secrets > in.remaining() / 9) return corrupt(in.position(), std::to_string(secrets) + " secrets cannot fit");
  manifest.secrets.resize(secrets);
  for (RedactedSecret& secret : manifest.secrets) {
    const size_t at = in.position();
    uint8_t kind = 0;
    if (!in.u8(kind) || !in.str(secret.rule) || !in.str(secret.label)) return corrupt(at, "expected a secret entry");
    if (!kind_from_code(kind, secret.kind)) return corrupt(at, "unknown secret kind " + std::to_string(kind));
  }
  uint64_t occurrences = 0;
  if (!in.u64(occurrences)) return corrupt(in.position(), "expected an occurrence count");
  if (occurrences != in.remaining() / kOccurrenceBytes || in.remaining() % kOccurrenceBytes != 0) {
    return corrupt(in.position(), std::to_string(occurrences) + " occurrences do not fill the " +
                                      std::to_string(in.remaining()) + " bytes left");
  }
  manifest.occurrences.resize(size_t(occurrences));
  for (RedactedOccurrence& occurrence : manifest.occurrences) {
    const size_t at = in.position();
    uint8_t encoding = 0;
    (void)(in.u32(occurrence.secret) && in.u32(occurrence.input) && in.u64(occurrence.original_offset) &&
           in.u32(occurrence.original_length) && in.u64(occurrence.redacted_offset) &&
           in.u32(occurrence.redacted_length) && in.u8(encoding));
    if (occurrence.secret >= secrets)
      return corrupt(at, "occurrence names secret " + std::to_string(occurrence.secret));
    if (encoding > uint8_t(Encoding::base64)) return corrupt(at, "unknown encoding " + std::to_string(encoding));
    occurrence.encoding = Encoding(encoding);
  }
  return Status::ok();
}

}  // namespace agentreel::secrets

// Names for the stable error codes and the human form of a Status.
#include "core/status.h"

namespace agentreel {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::ok: return "ok";
    case ErrorCode::io: return "io";
    case ErrorCode::not_a_bundle: return "not_a_bundle";
    case ErrorCode::unsupported_version: return "unsupported_version";
    case ErrorCode::truncated: return "truncated";
    case ErrorCode::checksum_mismatch: return "checksum_mismatch";
    case ErrorCode::corrupt_structure: return "corrupt_structure";
    case ErrorCode::decompress_failed: return "decompress_failed";
    case ErrorCode::limit_exceeded: return "limit_exceeded";
    case ErrorCode::unknown_format: return "unknown_format";
    case ErrorCode::malformed_record: return "malformed_record";
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::out_of_memory: return "out_of_memory";
  }
  return "unknown_error";
}

std::string Status::to_string() const {
  if (is_ok()) return "ok";
  std::string out(error_code_name(code_));
  out += ": ";
  out += message_;
  return out;
}

}  // namespace agentreel

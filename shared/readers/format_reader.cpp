// The one way readers report a bad record (see format_reader.h).
#include "readers/format_reader.h"

namespace agentreel {

Status report_bad_record(const ReaderContext& context, uint64_t line, uint64_t byte_offset, SkipReason reason,
                         std::string detail) {
  if (context.strict) {
    return {ErrorCode::malformed_record, context.path + ":" + std::to_string(line) + ": byte " +
                                             std::to_string(byte_offset) + ": " +
                                             std::string(skip_reason_name(reason)) + ": " + detail};
  }
  context.sink->skip({context.input, reason, line, byte_offset, std::move(detail)});
  return Status::ok();
}

}  // namespace agentreel

// The JSON-lines reader skeleton (see jsonl_reader.h).
#include "readers/jsonl_reader.h"

namespace agentreel {

Status JsonlReader::feed(std::string_view chunk) {
  lines_.feed(chunk, [this](const Line& line) { return handle(line); });
  return fatal_;
}

Status JsonlReader::finish() {
  if (lines_.finish([this](const Line& line) { return handle(line); }) && fatal_.is_ok()) on_finish();
  return fatal_;
}

bool JsonlReader::skip(const Line& line, SkipReason reason, std::string detail) {
  fatal_ = report_bad_record(context_, line.number, line.offset, reason, std::move(detail));
  return fatal_.is_ok();
}

bool JsonlReader::handle(const Line& line) {
  if (line.too_large) {
    return skip(line, SkipReason::too_large,
                "record of " + std::to_string(line.raw_length) + " bytes exceeds the " +
                    std::to_string(context_.max_record_bytes) + "-byte record limit");
  }
  if (line.text.find_first_not_of(" \t") == std::string_view::npos) return true;  // blank line: no record
  simdjson::dom::element root;
  if (auto error = parser_.parse(line.text, root)) {
    return skip(line, line.terminated ? SkipReason::invalid_json : SkipReason::partial_line,
                std::string("expected one JSON object per line: ") + simdjson::error_message(error));
  }
  simdjson::dom::object record;
  if (root.get_object().get(record)) {
    return skip(line, SkipReason::wrong_type, "expected a JSON object, got another value");
  }
  return on_record(record, line, RecordRef{context_.stream_offset + line.offset, uint32_t(line.raw_length)});
}

std::optional<FirstRecordLine> first_record_line(std::string_view head) {
  size_t start = 0;
  while (start < head.size()) {
    size_t end = head.find('\n', start);
    const bool complete = end != std::string_view::npos;
    if (!complete) end = head.size();
    std::string_view line = head.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos) return FirstRecordLine{line, complete};
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace agentreel

// Conversion pipeline (see converter.h).
#include "convert/converter.h"

#include "core/hash.h"

namespace agentreel {

Converter::Converter(ByteSink& out, ConvertOptions options)
    : options_(std::move(options)), writer_(out, options_.writer) {}

Converter::~Converter() = default;

Status Converter::begin_input(std::string path, std::string_view head) {
  const FormatEntry* format = nullptr;
  if (!options_.format.empty()) {
    format = find_format(options_.format);
    if (!format) return {ErrorCode::invalid_argument, "unknown input format \"" + options_.format + "\""};
  } else {
    auto detected = detect_format(path, head);
    if (!detected.is_ok()) return detected.status();
    format = detected.value();
  }
  InputFile input;
  input.path = path;
  input.format = std::string(format->name);
  input.stream_offset = writer_.raw_stream_size();
  const uint32_t index = builder_.begin_input(input);
  ReaderContext context;
  context.sink = &builder_;
  context.input = index;
  context.stream_offset = input.stream_offset;
  context.path = std::move(path);
  context.strict = options_.strict;
  context.max_record_bytes = options_.max_record_bytes;
  reader_ = format->make(context);
  hash_ = std::make_unique<StreamingHash>();
  return Status::ok();
}

Status Converter::feed(std::string_view chunk) {
  AGENTREEL_TRY(writer_.append_raw(chunk.data(), chunk.size()));
  hash_->update(chunk.data(), chunk.size());
  builder_.current_input().size += chunk.size();
  return reader_->feed(chunk);
}

Status Converter::end_input() {
  AGENTREEL_TRY(reader_->finish());
  InputFile& input = builder_.current_input();
  input.records = reader_->records();
  input.content_hash = hash_->digest();
  reader_.reset();
  return Status::ok();
}

Result<ConvertSummary> Converter::finish() {
  ConvertSummary summary;
  built_ = std::make_unique<Trace>(builder_.build(&summary.build));
  AGENTREEL_TRY(writer_.finish(*built_));
  summary.spans = built_->spans.size();
  summary.sessions = built_->sessions.size();
  for (const InputFile& input : built_->inputs) {
    summary.records += input.records;
    summary.skipped += input.skipped;
  }
  summary.bundle_bytes = writer_.bytes_written();
  return summary;
}

}  // namespace agentreel

// Conversion pipeline (see converter.h).
#include "convert/converter.h"

#include <algorithm>

#include "core/hash.h"

namespace agentreel {
namespace {

// Why the inputs gave no span, input by input (ConvertOptions::require_spans). A file in no known format
// keeps the detection's list of formats tried; the first few are shown whole, the rest by name.
std::string nothing_read_message(const Trace& trace, const std::vector<std::string>& not_read,
                                 std::string_view forced_format) {
  constexpr size_t kShownWhole = 3;
  if (trace.inputs.empty()) return "nothing to read: no input files (an empty directory?)";
  std::string out;
  if (trace.inputs.size() > 1) {
    out = "nothing could be read from " + std::to_string(trace.inputs.size()) + " inputs";
    if (!forced_format.empty()) out += " (--format " + std::string(forced_format) + ")";
    out += ":";
  }
  const std::string indent = trace.inputs.size() > 1 ? "\n  " : "";
  size_t whole = 0;
  std::vector<std::string_view> more;
  for (uint32_t i = 0; i < trace.inputs.size(); ++i) {
    const InputFile& input = trace.inputs[i];
    std::string line;
    if (input.format == "empty") {
      line = input.path + ": empty";
    } else if (input.format == "unparsed") {
      if (whole == kShownWhole) {
        more.push_back(input.path);
        continue;
      }
      ++whole;
      line = i < not_read.size() && !not_read[i].empty() ? not_read[i] : input.path + ": in no known format";
    } else {
      line = input.path + ": read as " + input.format + ": ";
      if (input.records == 0) {
        line += "no record read";
        if (input.skipped) line += ", " + std::to_string(input.skipped) + " skipped";
      } else {
        line += std::to_string(input.records) + " record(s) read, none of them a span";
      }
      const auto first = std::find_if(trace.skipped.begin(), trace.skipped.end(),
                                      [&](const SkippedRecord& s) { return s.input == i; });
      if (first != trace.skipped.end()) {
        line += "; first: line " + std::to_string(first->line) + ", byte " + std::to_string(first->byte_offset) + ": " +
                std::string(skip_reason_name(first->reason)) + ": " + first->detail;
      }
    }
    if (trace.inputs.size() > 1) {  // indent the reader lines of a "tried:" list under their file
      for (size_t at = line.find('\n'); at != std::string::npos; at = line.find('\n', at + 3))
        line.insert(at + 1, "  ");
    }
    out += indent + line;
  }
  if (!more.empty()) {
    out += indent + "and " + std::to_string(more.size()) + " more in no known format:";
    for (std::string_view path : more) out += " " + std::string(path);
  }
  return out;
}

}  // namespace

Converter::Converter(ByteSink& out, ConvertOptions options)
    : options_(std::move(options)), writer_(out, options_.writer) {}

Converter::~Converter() = default;

Status Converter::begin_input(std::string path, std::string_view head, Origin origin, std::string_view reader) {
  if (!builder_) return {ErrorCode::invalid_argument, "Converter::begin_input after finish"};
  const FormatEntry* format = nullptr;
  std::string_view format_name;
  std::string not_read;  // why no reader knows a file found in a directory
  if (head.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    format_name = "empty";
  } else if (reader == "unparsed") {
    format_name = "unparsed";
  } else if (!reader.empty()) {
    format = find_format(reader);
    if (!format) return {ErrorCode::invalid_argument, "unknown input format \"" + std::string(reader) + "\""};
  } else if (!options_.format.empty()) {
    format = find_format(options_.format);
    if (!format) return {ErrorCode::invalid_argument, "unknown input format \"" + options_.format + "\""};
  } else {
    auto detected = detect_format(path, head);
    if (detected.is_ok()) {
      format = detected.value();
    } else if (origin == Origin::found_in_directory) {
      format_name = "unparsed";
      not_read = detected.status().message();
    } else {
      return detected.status();
    }
  }
  if (format) format_name = format->name;
  InputFile input;
  input.path = path;
  input.format = std::string(format_name);
  input.stream_offset = writer_.raw_stream_size();
  const uint32_t index = builder_->begin_input(input);
  if (!not_read.empty()) {
    not_read_.resize(index + 1);
    not_read_[index] = std::move(not_read);
  }
  hash_ = std::make_unique<StreamingHash>();
  reader_.reset();
  if (!format) return Status::ok();
  ReaderContext context;
  context.sink = builder_.get();
  context.input = index;
  context.stream_offset = input.stream_offset;
  context.path = std::move(path);
  context.strict = options_.strict;
  context.max_record_bytes = options_.max_record_bytes;
  reader_ = format->make(context);
  return Status::ok();
}

Status Converter::feed(std::string_view chunk) {
  AGENTREEL_TRY(writer_.append_raw(chunk.data(), chunk.size()));
  hash_->update(chunk.data(), chunk.size());
  builder_->current_input().size += chunk.size();
  return reader_ ? reader_->feed(chunk) : Status::ok();
}

Status Converter::end_input() {
  InputFile& input = builder_->current_input();
  if (reader_) {
    AGENTREEL_TRY(reader_->finish());
    input.records = reader_->records();
  }
  input.content_hash = hash_->digest();
  reader_.reset();
  return Status::ok();
}

Result<ConvertSummary> Converter::finish() {
  ConvertSummary summary;
  if (!builder_) return Status{ErrorCode::invalid_argument, "Converter::finish called twice"};
  // The last RAW block compresses (on the block pool, when there is one) while the Trace is built.
  AGENTREEL_TRY(writer_.finish_raw());
  built_ = std::make_unique<Trace>(builder_->build(&summary.build));
  // The builder's pending spans and link tables are as big as the Trace itself: free them before the
  // writer encodes the index, so the two never peak together.
  builder_.reset();
  if (options_.require_spans && built_->spans.size() == 0) {
    return Status{ErrorCode::unknown_format, nothing_read_message(*built_, not_read_, options_.format)};
  }
  if (options_.find_index != FindIndexMode::never) {
    const StreamReader read = [this](uint64_t offset, uint64_t size, std::string& out) {
      return writer_.read_written_stream(offset, size, out);
    };
    bool blocks_written = false;
    for (uint32_t s = 0; s < built_->sessions.size(); ++s) {
      if (!wants_find_index(*built_, s, options_.find_index)) continue;
      if (!blocks_written) AGENTREEL_TRY(writer_.write_blocks());
      blocks_written = true;
      ++summary.indexed_sessions;
      AGENTREEL_TRY(build_find_index(*built_, s, read, [&](FindIndexSegment& segment) {
        const std::string content = encode_find_index_segment(segment, options_.writer.index_level);
        summary.find_index_bytes += kSectionHeaderSize + content.size();
        return writer_.write_find_index_segment(content);
      }));
    }
  }
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

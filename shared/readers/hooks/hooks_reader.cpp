// Hook decision log reader (see hooks_reader.h). The first non-blank line decides the layout: a line
// that is JSON on its own means JSONL; a line that opens a JSON value ("{", "[") means one pretty-printed
// document, buffered to the end (up to max_record_bytes). A document that does not parse, but whose later
// lines do, is read as JSONL after all (a JSONL file with a broken first line).
#include "readers/hooks/hooks_reader.h"

#include <limits>

#include "readers/hooks/hook_record.h"
#include "readers/json_line.h"
#include "readers/line_splitter.h"

namespace agentreel {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

bool opens_document(std::string_view line) {
  const size_t first = line.find_first_not_of(" \t\r");
  return first != std::string_view::npos && (line[first] == '{' || line[first] == '[');
}

// Where a record sits in the input, for its RecordRef and for skip reports.
struct Position {
  uint64_t line = 1;    // 1-based
  uint64_t offset = 0;  // byte offset of the record's first byte in the input
  uint64_t length = 0;
};

class HooksReader final : public FormatReader {
 public:
  explicit HooksReader(const ReaderContext& context) : context_(context), lines_(context.max_record_bytes) {}

  Status feed(std::string_view chunk) override {
    if (!fatal_.is_ok()) return fatal_;
    switch (mode_) {
      case Mode::undecided:
        pending_.append(chunk);
        decide(false);
        break;
      case Mode::lines:
        lines_.feed(chunk, line_handler());
        break;
      case Mode::document:
        keep_document(chunk);
        break;
    }
    return fatal_;
  }

  Status finish() override {
    if (!fatal_.is_ok()) return fatal_;
    if (mode_ == Mode::undecided) decide(true);
    if (!fatal_.is_ok()) return fatal_;
    if (mode_ == Mode::lines) {
      lines_.finish(line_handler());
    } else if (mode_ == Mode::document) {
      finish_document();
    }
    return fatal_;
  }

  uint64_t records() const override { return records_; }

 private:
  enum class Mode { undecided, lines, document };

  LineSplitter::Handler line_handler() {
    return [this](const Line& line) { return handle_line(line); };
  }
  TraceSink& sink() { return *context_.sink; }

  void decide(bool at_end);
  void keep_document(std::string_view chunk);
  void finish_document();
  bool later_lines_are_json();
  bool handle_line(const Line& line);
  bool handle_root(element root, const Position& at);
  void emit(const HookRecord& record, const Position& at);
  // Returns false only when a fatal error (strict mode) stops reading.
  bool skip(const Position& at, SkipReason reason, std::string detail);

  ReaderContext context_;
  LineSplitter lines_;
  JsonLineParser parser_;
  JsonLineParser stdout_parser_;  // a response's "stdout" JSON text, parsed beside the record
  Status fatal_;
  uint64_t records_ = 0;

  Mode mode_ = Mode::undecided;
  std::string pending_;       // undecided: every byte so far
  size_t line_start_ = 0;     // undecided: start of the first line not yet known to be blank
  size_t scanned_ = 0;        // undecided: bytes already searched for that line's newline
  uint64_t line_number_ = 1;  // undecided: number of the line at line_start_

  std::string document_;        // document mode: the whole input (dropped once over the record cap)
  uint64_t document_size_ = 0;  // document mode: bytes of the whole input
  bool document_too_large_ = false;
  Position document_start_;  // the line and byte where the document's first non-blank byte sits
};

void HooksReader::decide(bool at_end) {
  for (;;) {
    size_t newline = pending_.find('\n', scanned_);
    if (newline == std::string::npos) {
      scanned_ = pending_.size();
      const bool oversized = pending_.size() - line_start_ > context_.max_record_bytes;
      if (!at_end && !oversized) return;  // wait for the rest of the line
      newline = pending_.size();
    }
    const std::string_view line(pending_.data() + line_start_, newline - line_start_);
    if (is_blank(line) && newline < pending_.size()) {
      line_start_ = scanned_ = newline + 1;
      ++line_number_;
      continue;
    }
    element root;
    const bool is_json_line = !is_blank(line) && line.size() <= context_.max_record_bytes && !parser_.parse(line, root);
    mode_ = !is_json_line && opens_document(line) ? Mode::document : Mode::lines;
    if (mode_ == Mode::document) {
      document_start_ = {line_number_, line_start_ + line.find_first_not_of(" \t\r"), 0};
      std::string bytes = std::move(pending_);
      pending_ = {};
      keep_document(bytes);
    } else {
      lines_.feed(pending_, line_handler());
      pending_ = {};
    }
    return;
  }
}

void HooksReader::keep_document(std::string_view chunk) {
  document_size_ += chunk.size();
  if (document_too_large_) return;
  if (document_size_ > context_.max_record_bytes) {
    document_too_large_ = true;
    document_ = {};
    return;
  }
  document_.append(chunk);
}

bool HooksReader::later_lines_are_json() {
  size_t start = document_.find('\n', document_start_.offset);
  while (start != std::string::npos) {
    ++start;
    size_t end = document_.find('\n', start);
    const std::string_view line(document_.data() + start, (end == std::string::npos ? document_.size() : end) - start);
    element root;
    object record;
    if (!is_blank(line) && !parser_.parse(line, root) && !root.get_object().get(record)) return true;
    start = end;
  }
  return false;
}

void HooksReader::finish_document() {
  Position at = document_start_;
  if (document_too_large_) {
    at.length = document_size_ - at.offset;
    skip(at, SkipReason::too_large,
         "a JSON document of " + std::to_string(at.length) + " bytes exceeds the " +
             std::to_string(context_.max_record_bytes) + "-byte record limit");
    return;
  }
  const size_t last = document_.find_last_not_of(" \t\r\n");
  at.length = last + 1 - at.offset;
  const std::string_view text(document_.data() + at.offset, at.length);
  element root;
  if (auto error = parser_.parse(text, root)) {
    if (later_lines_are_json()) {  // JSONL after all, with a broken first line
      mode_ = Mode::lines;
      if (lines_.feed(document_, line_handler())) lines_.finish(line_handler());
      return;
    }
    skip(at, SkipReason::invalid_json,
         std::string("expected one JSON object per line, or one JSON document: ") + simdjson::error_message(error));
    return;
  }
  handle_root(root, at);
}

bool HooksReader::skip(const Position& at, SkipReason reason, std::string detail) {
  fatal_ = report_bad_record(context_, at.line, at.offset, reason, std::move(detail));
  return fatal_.is_ok();
}

bool HooksReader::handle_line(const Line& line) {
  const Position at{line.number, line.offset, line.raw_length};
  if (line.too_large) {
    return skip(at, SkipReason::too_large,
                "record of " + std::to_string(line.raw_length) + " bytes exceeds the " +
                    std::to_string(context_.max_record_bytes) + "-byte record limit");
  }
  if (is_blank(line.text)) return true;
  element root;
  if (auto error = parser_.parse(line.text, root)) {
    return skip(at, line.terminated ? SkipReason::invalid_json : SkipReason::partial_line,
                std::string("expected one JSON object per line: ") + simdjson::error_message(error));
  }
  return handle_root(root, at);
}

bool HooksReader::handle_root(element root, const Position& at) {
  object record;
  if (root.get_object().get(record)) {
    return skip(at, SkipReason::wrong_type,
                root.is_array() ? "expected a JSON object per record; a JSON array of records is not supported"
                                : "expected a JSON object, got another value");
  }
  HookRecord hook;
  HookRecordError error;
  if (!read_hook_record(record, stdout_parser_, hook, error)) return skip(at, error.reason, std::move(error.detail));
  ++records_;
  emit(hook, at);
  return true;
}

void HooksReader::emit(const HookRecord& record, const Position& at) {
  SpanOpen span;
  span.session = sink().session(record.session_id);
  span.kind = SpanKind::hook;
  span.name = record.name;
  span.record = RecordRef{context_.stream_offset + at.offset, uint32_t(at.length)};
  int64_t end_ns = 0;
  if (record.time_ns) {
    span.start_ns = record.time_marks_end ? *record.time_ns - record.duration_ns : *record.time_ns;
    end_ns = span.start_ns > std::numeric_limits<int64_t>::max() - record.duration_ns
                 ? std::numeric_limits<int64_t>::max()
                 : span.start_ns + record.duration_ns;
  } else {
    span.start_ns = int64_t(at.line) * 1'000'000'000;  // ordinal: the record's line
    end_ns = span.start_ns;
    span.flags |= kFlagOrdinalTime;
  }
  const SpanHandle h = sink().add_span(span, end_ns, record.status);
  if (!record.decision.empty()) sink().attribute(h, "decision", record.decision);
  if (!record.reason.empty()) sink().attribute(h, "reason", record.reason);
  if (!record.policy.empty()) sink().attribute(h, "policy", record.policy);
  if (!record.tool_name.empty()) sink().attribute(h, "tool_name", record.tool_name);
  if (!record.event.empty()) sink().attribute(h, "trigger_event", record.event);
  if (!record.error.empty()) sink().attribute(h, "error", record.error);
  if (!record.time_ns) return;
  if (!record.tool_use_id.empty()) {
    sink().link_parent(h, record.tool_use_id);
  } else if (!record.tool_name.empty()) {
    sink().link_parent_nearest(h, SpanKind::tool, record.tool_name, span.start_ns, kHookJoinWindowNs);
  }
}

}  // namespace

std::unique_ptr<FormatReader> make_hooks_reader(const ReaderContext& context) {
  return std::make_unique<HooksReader>(context);
}

std::string hooks_sniff(std::string_view head) {
  size_t start = 0;
  while (start < head.size()) {
    size_t end = head.find('\n', start);
    if (end == std::string_view::npos) end = head.size();
    const std::string_view line = head.substr(start, end - start);
    if (is_blank(line)) {
      start = end + 1;
      continue;
    }
    JsonLineParser parser;
    element root;
    if (parser.parse(line, root)) {
      if (!opens_document(line)) return "the first record is not valid JSON";
      const std::string_view rest = head.substr(start);
      if (parser.parse(rest.substr(0, rest.find_last_not_of(" \t\r\n") + 1), root)) {
        return "the first record is not valid JSON (nor is the input one JSON document within its first " +
               std::to_string(head.size()) + " bytes)";
      }
    }
    object record;
    if (root.get_object().get(record)) return "the first record is not a JSON object";
    std::string_view ignored;
    if (!record["type"].get_string().get(ignored) &&
        (!record["session_id"].get_string().get(ignored) || !record["sessionId"].get_string().get(ignored))) {
      return "the first record has \"type\" and a session id (an AgentEye event or a Claude Code transcript record)";
    }
    if (classify_hook_record(record) == HookForm::none) {
      return "the first record has neither \"eventType\" + \"decision\" (failproofai hook activity) nor "
             "\"hook_event_name\" (a Claude Code hook payload)";
    }
    return {};
  }
  return "no complete record in the first bytes";
}

}  // namespace agentreel

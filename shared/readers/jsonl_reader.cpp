// The JSON-lines reader skeleton (see jsonl_reader.h). The first non-blank line decides the layout when the format
// also takes documents: a line that is JSON on its own means JSON lines; a line that opens a JSON value ("{",
// "[") means one document, buffered to the end (up to max_record_bytes). A document that does not parse, but
// whose later lines do, is read as JSON lines after all (a JSON-lines file with a broken first line).
#include "readers/jsonl_reader.h"

#include "core/json_extents.h"

namespace agentreel {
namespace {

namespace je = json_extents;

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

char first_byte(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos ? '\0' : text[first];
}

// The member of the object at `begin` (in `text`) under the first of `keys` it has whose value is an array.
const je::Member* records_member(const std::vector<je::Member>& members, const std::vector<std::string_view>& keys,
                                 std::string_view text) {
  for (std::string_view key : keys) {
    const je::Member* member = je::find_member(members, key);
    if (member && member->value.begin < text.size() && text[member->value.begin] == '[') return member;
  }
  return nullptr;
}

}  // namespace

JsonlReader::JsonlReader(const ReaderContext& context, DocumentLayouts layouts)
    : context_(context),
      layouts_(std::move(layouts)),
      lines_(context.max_record_bytes),
      mode_(layouts_.any() ? Mode::undecided : Mode::lines) {}

Status JsonlReader::feed(std::string_view chunk) {
  if (!fatal_.is_ok()) return fatal_;
  switch (mode_) {
    case Mode::undecided:
      pending_.append(chunk);
      decide(false);
      break;
    case Mode::lines: lines_.feed(chunk, [this](const Line& line) { return handle(line); }); break;
    case Mode::document: keep_document(chunk); break;
  }
  return fatal_;
}

Status JsonlReader::finish() {
  if (!fatal_.is_ok()) return fatal_;
  if (mode_ == Mode::undecided) decide(true);
  if (!fatal_.is_ok()) return fatal_;
  if (mode_ == Mode::document) {
    finish_document();
  } else if (!lines_.finish([this](const Line& line) { return handle(line); })) {
    return fatal_;
  }
  if (fatal_.is_ok()) on_finish();
  return fatal_;
}

bool JsonlReader::skip(const Line& line, SkipReason reason, std::string detail) {
  return skip_at(line.number, line.offset, reason, std::move(detail));
}

bool JsonlReader::skip_at(uint64_t line, uint64_t byte_offset, SkipReason reason, std::string detail) {
  fatal_ = report_bad_record(context_, line, byte_offset, reason, std::move(detail));
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
    const SkipReason reason = line.terminated ? SkipReason::invalid_json : SkipReason::partial_line;
    if (locate_errors_within_lines_) {
      if (const std::optional<je::SyntaxError> bad = je::find_syntax_error(line.text)) {
        return skip_at(line.number, line.offset + bad->offset, reason,
                       "expected one JSON object per line: " + bad->expected);
      }
    }
    return skip(line, reason, std::string("expected one JSON object per line: ") + simdjson::error_message(error));
  }
  simdjson::dom::object record;
  if (root.get_object().get(record)) {
    return skip(line, SkipReason::wrong_type,
                root.is_array() && !layouts_.record_array
                    ? "expected a JSON object per record; this format does not read a JSON array of records"
                    : "expected a JSON object, got another value");
  }
  return on_record(record, line, ref_of(line.offset, line.raw_length));
}

// Whether the first non-blank line starts the one document of the input rather than the first of many lines.
bool JsonlReader::opens_document(std::string_view first_line) {
  const char first = first_byte(first_line);
  if (first == '[') return layouts_.record_array;
  if (first != '{') return false;
  simdjson::dom::element root;
  if (first_line.size() <= context_.max_record_bytes && !parser_.parse(first_line, root)) {
    // JSON on its own: a line of a JSON-lines file, unless it is the object that holds the records.
    if (layouts_.array_keys.empty()) return false;
    simdjson::dom::object object;
    if (root.get_object().get(object)) return false;
    for (std::string_view key : layouts_.array_keys) {
      if (object[key].is_array()) return true;
    }
    return false;
  }
  return layouts_.single_object || !layouts_.array_keys.empty();
}

void JsonlReader::decide(bool at_end) {
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
    if (!is_blank(line) && opens_document(line)) {
      mode_ = Mode::document;
      document_line_ = line_number_;
      document_offset_ = line_start_ + line.find_first_not_of(" \t\r");
      std::string bytes = std::move(pending_);
      pending_ = {};
      keep_document(bytes);
    } else {
      mode_ = Mode::lines;
      lines_.feed(pending_, [this](const Line& l) { return handle(l); });
      pending_ = {};
    }
    return;
  }
}

void JsonlReader::keep_document(std::string_view chunk) {
  document_size_ += chunk.size();
  if (document_too_large_) return;
  if (document_size_ > context_.max_record_bytes || document_size_ > UINT32_MAX) {  // RecordRef lengths are 32-bit
    document_too_large_ = true;
    document_ = {};
    return;
  }
  document_.append(chunk);
}

bool JsonlReader::later_lines_are_json(size_t from) {
  size_t start = document_.find('\n', from);
  while (start != std::string::npos) {
    ++start;
    const size_t end = document_.find('\n', start);
    const std::string_view line(document_.data() + start, (end == std::string::npos ? document_.size() : end) - start);
    simdjson::dom::element root;
    simdjson::dom::object record;
    if (!is_blank(line) && !parser_.parse(line, root) && !root.get_object().get(record)) return true;
    start = end;
  }
  return false;
}

void JsonlReader::finish_document() {
  if (document_too_large_) {
    skip_at(document_line_, document_offset_, SkipReason::too_large,
            "a JSON document of " + std::to_string(document_size_ - document_offset_) + " bytes exceeds the " +
                std::to_string(std::min<uint64_t>(context_.max_record_bytes, UINT32_MAX)) + "-byte record limit");
    return;
  }
  const size_t last = document_.find_last_not_of(" \t\r\n");
  Line document;
  document.number = document_line_;
  document.offset = document_offset_;
  document.raw_length = last + 1 - document_offset_;
  document.text = std::string_view(document_).substr(document_offset_, document.raw_length);
  simdjson::dom::element root;
  if (auto error = parser_.parse(document.text, root)) {
    if (later_lines_are_json(document_offset_)) {  // JSON lines after all, with a broken first line
      mode_ = Mode::lines;
      if (lines_.feed(document_, [this](const Line& line) { return handle(line); })) {
        lines_.finish([this](const Line& line) { return handle(line); });
      }
      return;
    }
    // Located at the byte where the document stops being JSON.
    const std::optional<je::SyntaxError> bad = je::find_syntax_error(document.text);
    const size_t at = bad ? bad->offset : 0;
    skip_at(document_line_ + je::line_of(document.text, at) - 1, document_offset_ + at, SkipReason::invalid_json,
            "expected one JSON object per line, or one JSON document: " +
                (bad ? bad->expected : std::string(simdjson::error_message(error))));
    return;
  }
  on_document(root, document, ref_of(document.offset, document.raw_length));
}

bool JsonlReader::on_document(simdjson::dom::element root, const Line& document, RecordRef ref) {
  simdjson::dom::array array;
  if (!root.get_array().get(array)) {
    if (!layouts_.record_array) return skip(document, SkipReason::wrong_type, "expected a JSON object, not an array");
    return read_array_records(array, document, 0);
  }
  simdjson::dom::object object;
  if (root.get_object().get(object)) return skip(document, SkipReason::wrong_type, "expected a JSON object or array");
  if (!layouts_.array_keys.empty()) {
    const std::vector<je::Member> members = je::object_members(document.text, 0);
    if (const je::Member* member = records_member(members, layouts_.array_keys, document.text)) {
      simdjson::dom::array records;
      if (!object[member->key].get_array().get(records)) {
        return read_array_records(records, document, member->value.begin);
      }
    }
  }
  if (layouts_.single_object) return on_record(object, document, ref);
  std::string keys;
  for (std::string_view key : layouts_.array_keys) keys += (keys.empty() ? "\"" : ", \"") + std::string(key) + "\"";
  return skip(document, SkipReason::missing_field, "expected the records as an array under " + keys);
}

bool JsonlReader::read_array_records(simdjson::dom::array array, const Line& document, size_t array_begin) {
  const std::vector<je::Extent> extents = je::array_elements(document.text, array_begin);
  uint64_t line_number = document.number;
  size_t counted_to = 0;  // newlines of document.text before this byte are in line_number
  size_t index = 0;
  for (simdjson::dom::element value : array) {
    // simdjson and the scanner read the same validated text, so their counts agree; the whole document is the
    // fallback payload only if they ever did not.
    const je::Extent extent =
        index < extents.size() && extents[index].complete() ? extents[index] : je::Extent{0, document.text.size()};
    ++index;
    for (; counted_to < extent.begin; ++counted_to) line_number += document.text[counted_to] == '\n';
    Line element;
    element.text = document.text.substr(extent.begin, extent.size());
    element.number = line_number;
    element.offset = document.offset + extent.begin;
    element.raw_length = extent.size();
    simdjson::dom::object record;
    if (value.get_object().get(record)) {
      if (!skip(element, SkipReason::wrong_type,
                "expected a JSON object as element " + std::to_string(index - 1) + " of the array of records")) {
        return false;
      }
      continue;
    }
    if (!on_record(record, element, ref_of(element.offset, element.raw_length))) return false;
  }
  return true;
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

std::optional<FirstJsonRecord> first_json_record(std::string_view head,
                                                 const std::vector<std::string_view>& array_keys) {
  const std::optional<FirstRecordLine> line = first_record_line(head);
  if (!line) return std::nullopt;
  const size_t begin = size_t(line->text.data() - head.data()) + line->text.find_first_not_of(" \t");
  const auto element_of_array = [&](size_t array_begin) -> std::optional<FirstJsonRecord> {
    const std::vector<je::Extent> elements = je::array_elements(head, array_begin);
    if (elements.empty()) return std::nullopt;
    const je::Extent first = elements.front();
    return FirstJsonRecord{head.substr(first.begin, first.complete() ? first.size() : std::string_view::npos),
                           first.complete(), true};
  };
  if (head[begin] == '[') return element_of_array(begin);
  if (head[begin] != '{') return FirstJsonRecord{line->text, line->complete, false};
  const std::vector<je::Member> members = je::object_members(head, begin);
  if (const je::Member* member = records_member(members, array_keys, head))
    return element_of_array(member->value.begin);
  if (!line->complete) return FirstJsonRecord{line->text, false, false};  // a line longer than the head
  if (!je::find_syntax_error(line->text)) return FirstJsonRecord{line->text, true, false};
  const size_t end = je::value_end(head, begin);  // a pretty-printed object
  return FirstJsonRecord{head.substr(begin, end == je::kNpos ? std::string_view::npos : end - begin), end != je::kNpos,
                         true};
}

}  // namespace agentreel

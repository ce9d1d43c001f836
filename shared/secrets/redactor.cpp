// Redaction (see redactor.h).
#include "secrets/redactor.h"

#include "core/base64.h"
#include "secrets/byte_classes.h"
#include "secrets/escapes.h"

namespace agentreel::secrets {
namespace {

// A range from a caller's pattern may cut an escape sequence or run past a string's closing quote; replacing it
// as is would break the JSON around it. Widen it over a cut escape and stop it before an unescaped quote.
void keep_json_intact(std::string_view bytes, size_t& begin, size_t& end) {
  begin -= std::min(begin, backslashes_before(bytes, begin));
  const size_t run = backslashes_before(bytes, end);
  if (run % 2 == 1 && end < bytes.size()) end += bytes[end] == 'u' ? std::min<size_t>(5, bytes.size() - end) : 1;
  for (size_t i = begin; i < end; ++i) {
    if (bytes[i] == '"' && backslashes_before(bytes, i) == 0) {
      end = i;
      break;
    }
  }
  while (end > begin && bytes[end - 1] == '\\') --end;
}

// The base64 quads [begin, end) with decoded bytes [decoded_begin, decoded_end) replaced by `placeholder`. Quads
// inside a payload must stay a whole number of quads, so the placeholder is padded with spaces to keep the decoded
// length a multiple of 3; the payload's last quads (ending in '=') may change length freely.
bool reencode(std::string_view quads, const Finding& finding, const std::string& placeholder, std::string& out) {
  std::string decoded(quads.size() / 4 * 3 + 3, '\0');
  Base64Decoder decoder;
  const int64_t made = decoder.feed(quads, reinterpret_cast<uint8_t*>(decoded.data()));
  if (made < 0 || !decoder.finish() || finding.decoded_end > uint64_t(made) ||
      finding.decoded_begin > finding.decoded_end) {
    return false;
  }
  decoded.resize(size_t(made));
  std::string replaced = decoded.substr(0, finding.decoded_begin) + placeholder;
  const std::string tail = decoded.substr(finding.decoded_end);
  const bool payload_end = !quads.empty() && quads.back() == '=';
  if (!payload_end) {
    while ((replaced.size() + tail.size()) % 3 != 0) replaced += ' ';
  }
  out = base64_encode(replaced + tail);  // no '=' inside a payload: the length is a multiple of 3
  return true;
}

}  // namespace

void redact_stretch(uint64_t offset, std::string_view stretch, std::span<const Finding> findings, PlaceholderBook& book,
                    uint64_t redacted_offset, std::string& out, std::vector<Replacement>& replacements) {
  size_t copied = 0;  // stretch bytes before this are in `out`
  const size_t out_start = out.size();
  for (const Finding& finding : findings) {
    size_t begin = size_t(finding.begin - offset);
    size_t end = size_t(finding.end - offset);
    if (finding.rule->kind == SecretKind::custom) keep_json_intact(stretch, begin, end);
    if (begin < copied) begin = copied;  // widened over the previous replacement: never copy bytes twice
    if (end <= begin) continue;
    const uint32_t number = book.number_for(finding);
    const std::string placeholder = book.placeholder(number);
    std::string replacement;
    Encoding encoding = finding.encoding;
    if (encoding != Encoding::base64 ||
        !reencode(stretch.substr(begin, end - begin), finding, placeholder, replacement)) {
      replacement = placeholder;
      encoding = Encoding::plain;
    }
    out.append(stretch.substr(copied, begin - copied));
    Replacement record;
    record.secret = number - 1;
    record.original_offset = offset + begin;
    record.original_length = uint32_t(end - begin);
    record.redacted_offset = redacted_offset + (out.size() - out_start);
    record.redacted_length = uint32_t(replacement.size());
    record.encoding = encoding;
    replacements.push_back(record);
    out += replacement;
    copied = end;
  }
  out.append(stretch.substr(copied));
}

StreamRedactor::StreamRedactor(const Scanner& scanner, PlaceholderBook& book, Output output)
    : book_(book),
      output_(std::move(output)),
      stream_(scanner, [this](uint64_t offset, std::string_view bytes, std::span<const Finding> findings) {
        if (!status_.is_ok()) return;
        buffer_.clear();
        redact_stretch(offset, bytes, findings, book_, redacted_size_, buffer_, replacements_);
        redacted_size_ += buffer_.size();
        status_ = output_(buffer_);
      }) {}

Status StreamRedactor::feed(std::string_view chunk) {
  if (status_.is_ok()) stream_.feed(chunk);
  return status_;
}

Status StreamRedactor::finish() {
  if (status_.is_ok()) stream_.finish();
  return status_;
}

}  // namespace agentreel::secrets

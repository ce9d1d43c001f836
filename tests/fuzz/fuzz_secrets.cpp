// Fuzz target: the secrets scanner and the redactor on arbitrary bytes. Scanner::find_secrets: every finding lies
// inside the input, findings are sorted and disjoint, and a masked preview never shows a whole value longer than 8
// bytes. StreamRedactor (fed in chunks of 5 bytes to 1 MiB, picked from the input): every replacement lies inside
// the input and the output, the bytes between replacements come through unchanged, its size is what it reports,
// and a valid JSON document (or JSONL whose lines are all valid) stays valid.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_extents.h"
#include "fuzz_support.h"
#include "secrets/redactor.h"
#include "secrets/scanner.h"

namespace {

using agentreel::fuzz::require;
namespace secrets = agentreel::secrets;

bool valid_json(std::string_view text) { return !agentreel::json_extents::find_syntax_error(text).has_value(); }

// The lines of `text` (without their '\n'), or nothing when one is not valid JSON.
bool split_valid_lines(std::string_view text, std::vector<std::string_view>& lines) {
  lines.clear();
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    if (!valid_json(lines.back())) return false;
    start = end + 1;
  }
  return !lines.empty();
}

void check_findings(const secrets::Scanner& scanner, std::string_view input) {
  const std::vector<secrets::Finding> findings = scanner.find_secrets(input);
  uint64_t previous_end = 0;
  for (const secrets::Finding& f : findings) {
    require(f.rule != nullptr);
    require(f.begin < f.end && f.end <= input.size() && f.begin >= previous_end);
    previous_end = f.end;
    if (f.encoding == secrets::Encoding::base64) require(f.decoded_begin <= f.decoded_end);
    const std::string preview = secrets::masked_preview(f);
    const std::string_view matched = input.substr(f.begin, f.end - f.begin);
    if (f.value.size() > 8) require(preview.find(f.value) == std::string::npos);
    if (matched.size() > 8) require(preview != matched);
    (void)secrets::label(*f.rule);
  }
}

void check_redaction(const secrets::Scanner& scanner, std::string_view input) {
  secrets::PlaceholderBook book;
  std::string out;
  secrets::StreamRedactor redactor(scanner, book, [&](std::string_view piece) {
    out.append(piece);
    return agentreel::Status::ok();
  });
  const size_t chunk = agentreel::fuzz::chunk_for(input);
  for (size_t at = 0; at < input.size(); at += chunk) require(redactor.feed(input.substr(at, chunk)).is_ok());
  require(redactor.finish().is_ok());
  require(redactor.redacted_size() == out.size());
  // Between replacements the bytes are the input's, shifted by what the replacements before changed.
  uint64_t in_at = 0, out_at = 0;
  for (const secrets::Replacement& r : redactor.replacements()) {
    require(r.original_offset >= in_at && r.original_offset + r.original_length <= input.size());
    require(r.redacted_offset == out_at + (r.original_offset - in_at));
    require(r.redacted_offset + r.redacted_length <= out.size());
    require(input.substr(in_at, r.original_offset - in_at) ==
            std::string_view(out).substr(out_at, r.original_offset - in_at));
    in_at = r.original_offset + r.original_length;
    out_at = r.redacted_offset + r.redacted_length;
  }
  require(input.size() - in_at == out.size() - out_at);
  require(input.substr(in_at) == std::string_view(out).substr(out_at));
  if (redactor.replacements().empty()) return;
  if (valid_json(input)) require(valid_json(out));
  std::vector<std::string_view> before, after;
  if (split_valid_lines(input, before)) {
    // Placeholders hold no newline: unless a replaced secret spanned lines, each line stays a valid document.
    if (std::count(input.begin(), input.end(), '\n') == std::count(out.begin(), out.end(), '\n')) {
      require(split_valid_lines(out, after));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const secrets::Scanner scanner;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  check_findings(scanner, input);
  check_redaction(scanner, input);
  return 0;
}

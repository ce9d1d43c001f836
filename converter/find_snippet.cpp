// The snippets `find` shows (see find_snippet.h).
#include "find_snippet.h"

#include "core/text.h"
#include "find/find_scan.h"
#include "model/span_text.h"

namespace agentreel::cli {
namespace {

constexpr size_t kSnippetContext = 60;

}  // namespace

// The text around the first needle found in the span's facts, on one line; "" when none holds one.
std::string find_text_snippet(const Trace& trace, const RecordReader& read, uint32_t span, const FindQuery& query) {
  const auto [first, last] = trace.texts.rows_of(span);
  for (size_t row = first; row < last; ++row) {
    const TextRole role = trace.texts.roles()[row];
    size_t nth = 0;
    for (size_t earlier = first; earlier < row; ++earlier) nth += trace.texts.roles()[earlier] == role;
    const std::optional<std::string> text = span_text(trace, read, span, role, nth, 1 << 20);
    if (!text) continue;
    for (const FindQuery::Needle& needle : query.text_needles()) {
      const size_t at = find_folded(*text, needle.text);
      if (at == std::string::npos) continue;
      size_t from = at > kSnippetContext ? at - kSnippetContext : 0;
      while (from > 0 && (static_cast<unsigned char>((*text)[from]) & 0xC0) == 0x80) --from;
      std::string window(
          utf8_prefix(std::string_view(*text).substr(from), at - from + needle.text.size() + kSnippetContext));
      for (char& c : window) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
      }
      return std::string(text_role_name(role)) + ": " + (from > 0 ? "\xE2\x80\xA6" : "") + window +
             (from + window.size() < text->size() ? "\xE2\x80\xA6" : "");
    }
  }
  return {};
}

// What the span is, in one line: a call's summary, a prompt's or reply's first line, else its name.
std::string find_span_snippet(const Trace& trace, const RecordReader& read, uint32_t span) {
  switch (trace.spans.kind[span]) {
    case SpanKind::tool: return call_summary(trace, read, span, 160);
    case SpanKind::human:
    case SpanKind::agent:
      if (auto prompt = span_text(trace, read, span, TextRole::prompt, 0, 4096)) {
        return std::string(first_line(*prompt, 160));
      }
      break;
    case SpanKind::model:
      if (auto reply = span_text(trace, read, span, TextRole::reply, 0, 4096))
        return std::string(first_line(*reply, 160));
      break;
    default: break;
  }
  return std::string(trace.name_of(span));
}

std::string find_snippet(const Trace& trace, const RecordReader& read, uint32_t span, const FindQuery& query) {
  std::string snippet = find_text_snippet(trace, read, span, query);
  return snippet.empty() ? find_span_snippet(trace, read, span) : snippet;
}

}  // namespace agentreel::cli

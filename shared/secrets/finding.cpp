// Labels and masked previews of findings (see finding.h).
#include "secrets/finding.h"

#include <algorithm>

namespace agentreel::secrets {
namespace {

// Characters (not bytes) of a UTF-8 string: a preview must not cut a multibyte character in half.
size_t utf8_char_start(std::string_view text, size_t at) {
  while (at > 0 && at < text.size() && (uint8_t(text[at]) & 0xC0) == 0x80) --at;
  return at;
}

}  // namespace

std::string label(const RuleInfo& rule) {
  std::string out(kind_slug(rule.kind));
  if (!rule.provider.empty()) {
    out += ' ';
    out += rule.provider;
  }
  return out;
}

std::string masked_preview(const Finding& finding) {
  const std::string_view value = finding.value;
  const size_t n = value.size();
  // Reveal at most a quarter of the value, split between its two ends, and never more than 2 + 2 characters
  // beyond the format's public prefix.
  const size_t prefix = std::min(finding.rule->public_prefix, n / 2);
  const size_t secret_part = n - prefix;
  const size_t budget = std::min<size_t>(secret_part / 4, 4);
  const size_t head = prefix + (budget + 1) / 2;
  const size_t tail = budget / 2;
  std::string out(value.substr(0, utf8_char_start(value, head)));
  for (char& c : out) {
    if (uint8_t(c) < 0x20) c = ' ';  // a private key's newline, a tab: keep the preview on one line
  }
  out += "\xE2\x80\xA6";  // …
  const size_t tail_start = utf8_char_start(value, n - tail);
  for (char c : value.substr(tail_start)) out += uint8_t(c) < 0x20 ? ' ' : c;
  out += " (" + std::to_string(n) + " chars)";
  return out;
}

}  // namespace agentreel::secrets

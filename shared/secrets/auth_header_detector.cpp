// Credentials after an HTTP authorization scheme word: "Bearer <token>" (curl -v output, request logs, code that
// builds headers) and "Basic <base64 of user:password>". The word may be in any case; a bearer token must look
// generated (prose such as "bearer of the token" is not one), a basic credential must decode to user:password.
#include <string>

#include "core/base64.h"
#include "secrets/byte_classes.h"
#include "secrets/detectors.h"
#include "secrets/entropy.h"
#include "secrets/escapes.h"

namespace agentreel::secrets {
namespace {

const RuleInfo kBearer{"bearer-token", SecretKind::bearer_token, "", kRankHeader};
const RuleInfo kBasic{"basic-auth", SecretKind::basic_auth, "", kRankHeader};

bool starts_with_folded(std::string_view text, size_t at, std::string_view lower_word) {
  if (text.size() - at < lower_word.size()) return false;
  for (size_t i = 0; i < lower_word.size(); ++i) {
    if (ascii_lower(uint8_t(text[at + i])) != uint8_t(lower_word[i])) return false;
  }
  return true;
}

// One or more spaces (or tabs) after the scheme word; returns where the credential starts, 0 if none.
size_t skip_separator(std::string_view text, size_t at) {
  size_t p = at;
  while (p < text.size() && p - at < 8 && (text[p] == ' ' || text[p] == '\t')) ++p;
  return p > at ? p : 0;
}

void find_bearer(std::string_view text, size_t at, std::vector<Finding>& out) {
  const size_t start = skip_separator(text, at + 6);
  if (!start) return;
  // RFC 6750 token68: ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/", then '=' padding.
  size_t end = start;
  while (end < text.size() && end - start < 4096 &&
         in_class(uint8_t(text[end]), kTokenBody | kDot | kTilde | kPlus | kSlash)) {
    ++end;
  }
  while (end < text.size() && text[end] == '=') ++end;
  while (end > start && text[end - 1] == '.') --end;  // the full stop of a sentence
  const std::string_view token = text.substr(start, end - start);
  if (token.size() < 20 || !looks_random(token, 20) || looks_like_placeholder(token)) return;
  Finding finding;
  finding.begin = start;
  finding.end = end;
  finding.rule = &kBearer;
  finding.value = std::string(token);
  out.push_back(std::move(finding));
}

void find_basic(std::string_view text, size_t at, std::vector<Finding>& out) {
  const size_t start = skip_separator(text, at + 5);
  if (!start) return;
  size_t end = start;
  while (end < text.size() && end - start < 1024 && in_class(uint8_t(text[end]), kBase64Body)) ++end;
  while (end < text.size() && end - start < 1024 && text[end] == '=') ++end;
  const std::string_view encoded = text.substr(start, end - start);
  if (encoded.size() < 8 || encoded.size() % 4 != 0) return;
  if (end < text.size() && in_class(uint8_t(text[end]), kWord)) return;
  std::string decoded(encoded.size() / 4 * 3 + 3, '\0');
  Base64Decoder decoder;
  const int64_t made = decoder.feed(encoded, reinterpret_cast<uint8_t*>(decoded.data()));
  if (made <= 0 || !decoder.finish()) return;
  decoded.resize(size_t(made));
  const size_t colon = decoded.find(':');
  if (colon == std::string::npos || colon + 1 >= decoded.size()) return;
  for (char c : decoded) {
    if (uint8_t(c) < 0x20 || uint8_t(c) == 0x7F) return;
  }
  if (looks_like_placeholder(decoded.substr(colon + 1))) return;
  Finding finding;
  finding.begin = start;
  finding.end = end;
  finding.rule = &kBasic;
  finding.value = std::move(decoded);
  out.push_back(std::move(finding));
}

}  // namespace

void detect_auth_header(const DetectInput& input, std::vector<Finding>& out) {
  const std::string_view text = input.text;
  const size_t at = input.at;
  if (!token_boundary_before(text, at)) return;
  if (starts_with_folded(text, at, "bearer")) {
    find_bearer(text, at, out);
  } else if (starts_with_folded(text, at, "basic")) {
    find_basic(text, at, out);
  }
}

}  // namespace agentreel::secrets

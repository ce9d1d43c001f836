// Provider formats that are not "prefix + body", each checked in place from its trigger: AWS access key ids and
// the secret access key that follows one (a credential pair as `aws configure`, a CSV export or an env dump shows
// it), Telegram bot tokens (bot id ":AA..."), Azure AD client secrets ("xxx9Q~..."), Discord bot tokens (the
// first segment is a base64 user id).
#include <string>

#include "core/base64.h"
#include "secrets/byte_classes.h"
#include "secrets/detectors.h"
#include "secrets/entropy.h"
#include "secrets/escapes.h"

namespace agentreel::secrets {

const RuleInfo kAwsSecretAccessKey{"aws-secret-access-key", SecretKind::cloud_credential, "aws", kRankProvider};

namespace {

const RuleInfo kAwsKeyId{"aws-access-key-id", SecretKind::cloud_credential, "aws", kRankProvider, 4};
const RuleInfo kAwsTemporaryKeyId{"aws-temporary-access-key-id", SecretKind::cloud_credential, "aws", kRankProvider, 4};
const RuleInfo kTelegram{"telegram-bot-token", SecretKind::access_token, "telegram", kRankProvider};
const RuleInfo kAzureSecret{"azure-ad-client-secret", SecretKind::cloud_credential, "azure", kRankProvider};
const RuleInfo kDiscord{"discord-bot-token", SecretKind::access_token, "discord", kRankProvider};

size_t run_of(std::string_view text, size_t at, uint16_t classes, size_t max) {
  size_t end = at;
  while (end < text.size() && end - at <= max && in_class(uint8_t(text[end]), classes)) ++end;
  return end - at;
}

bool boundary_after(std::string_view text, size_t at, uint16_t classes) {
  return at >= text.size() || !in_class(uint8_t(text[at]), classes);
}

void add(std::vector<Finding>& out, size_t begin, size_t end, const RuleInfo& rule, std::string value) {
  Finding finding;
  finding.begin = begin;
  finding.end = end;
  finding.rule = &rule;
  finding.value = std::move(value);
  out.push_back(std::move(finding));
}

// A secret access key: 40 bytes of base64 standing alone, mixed case, random.
bool aws_secret_at(std::string_view text, size_t at) {
  if (!token_boundary_before(text, at) || (at > 0 && in_class(uint8_t(text[at - 1]), kPlus | kSlash))) return false;
  if (run_of(text, at, kBase64Body, 40) != 40) return false;
  const std::string_view candidate = text.substr(at, 40);
  bool upper = false, lower = false;
  for (char c : candidate) {
    upper |= c >= 'A' && c <= 'Z';
    lower |= c >= 'a' && c <= 'z';
  }
  return upper && lower && looks_random(candidate, 40) && !looks_like_placeholder(candidate);
}

}  // namespace

void detect_aws_key(const DetectInput& input, std::vector<Finding>& out) {
  const std::string_view text = input.text;
  const size_t at = input.at;
  const std::string_view prefix = text.substr(at, 4);
  const bool temporary = prefix == "ASIA";
  if ((prefix != "AKIA" && !temporary) || !token_boundary_before(text, at)) return;
  if (run_of(text, at + 4, kUpper | kDigit, 16) != 16 || !boundary_after(text, at + 20, kAlnum)) return;
  const std::string_view key_id = text.substr(at, 20);
  if (key_id.find("EXAMPLE") != std::string_view::npos) return;  // AWS's documentation keys (AKIAIOSFODNN7EXAMPLE)
  add(out, at, at + 20, temporary ? kAwsTemporaryKeyId : kAwsKeyId, std::string(key_id));
  // The pair: a secret access key within the next few fields (same line of a CSV, the next line of an env dump).
  const size_t limit = std::min(text.size(), at + 20 + 200);
  for (size_t p = at + 20; p + 40 <= limit; ++p) {
    if (!in_class(uint8_t(text[p]), kBase64Body)) continue;
    if (aws_secret_at(text, p) && boundary_after(text, p + 40, kBase64Body | kEquals)) {
      add(out, p, p + 40, kAwsSecretAccessKey, std::string(text.substr(p, 40)));
      return;
    }
    p += run_of(text, p, kBase64Body, 4096);  // skip the rest of this run: a secret starts a run
  }
}

void detect_telegram_token(const DetectInput& input, std::vector<Finding>& out) {
  // <8-10 digit bot id>:AA<33 base64url bytes>
  const std::string_view text = input.text;
  const size_t colon = input.at;
  if (text.substr(colon, 3) != ":AA") return;
  size_t start = colon;
  while (start > 0 && colon - start < 11 && in_class(uint8_t(text[start - 1]), kDigit)) --start;
  const size_t digits = colon - start;
  if (digits < 8 || digits > 10 || !token_boundary_before(text, start)) return;
  if (run_of(text, colon + 1, kTokenBody, 35) != 35 || !boundary_after(text, colon + 36, kTokenBody)) return;
  add(out, start, colon + 36, kTelegram, std::string(text.substr(start, colon + 36 - start)));
}

void detect_azure_secret(const DetectInput& input, std::vector<Finding>& out) {
  // Azure AD (Entra ID) client secrets: 3 bytes, a digit, "Q~", then 31-34 bytes of [A-Za-z0-9_~.-].
  const std::string_view text = input.text;
  const size_t q = input.at;
  if (text.substr(q, 2) != "Q~" || q < 4) return;
  const uint16_t body = kAlnum | kUnderscore | kTilde | kDot | kDash;
  const size_t start = q - 4;
  for (size_t i = start; i < q - 1; ++i) {
    if (!in_class(uint8_t(text[i]), body)) return;
  }
  if (!in_class(uint8_t(text[q - 1]), kDigit)) return;
  // Nothing of the secret's alphabet glued in front (the letter of an escape such as "\n" does not count).
  if (start > 0 && in_class(uint8_t(text[start - 1]), body) &&
      (!in_class(uint8_t(text[start - 1]), kWord) || !token_boundary_before(text, start))) {
    return;
  }
  const size_t tail = run_of(text, q + 2, body, 40);
  if (tail < 31 || tail > 34) return;
  size_t end = q + 2 + tail;
  add(out, start, end, kAzureSecret, std::string(text.substr(start, end - start)));
}

void detect_discord_token(const DetectInput& input, std::vector<Finding>& out) {
  // base64url(user id).<6 bytes timestamp>.<27-38 bytes HMAC>; the first segment decodes to 17-20 digits.
  const std::string_view text = input.text;
  const size_t at = input.at;
  const char first = text[at];
  if ((first != 'M' && first != 'N' && first != 'O') || !token_boundary_before(text, at)) return;
  const size_t id_length = run_of(text, at, kTokenBody, 28);
  if (id_length < 23 || id_length > 28 || at + id_length >= text.size() || text[at + id_length] != '.') return;
  const size_t stamp = at + id_length + 1;
  const size_t stamp_length = run_of(text, stamp, kTokenBody, 7);
  if (stamp_length < 6 || stamp_length > 7 || stamp + stamp_length >= text.size() ||
      text[stamp + stamp_length] != '.') {
    return;
  }
  const size_t mac = stamp + stamp_length + 1;
  const size_t mac_length = run_of(text, mac, kTokenBody, 38);
  if (mac_length < 27 || mac_length > 38 || !boundary_after(text, mac + mac_length, kTokenBody | kDot)) return;
  // Decode the id segment (base64url, unpadded) and require digits only.
  std::string id(text.substr(at, id_length));
  for (char& c : id) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (id.size() % 4) id += '=';
  std::string digits(id.size() / 4 * 3 + 3, '\0');
  Base64Decoder decoder;
  const int64_t made = decoder.feed(id, reinterpret_cast<uint8_t*>(digits.data()));
  if (made < 17 || made > 20 || !decoder.finish()) return;
  for (int64_t i = 0; i < made; ++i) {
    if (digits[size_t(i)] < '0' || digits[size_t(i)] > '9') return;
  }
  const size_t end = mac + mac_length;
  add(out, at, end, kDiscord, std::string(text.substr(at, end - at)));
}

}  // namespace agentreel::secrets

// Secrets named by their key: NAME=value lines (.env files the agent read, shell assignments, URL queries) and
// fields such as "password": "...", "client_secret": "...", X-Api-Key: ..., found at their '=' or ':'. The key
// decides what the value must look like: a password may be any non-placeholder word, a token or key must look
// generated. Also decodes base64 payload fields (OTLP bytesValue, a document's "data") and scans inside them, and
// reads an OTLP attribute's name from its "key" when the value sits in "stringValue".
#include <string>

#include "core/base64.h"
#include "secrets/byte_classes.h"
#include "secrets/detectors.h"
#include "secrets/entropy.h"
#include "secrets/escapes.h"
#include "secrets/scanner.h"

namespace agentreel::secrets {
namespace {

constexpr size_t kMaxKeyBytes = 64;
constexpr size_t kMaxValueBytes = 1024;
constexpr size_t kMaxPayloadBytes = 24 * 1024;  // encoded; a payload must fit the scanner's reach

const RuleInfo kEnvValue{"env-secret-value", SecretKind::env_value, "", kRankKeyword};
const RuleInfo kPasswordField{"password-field", SecretKind::secret_field, "password", kRankKeyword};
const RuleInfo kSecretField{"secret-field", SecretKind::secret_field, "secret", kRankKeyword};
const RuleInfo kTokenField{"token-field", SecretKind::secret_field, "token", kRankKeyword};
const RuleInfo kKeyField{"key-field", SecretKind::secret_field, "key", kRankKeyword};
const RuleInfo kAwsSessionToken{"aws-session-token", SecretKind::cloud_credential, "aws", kRankKeyword};
const RuleInfo kAzureAccountKey{"azure-storage-account-key", SecretKind::cloud_credential, "azure", kRankKeyword};
const RuleInfo kAzureSas{"azure-sas-signature", SecretKind::cloud_credential, "azure", kRankKeyword};
const RuleInfo kGcpKeyId{"gcp-private-key-id", SecretKind::cloud_credential, "gcp", kRankKeyword};

enum class KeyClass {
  none,
  password,
  secret,
  token,
  key,
  aws_secret,
  aws_session,
  azure_key,
  azure_sas,
  gcp_key_id,
  payload,
  otlp_value
};

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The key in lower case with separators dropped: "X-Api-Key" -> "xapikey", "client_secret" -> "clientsecret".
// Written into `buffer` (no allocation: this runs for every key of every JSON object).
std::string_view normalize_key(std::string_view key, char (&buffer)[kMaxKeyBytes + 1]) {
  size_t n = 0;
  for (char c : key) {
    if (n < kMaxKeyBytes && in_class(uint8_t(c), kAlnum)) buffer[n++] = char(ascii_lower(uint8_t(c)));
  }
  return std::string_view(buffer, n);
}

// The last three letters of a word, last one lowest: "key" -> 'y' | 'e' << 8 | 'k' << 16.
constexpr uint32_t code(const char (&word)[4]) {
  return uint32_t(uint8_t(word[2])) | uint32_t(uint8_t(word[1])) << 8 | uint32_t(uint8_t(word[0])) << 16;
}

// Every key classify_key knows ends in one of these three letters (separators skipped): most JSON keys ("type",
// "id", "content", "timestamp") are rejected on them, before the key is read.
bool may_name_a_secret(std::string_view text, size_t key_end) {
  uint32_t last3 = 0;
  int letters = 0;
  for (size_t p = key_end; p > 0 && letters < 3 && key_end - p < 8; --p) {
    const uint8_t c = uint8_t(text[p - 1]);
    if (in_class(c, kAlnum)) {
      last3 |= uint32_t(ascii_lower(c)) << (8 * letters);
      ++letters;
    } else if (!in_class(c, kIdentifier)) {
      break;
    }
  }
  if (letters < 3) return false;
  switch (last3) {
    case code("ord"):
    case code("swd"):
    case code("ase"):
    case code("pwd"):
    case code("ret"):
    case code("ken"):
    case code("key"):
    case code("yid"):
    case code("ial"):
    case code("als"):
    case code("ion"):
    case code("uth"):
    case code("sig"):
    case code("lue"):
    case code("ata"): return true;
    default: return false;
  }
}

KeyClass classify_key(std::string_view key, bool env_line) {
  if (key == "bytesvalue" || key == "data") return KeyClass::payload;
  if (key == "stringvalue") return KeyClass::otlp_value;
  if (ends_with(key, "secretaccesskey") || key == "awssecretkey" || key == "awssecret") return KeyClass::aws_secret;
  if (ends_with(key, "sessiontoken") && key.find("aws") != std::string_view::npos) return KeyClass::aws_session;
  if (ends_with(key, "accountkey") || ends_with(key, "sharedaccesskey")) return KeyClass::azure_key;
  if (key == "sig") return KeyClass::azure_sas;
  if (ends_with(key, "privatekeyid")) return KeyClass::gcp_key_id;
  if (ends_with(key, "password") || ends_with(key, "passwd") || ends_with(key, "passphrase") ||
      (ends_with(key, "pwd") && key.size() > 3 && key != "oldpwd")) {
    return KeyClass::password;
  }
  if (ends_with(key, "secret")) return KeyClass::secret;
  static constexpr std::string_view kNotSecretTokens[] = {
      "pagetoken",   "nexttoken",         "continuationtoken", "synctoken", "cursortoken",
      "resumetoken", "cancellationtoken", "stoptoken",         "eostoken",  "bostoken",
      "padtoken",    "unktoken",          "septoken",          "clstoken",  "masktoken"};
  if (ends_with(key, "token")) {
    for (std::string_view word : kNotSecretTokens) {
      if (ends_with(key, word)) return KeyClass::none;
    }
    return KeyClass::token;
  }
  static constexpr std::string_view kKeySuffixes[] = {
      "apikey",    "secretkey",  "accesskey",  "privatekey",  "authkey",       "signingkey", "encryptionkey",
      "masterkey", "licensekey", "credential", "credentials", "authorization", "apisecret"};
  for (std::string_view suffix : kKeySuffixes) {
    if (ends_with(key, suffix)) return KeyClass::key;
  }
  if (key == "auth") return KeyClass::key;                      // docker's config.json: base64 of user:password
  if (env_line && ends_with(key, "key")) return KeyClass::key;  // STRIPE_KEY=..., OPENAI_KEY=...
  return KeyClass::none;
}

bool is_escape_letter(std::string_view text, size_t at) {
  const char c = text[at];
  return (c == 'n' || c == 't' || c == 'r' || c == 'b' || c == 'f') && backslashes_before(text, at) > 0;
}

struct Key {
  size_t start = 0;
  size_t end = 0;  // the name's bytes
  bool quoted = false;
  bool spaced = false;  // spaces between the name and the separator
};

// Reads the key that ends right before the separator at `sep`, through an optional (escaped) closing quote.
bool read_key(std::string_view text, size_t sep, Key& key) {
  size_t p = sep;
  while (p > 0 && sep - p < 4 && text[p - 1] == ' ') --p;
  key.spaced = p != sep;
  if (p > 0 && (text[p - 1] == '"' || text[p - 1] == '\'')) {
    --p;
    while (p > 0 && text[p - 1] == '\\') --p;
    key.quoted = true;
  }
  key.end = p;
  while (p > 0 && key.end - p <= kMaxKeyBytes && in_class(uint8_t(text[p - 1]), kIdentifier) &&
         !is_escape_letter(text, p - 1)) {
    --p;
  }
  if (p == key.end || key.end - p > kMaxKeyBytes) return false;
  key.start = p;
  return true;
}

// An OTLP attribute {"key": "db.password", "value": {"stringValue": "..."}}: the name in "key" before this value.
std::string otlp_attribute_name(std::string_view text, size_t value_key_start) {
  const size_t window = value_key_start > 160 ? value_key_start - 160 : 0;
  const std::string_view before = text.substr(window, value_key_start - window);
  const size_t key_field = before.rfind("key\"");
  if (key_field == std::string_view::npos) return {};
  size_t p = key_field + 4;
  while (p < before.size() && (before[p] == ' ' || before[p] == ':' || before[p] == '\\')) ++p;
  if (p >= before.size() || before[p] != '"') return {};
  const size_t name_start = p + 1;
  size_t name_end = name_start;
  while (name_end < before.size() && in_class(uint8_t(before[name_end]), kIdentifier)) ++name_end;
  if (name_end == name_start || name_end >= before.size() || (before[name_end] != '"' && before[name_end] != '\\')) {
    return {};
  }
  if (before.size() - name_end > 64) return {};  // another attribute's key
  return std::string(before.substr(name_start, name_end - name_start));
}

struct Value {
  size_t start = 0;
  size_t end = 0;
  bool quoted = false;
};

// Stops an unquoted value: whitespace, quotes, separators of lists, queries and code.
bool ends_unquoted(uint8_t c) {
  return c <= ' ' || c == '"' || c == '\'' || c == ',' || c == ';' || c == '&' || c == '}' || c == ']' || c == ')' ||
         c == '>' || c == '|' || c == '`' || c == '\\' || c == 0x7F;
}

bool read_value(std::string_view text, size_t sep, size_t max_bytes, Value& value) {
  size_t p = sep + 1;
  while (p < text.size() && p - sep <= 8 && (text[p] == ' ' || text[p] == '\t')) ++p;
  if (p >= text.size()) return false;
  // An opening quote at any escape depth: ", \", \\\" ... or '.
  size_t run = 0;
  while (p + run < text.size() && text[p + run] == '\\') ++run;
  if (p + run < text.size() && text[p + run] == '"' && (run == 0 || run % 2 == 1)) {
    value.quoted = true;
    value.start = p + run + 1;
    for (size_t q = value.start; q < text.size() && q - value.start <= max_bytes; ++q) {
      if (text[q] == '"' && backslashes_before(text, q) <= run) {
        value.end = q - run;
        return value.end >= value.start;
      }
      if (line_break_at(text, q)) {
        // An escaped newline one level deeper than the quote is inside the value: a multi-line value, not a key.
        return false;
      }
    }
    return false;
  }
  if (run == 0 && text[p] == '\'') {
    value.quoted = true;
    value.start = p + 1;
    const size_t close = text.find('\'', value.start);
    if (close == std::string_view::npos || close - value.start > max_bytes) return false;
    value.end = close;
    return !text.substr(value.start, close - value.start).empty() &&
           text.substr(value.start, close - value.start).find('\n') == std::string_view::npos;
  }
  if (run) return false;
  value.start = p;
  size_t q = p;
  while (q < text.size() && q - p <= max_bytes && !ends_unquoted(uint8_t(text[q]))) ++q;
  value.end = q;
  return q > p && q - p <= max_bytes;
}

// A base64 payload's value: a quoted run of base64 bytes, read only as far as base64 goes (a "data" key usually
// holds an object or prose, which is left after its first byte).
bool read_payload(std::string_view text, size_t sep, Value& value) {
  size_t p = sep + 1;
  while (p < text.size() && p - sep <= 8 && text[p] == ' ') ++p;
  size_t run = 0;
  while (p + run < text.size() && text[p + run] == '\\') ++run;
  if (p + run >= text.size() || text[p + run] != '"' || (run != 0 && run % 2 == 0)) return false;
  value.quoted = true;
  value.start = p + run + 1;
  size_t q = value.start;
  while (q < text.size() && q - value.start <= kMaxPayloadBytes && in_class(uint8_t(text[q]), kBase64Body | kEquals))
    ++q;
  // The closing quote at the opening quote's depth.
  if (q + run >= text.size() || text[q + run] != '"' ||
      text.substr(q, run).find_first_not_of('\\') != std::string_view::npos) {
    return false;
  }
  value.end = q;
  return true;
}

// `name = other_name`, `password: str`, `secret=self.secret`, `key=get_key()`: code, not a secret.
bool looks_like_code(std::string_view value) {
  if (value.find_first_of("([{") != std::string_view::npos) return true;
  bool digit = false;
  for (char c : value) {
    if (!in_class(uint8_t(c), kAlnum | kUnderscore | kDot)) return false;
    digit |= c >= '0' && c <= '9';
  }
  return !digit;  // an identifier or dotted name
}

bool all_in(std::string_view value, uint16_t classes) {
  for (char c : value) {
    if (!in_class(uint8_t(c), classes)) return false;
  }
  return true;
}

bool has_space(std::string_view value) {
  for (char c : value) {
    if (uint8_t(c) <= ' ') return true;
  }
  return false;
}

void add(std::vector<Finding>& out, const Value& value, const RuleInfo& rule, std::string canonical) {
  Finding finding;
  finding.begin = value.start;
  finding.end = value.end;
  finding.rule = &rule;
  finding.value = std::move(canonical);
  out.push_back(std::move(finding));
}

// A base64 payload: decode it and look for secrets in the decoded text, reporting each as the base64 quads that
// carry it (so redaction can re-encode just those quads).
void scan_payload(const DetectInput& input, const Value& value, std::vector<Finding>& out) {
  const std::string_view encoded = input.text.substr(value.start, value.end - value.start);
  if (input.depth > 0 || encoded.size() < 16 || encoded.size() % 4 != 0 || !all_in(encoded, kBase64Body | kEquals)) {
    return;
  }
  std::string decoded(encoded.size() / 4 * 3 + 3, '\0');
  Base64Decoder decoder;
  const int64_t made = decoder.feed(encoded, reinterpret_cast<uint8_t*>(decoded.data()));
  if (made <= 0 || !decoder.finish()) return;
  decoded.resize(size_t(made));
  size_t binary = 0;
  for (char c : decoded) binary += uint8_t(c) < 0x09 || (uint8_t(c) > 0x0D && uint8_t(c) < 0x20);
  if (binary * 20 > decoded.size()) return;  // an image or other binary data: no text to find keys in
  for (Finding& inner : input.scanner->scan_payload(decoded, input.depth + 1)) {
    const size_t quad_begin = size_t(inner.begin) / 3 * 3;
    const size_t quad_end = std::min(decoded.size(), (size_t(inner.end) + 2) / 3 * 3);
    Finding finding;
    finding.begin = value.start + quad_begin / 3 * 4;
    finding.end = quad_end == decoded.size() ? value.end : value.start + quad_end / 3 * 4;
    finding.rule = inner.rule;
    finding.encoding = Encoding::base64;
    finding.decoded_begin = uint32_t(inner.begin - quad_begin);
    finding.decoded_end = uint32_t(inner.end - quad_begin);
    finding.value = std::move(inner.value);
    out.push_back(std::move(finding));
  }
}

}  // namespace

bool assignment_may_follow(std::string_view text, size_t sep) {
  size_t p = sep;
  while (p > 0 && sep - p < 4 && text[p - 1] == ' ') --p;
  if (p > 0 && (text[p - 1] == '"' || text[p - 1] == '\'')) {
    --p;
    while (p > 0 && sep - p < 16 && text[p - 1] == '\\') --p;
  }
  return may_name_a_secret(text, p);
}

void detect_assignment(const DetectInput& input, std::vector<Finding>& out) {
  const std::string_view text = input.text;
  const size_t sep = input.at;
  Key key;
  if (!read_key(text, sep, key) || !may_name_a_secret(text, key.end)) return;
  const std::string_view name = text.substr(key.start, key.end - key.start);
  // NAME=value at the start of a line: an .env file, a shell profile, an assignment before a command.
  bool env_line = text[sep] == '=' && !key.quoted && !key.spaced && sep + 1 < text.size() && text[sep + 1] != ' ' &&
                  text[sep + 1] != '=' && all_in(name, kUpper | kDigit | kUnderscore) &&
                  in_class(uint8_t(name[0]), kUpper) && starts_logical_line(text, key.start);
  char key_buffer[kMaxKeyBytes + 1];
  std::string_view normalized = normalize_key(name, key_buffer);
  KeyClass key_class = classify_key(normalized, env_line);
  std::string attribute_name;
  if (key_class == KeyClass::otlp_value) {
    attribute_name = otlp_attribute_name(text, key.start);
    normalized = normalize_key(attribute_name, key_buffer);
    key_class = normalized.empty() ? KeyClass::none : classify_key(normalized, false);
    if (key_class == KeyClass::payload || key_class == KeyClass::otlp_value) return;
  }
  if (key_class == KeyClass::none) return;

  Value value;
  if (key_class == KeyClass::payload) {
    if (read_payload(text, sep, value)) scan_payload(input, value, out);
    return;
  }
  if (!read_value(text, sep, kMaxValueBytes, value)) return;
  const std::string raw(text.substr(value.start, value.end - value.start));
  std::string canonical = unescape_value(raw);
  if (canonical.empty() || has_space(canonical) || looks_like_placeholder(canonical)) return;
  char value_buffer[kMaxKeyBytes + 1];
  if (normalize_key(canonical, value_buffer) == normalized) return;  // "password": "password", API_KEY=api_key
  if (!value.quoted && !env_line && looks_like_code(canonical)) return;

  const RuleInfo* rule = nullptr;
  switch (key_class) {
    case KeyClass::password:
    case KeyClass::secret:
      if (canonical.size() < 6 || canonical.size() > 256) return;
      if (key_class == KeyClass::secret && canonical.size() < 12 && !looks_random(canonical, 6)) return;
      rule = key_class == KeyClass::password ? &kPasswordField : &kSecretField;
      break;
    case KeyClass::token:
    case KeyClass::key:
      if (!looks_random(canonical, 16)) return;
      rule = key_class == KeyClass::token ? &kTokenField : &kKeyField;
      break;
    case KeyClass::aws_secret:
      if (canonical.size() != 40 || !all_in(canonical, kBase64Body) || !looks_random(canonical, 40)) return;
      rule = &kAwsSecretAccessKey;
      break;
    case KeyClass::aws_session:
      if (!looks_random(canonical, 100)) return;
      rule = &kAwsSessionToken;
      break;
    case KeyClass::azure_key:
      if (canonical.size() < 40 || !all_in(canonical, kBase64Body | kEquals) || !looks_random(canonical, 40)) return;
      rule = &kAzureAccountKey;
      break;
    case KeyClass::azure_sas:
      if (!all_in(canonical, kAlnum | kPlus | kSlash | kEquals | kDash) && canonical.find('%') == std::string::npos)
        return;
      if (!looks_random(canonical, 20)) return;
      rule = &kAzureSas;
      break;
    case KeyClass::gcp_key_id:
      if (canonical.size() != 40 || !all_in(canonical, kDigit | kHexLetter)) return;
      rule = &kGcpKeyId;
      break;
    default: return;
  }
  if (env_line) rule = rule->kind == SecretKind::secret_field ? &kEnvValue : rule;
  add(out, value, *rule, std::move(canonical));
}

}  // namespace agentreel::secrets

// Private key blocks: "-----BEGIN <TYPE> PRIVATE KEY-----" through the matching END line, whether the lines are
// real newlines (a PEM file), "\n" escapes (a key read into a JSON transcript, a service-account JSON's
// "private_key") or "\\n" (JSON inside JSON). A block cut short (no END line) is reported up to the end of its
// base64 body; a header without a body (documentation, a regular expression) is not a key.
#include <string>

#include "secrets/byte_classes.h"
#include "secrets/detectors.h"
#include "secrets/escapes.h"

namespace agentreel::secrets {
namespace {

constexpr size_t kMinBodyBytes = 64;  // the shortest real private key (Ed25519 PKCS#8) has 64 base64 bytes

const RuleInfo kPkcs8{"private-key-pkcs8", SecretKind::private_key, "", kRankStructure};
const RuleInfo kRsa{"private-key-rsa", SecretKind::private_key, "rsa", kRankStructure};
const RuleInfo kEc{"private-key-ec", SecretKind::private_key, "ec", kRankStructure};
const RuleInfo kDsa{"private-key-dsa", SecretKind::private_key, "dsa", kRankStructure};
const RuleInfo kOpenSsh{"private-key-openssh", SecretKind::private_key, "openssh", kRankStructure};
const RuleInfo kEncrypted{"private-key-encrypted", SecretKind::private_key, "encrypted", kRankStructure};
const RuleInfo kPgp{"private-key-pgp", SecretKind::private_key, "pgp", kRankStructure};
const RuleInfo kGcp{"private-key-gcp-service-account", SecretKind::private_key, "gcp-service-account", kRankStructure};

const RuleInfo* rule_for_label(std::string_view label) {
  if (label == "PRIVATE KEY") return &kPkcs8;
  if (label == "RSA PRIVATE KEY") return &kRsa;
  if (label == "EC PRIVATE KEY") return &kEc;
  if (label == "DSA PRIVATE KEY") return &kDsa;
  if (label == "OPENSSH PRIVATE KEY") return &kOpenSsh;
  if (label == "ENCRYPTED PRIVATE KEY") return &kEncrypted;
  if (label == "PGP PRIVATE KEY BLOCK") return &kPgp;
  const std::string_view suffix = "PRIVATE KEY";
  if (label.size() > suffix.size() && label.substr(label.size() - suffix.size()) == suffix) return &kPkcs8;
  return nullptr;
}

}  // namespace

void detect_key_block(const DetectInput& input, std::vector<Finding>& out) {
  const std::string_view text = input.text;
  const size_t begin = input.at;
  constexpr std::string_view kBegin = "-----BEGIN ";
  if (begin + 4 >= text.size() || text[begin + 2] != '-' || text[begin + 4] != '-') return;  // "--" is common
  if (text.substr(begin, kBegin.size()) != kBegin) return;
  if (begin > 0 && text[begin - 1] == '-') return;
  // The label: upper-case words up to the closing dashes.
  const size_t label_start = begin + kBegin.size();
  size_t p = label_start;
  while (p < text.size() && p - label_start < 40 && (in_class(uint8_t(text[p]), kUpper | kDigit) || text[p] == ' ')) {
    ++p;
  }
  if (text.substr(p, 5) != "-----") return;
  const std::string_view block_label = text.substr(label_start, p - label_start);
  const RuleInfo* rule = rule_for_label(block_label);
  if (!rule) return;
  const size_t body_start = p + 5;
  const std::string footer = "-----END " + std::string(block_label) + "-----";

  // Walk the body: base64, padding, whitespace, line breaks at any escape level, and PEM headers
  // ("Proc-Type: 4,ENCRYPTED"). Stops at the footer, at a quote (the JSON string ends) or at anything else.
  std::string body;
  size_t q = body_start;
  size_t body_end = body_start;  // just past the last base64 byte
  size_t end = 0;                // past the footer, once found
  const size_t limit = std::min(text.size(), begin + kMaxFindingBytes);
  while (q < limit) {
    if (text.substr(q, 5) == "-----") {
      if (text.substr(q, footer.size()) == footer) end = q + footer.size();
      break;
    }
    if (const size_t line_break = line_break_at(text, q)) {
      q += line_break;
      continue;
    }
    const uint8_t c = uint8_t(text[q]);
    if (in_class(c, kBase64Body | kEquals)) {
      body += char(c);
      body_end = ++q;
    } else if (c == ' ' || c == '\t' || c == ':' || c == ',' || c == '-') {
      ++q;  // PEM header lines of an encrypted key: "Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-128-CBC,..."
    } else {
      break;
    }
  }
  if (body.size() < kMinBodyBytes) return;
  Finding finding;
  finding.begin = begin;
  finding.end = end ? end : body_end;
  // A service-account JSON ("type": "service_account") names the key's owner better than its PEM label.
  if (rule == &kPkcs8 && text.substr(0, begin).find("service_account") != std::string_view::npos) rule = &kGcp;
  finding.rule = rule;
  finding.value = std::move(body);
  out.push_back(std::move(finding));
}

}  // namespace agentreel::secrets

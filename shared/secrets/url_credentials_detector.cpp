// Credentials inside URLs, found at their "://": the password of scheme://user:password@host (database URLs,
// broker URLs, git remotes with a token as password) and the secret path of Slack and Discord webhook URLs.
// Only the password is replaced, so a redacted URL still names its user, host and database. JSON writers that
// escape '/' (PHP's json_encode) give "https:\/\/...": both spellings are read.
#include "secrets/byte_classes.h"
#include "secrets/detectors.h"
#include "secrets/entropy.h"
#include "secrets/escapes.h"

namespace agentreel::secrets {
namespace {

constexpr size_t kMaxAuthority = 512;

#define URL_RULE(name, provider) \
  const RuleInfo name { "url-password-" provider, SecretKind::connection_string, provider, kRankStructure }
URL_RULE(kPostgres, "postgres");
URL_RULE(kMysql, "mysql");
URL_RULE(kMongo, "mongodb");
URL_RULE(kRedis, "redis");
URL_RULE(kAmqp, "amqp");
URL_RULE(kSmtp, "smtp");
URL_RULE(kMssql, "sqlserver");
URL_RULE(kFtp, "ftp");
URL_RULE(kLdap, "ldap");
URL_RULE(kHttp, "http");
URL_RULE(kOther, "url");
#undef URL_RULE
const RuleInfo kSlackWebhook{"slack-webhook", SecretKind::webhook_url, "slack", kRankProvider};
const RuleInfo kDiscordWebhook{"discord-webhook", SecretKind::webhook_url, "discord", kRankProvider};

bool equals_lower(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (ascii_lower(uint8_t(text[i])) != uint8_t(lower[i])) return false;
  }
  return true;
}

const RuleInfo* rule_for_scheme(std::string_view scheme) {
  struct Entry {
    std::string_view scheme;
    const RuleInfo* rule;
  };
  static const Entry kSchemes[] = {
      {"postgres", &kPostgres}, {"postgresql", &kPostgres}, {"mysql", &kMysql}, {"mariadb", &kMysql},
      {"mongodb", &kMongo},     {"mongodb+srv", &kMongo},   {"redis", &kRedis}, {"rediss", &kRedis},
      {"amqp", &kAmqp},         {"amqps", &kAmqp},          {"smtp", &kSmtp},   {"smtps", &kSmtp},
      {"mssql", &kMssql},       {"sqlserver", &kMssql},     {"ftp", &kFtp},     {"ftps", &kFtp},
      {"sftp", &kFtp},          {"ldap", &kLdap},           {"ldaps", &kLdap},  {"http", &kHttp},
      {"https", &kHttp},
  };
  for (const Entry& entry : kSchemes) {
    if (equals_lower(scheme, entry.scheme)) return entry.rule;
  }
  return &kOther;
}

// Where the URL's authority ends: a path, query or fragment, whitespace, a quote (escaped or not), a line break.
bool ends_authority(uint8_t c) {
  return c <= ' ' || c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '\\' || c == '<' || c == '>' ||
         c == '`' || c == ')' || c == ']' || c == '}' || c == ',' || c == 0x7F;
}

bool find_webhook(std::string_view text, size_t host_start, bool escaped_slashes, std::vector<Finding>& out) {
  struct Hook {
    std::string_view host_and_path;
    const RuleInfo* rule;
    size_t min_secret;
  };
  static const Hook kHooks[] = {
      {"hooks.slack.com/services/", &kSlackWebhook, 20},
      {"discord.com/api/webhooks/", &kDiscordWebhook, 40},
      {"discordapp.com/api/webhooks/", &kDiscordWebhook, 40},
  };
  for (const Hook& hook : kHooks) {
    std::string expected(hook.host_and_path);
    if (escaped_slashes) {
      for (size_t at = expected.find('/'); at != std::string::npos; at = expected.find('/', at + 2)) {
        expected.insert(at, 1, '\\');
      }
    }
    if (text.substr(host_start, expected.size()) != expected) continue;
    const size_t start = host_start + expected.size();
    size_t end = start;
    while (end < text.size() && end - start < 300) {
      if (in_class(uint8_t(text[end]), kTokenBody | (escaped_slashes ? 0 : kSlash))) {
        ++end;
      } else if (escaped_slashes && text.substr(end, 2) == "\\/") {
        end += 2;
      } else {
        break;
      }
    }
    while (end > start && text[end - 1] == '/') end -= escaped_slashes ? 2 : 1;
    const std::string value = unescape_value(text.substr(start, end - start));
    if (value.size() < hook.min_secret || value.find('/') == std::string::npos) return false;
    Finding finding;
    finding.begin = start;
    finding.end = end;
    finding.rule = hook.rule;
    finding.value = value;
    out.push_back(std::move(finding));
    return true;
  }
  return false;
}

}  // namespace

void detect_url_credentials(const DetectInput& input, std::vector<Finding>& out) {
  const std::string_view text = input.text;
  const size_t colon = input.at;
  const bool escaped_slashes = text.substr(colon, 5) == ":\\/\\/";
  if (!escaped_slashes && text.substr(colon, 3) != "://") return;
  // The scheme: a letter, then letters, digits, '+', '.', '-'.
  size_t scheme_start = colon;
  while (scheme_start > 0 && colon - scheme_start < 24 &&
         in_class(uint8_t(text[scheme_start - 1]), kAlnum | kPlus | kDot | kDash)) {
    --scheme_start;
  }
  if (scheme_start == colon || !in_class(uint8_t(text[scheme_start]), kUpper | kLower)) return;
  const size_t authority = colon + (escaped_slashes ? 5 : 3);
  if (find_webhook(text, authority, escaped_slashes, out)) return;
  // user:password@host — the last '@' before the authority ends (a password may hold an unencoded '@').
  size_t at_sign = 0, end = authority;
  while (end < text.size() && end - authority < kMaxAuthority && !ends_authority(uint8_t(text[end]))) {
    if (text[end] == '@') at_sign = end;
    ++end;
  }
  if (!at_sign) return;
  const std::string_view userinfo = text.substr(authority, at_sign - authority);
  const size_t separator = userinfo.find(':');
  if (separator == std::string_view::npos) return;
  const size_t password_start = authority + separator + 1;
  const std::string_view password = text.substr(password_start, at_sign - password_start);
  if (password.empty() || looks_like_placeholder(password)) return;
  // "user:pass@" in documentation: a one-word stand-in, not a credential.
  static constexpr std::string_view kStandIns[] = {"pass", "pwd", "passw0rd", "pa55word", "mypassword", "secret"};
  for (std::string_view stand_in : kStandIns) {
    if (equals_lower(password, stand_in)) return;
  }
  // "host:8080@..." is a port, not a password.
  if (password.size() <= 5 && password.find_first_not_of("0123456789") == std::string_view::npos) return;
  Finding finding;
  finding.begin = password_start;
  finding.end = at_sign;
  finding.rule = rule_for_scheme(text.substr(scheme_start, colon - scheme_start));
  finding.value = unescape_value(password);
  out.push_back(std::move(finding));
}

}  // namespace agentreel::secrets

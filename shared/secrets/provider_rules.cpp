// The provider rule table (see provider_rules.h). Formats are from the providers' documentation of their key and
// token prefixes; lengths are the documented ones where a provider fixes them and generous ranges where it does
// not. Each row: id, kind, provider, prefix, body bytes, body length range.
#include "secrets/provider_rules.h"

#include "secrets/byte_classes.h"
#include "secrets/entropy.h"

namespace agentreel::secrets {
namespace {

constexpr uint16_t kHex = kDigit | kHexLetter;
constexpr uint16_t kAlpha = kUpper | kLower;
constexpr uint16_t kBase64Url = kTokenBody;  // A-Z a-z 0-9 _ -

std::string_view body_of(std::string_view token, std::string_view prefix) { return token.substr(prefix.size()); }

bool random_body(std::string_view token) {
  // The prefix is already known; judge the part after the first separator-free prefix run.
  const size_t dash = token.find_first_of("-_");
  return looks_random(dash == std::string_view::npos ? token : token.substr(dash + 1), 16);
}

bool has_digit(std::string_view token) { return token.find_first_of("0123456789") != std::string_view::npos; }

bool mixed_case(std::string_view token) {
  bool upper = false, lower = false;
  for (char c : token) {
    upper |= c >= 'A' && c <= 'Z';
    lower |= c >= 'a' && c <= 'z';
  }
  return upper && lower;
}

bool openai_legacy(std::string_view token) { return token.find("T3BlbkFJ") != std::string_view::npos; }

bool lower_hex_body(std::string_view token) {
  for (char c : token.substr(2)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// JWT: three base64url segments, each at least 10 bytes (a header, a payload and a signature).
bool jwt_shape(std::string_view token) {
  size_t segments = 0, start = 0;
  for (size_t i = 0; i <= token.size(); ++i) {
    if (i == token.size() || token[i] == '.') {
      if (i - start < 10) return false;
      ++segments;
      start = i + 1;
    }
  }
  return segments == 3;
}

// SendGrid: SG.<22 bytes>.<43 bytes>.
bool sendgrid_shape(std::string_view token) {
  const std::string_view body = body_of(token, "SG.");
  return body.size() == 66 && body[22] == '.' && body.find('.', 23) == std::string_view::npos;
}

// Postman: PMAK-<24 hex>-<34 hex>.
bool postman_shape(std::string_view token) {
  const std::string_view body = body_of(token, "PMAK-");
  return body.size() == 59 && body[24] == '-';
}

constexpr TokenRule row(std::string_view id, SecretKind kind, std::string_view provider, std::string_view prefix,
                        uint16_t body_class, uint16_t min_body, uint16_t max_body,
                        bool (*check)(std::string_view) = nullptr, uint16_t trim_class = 0) {
  return TokenRule{RuleInfo{id, kind, provider, kRankProvider, prefix.size()},
                   prefix,
                   body_class,
                   min_body,
                   max_body,
                   trim_class,
                   check};
}

constexpr SecretKind kApiKey = SecretKind::api_key;
constexpr SecretKind kToken = SecretKind::access_token;

const TokenRule kRules[] = {
    // OpenAI (platform.openai.com: project, service-account, admin and legacy user keys), and keys in its style.
    row("openai-project-key", kApiKey, "openai", "sk-proj-", kBase64Url, 40, 250),
    row("openai-service-account-key", kApiKey, "openai", "sk-svcacct-", kBase64Url, 40, 250),
    row("openai-admin-key", kApiKey, "openai", "sk-admin-", kBase64Url, 40, 250),
    row("openai-user-key", kApiKey, "openai", "sk-None-", kBase64Url, 40, 250),
    row("openrouter-key", kApiKey, "openrouter", "sk-or-v1-", kHex, 64, 64),
    // Anthropic: sk-ant-api03- (API), sk-ant-admin01- (admin), sk-ant-oat01- / -ort01- (OAuth).
    row("anthropic-key", kApiKey, "anthropic", "sk-ant-", kBase64Url, 32, 250),
    row("openai-legacy-key", kApiKey, "openai", "sk-", kAlnum, 40, 64, openai_legacy),
    row("sk-style-key", kApiKey, "sk", "sk-", kAlnum, 20, 200, random_body),
    // Stripe secret and restricted keys, webhook signing secrets (pk_ keys are public and not listed).
    row("stripe-live-secret-key", kApiKey, "stripe", "sk_live_", kAlnum, 20, 250),
    row("stripe-test-secret-key", kApiKey, "stripe", "sk_test_", kAlnum, 20, 250),
    row("stripe-live-restricted-key", kApiKey, "stripe", "rk_live_", kAlnum, 20, 250),
    row("stripe-test-restricted-key", kApiKey, "stripe", "rk_test_", kAlnum, 20, 250),
    row("stripe-webhook-secret", kApiKey, "stripe", "whsec_", kAlnum, 24, 64),
    row("elevenlabs-key", kApiKey, "elevenlabs", "sk_", kHex, 48, 48),
    // GitHub: classic tokens (ghp_ personal, gho_ OAuth, ghu_ user-to-server, ghs_ server-to-server, ghr_ refresh)
    // are 36 base62 bytes; fine-grained personal tokens are github_pat_<22>_<59>.
    row("github-personal-token", kToken, "github", "ghp_", kAlnum, 36, 36),
    row("github-oauth-token", kToken, "github", "gho_", kAlnum, 36, 36),
    row("github-user-token", kToken, "github", "ghu_", kAlnum, 36, 36),
    row("github-server-token", kToken, "github", "ghs_", kAlnum, 36, 36),
    row("github-refresh-token", kToken, "github", "ghr_", kAlnum, 36, 36),
    row("github-fine-grained-token", kToken, "github", "github_pat_", kAlnum | kUnderscore, 70, 100),
    // GitLab: personal, deploy, runner, pipeline-trigger, feed, SCIM/OAuth and CI job tokens.
    row("gitlab-personal-token", kToken, "gitlab", "glpat-", kBase64Url | kDot, 20, 80, nullptr, kDot),
    row("gitlab-deploy-token", kToken, "gitlab", "gldt-", kBase64Url, 20, 80),
    row("gitlab-runner-token", kToken, "gitlab", "glrt-", kBase64Url | kDot, 20, 80, nullptr, kDot),
    row("gitlab-trigger-token", kToken, "gitlab", "glptt-", kHex, 40, 40),
    row("gitlab-feed-token", kToken, "gitlab", "glft-", kBase64Url, 20, 80),
    row("gitlab-oauth-token", kToken, "gitlab", "glsoat-", kBase64Url, 20, 80),
    row("gitlab-job-token", kToken, "gitlab", "glcbt-", kBase64Url, 20, 80),
    // Slack: bot, user, app, refresh and configuration tokens.
    row("slack-bot-token", kToken, "slack", "xoxb-", kAlnum | kDash, 10, 250, has_digit),
    row("slack-user-token", kToken, "slack", "xoxp-", kAlnum | kDash, 10, 250, has_digit),
    row("slack-workspace-token", kToken, "slack", "xoxa-", kAlnum | kDash, 10, 250, has_digit),
    row("slack-refresh-token", kToken, "slack", "xoxr-", kAlnum | kDash, 10, 250, has_digit),
    row("slack-session-token", kToken, "slack", "xoxs-", kAlnum | kDash, 10, 250, has_digit),
    row("slack-config-token", kToken, "slack", "xoxe.xoxp-", kAlnum | kDash, 10, 250, has_digit),
    row("slack-config-refresh-token", kToken, "slack", "xoxe-", kAlnum | kDash, 10, 250, has_digit),
    row("slack-app-token", kToken, "slack", "xapp-", kAlnum | kDash, 10, 250, has_digit),
    // Google: API keys, OAuth client secrets and access tokens (service-account keys are private-key blocks).
    row("google-api-key", kApiKey, "google", "AIza", kBase64Url, 35, 35),
    row("google-oauth-client-secret", kApiKey, "google", "GOCSPX-", kBase64Url, 28, 28),
    row("google-oauth-access-token", kToken, "google", "ya29.", kBase64Url | kDot, 30, 2048, nullptr, kDot),
    // Hugging Face user and organization tokens: 34 letters.
    row("huggingface-token", kToken, "huggingface", "hf_", kAlpha, 34, 34, mixed_case),
    row("huggingface-org-token", kToken, "huggingface", "api_org_", kAlpha, 34, 34, mixed_case),
    // Package registries.
    row("npm-token", kToken, "npm", "npm_", kAlnum, 36, 36),
    row("pypi-token", kToken, "pypi", "pypi-AgEIcHlwaS5vcmc", kBase64Url, 50, 300),
    row("pypi-test-token", kToken, "pypi", "pypi-AgENdGVzdC5weXBpLm9yZw", kBase64Url, 50, 300),
    row("docker-hub-token", kToken, "docker", "dckr_pat_", kBase64Url, 27, 40),
    // Messaging and e-mail.
    row("twilio-api-key", kApiKey, "twilio", "SK", kHex, 32, 32, lower_hex_body),
    row("sendgrid-api-key", kApiKey, "sendgrid", "SG.", kBase64Url | kDot, 66, 66, sendgrid_shape),
    row("mailgun-api-key", kApiKey, "mailgun", "key-", kAlnum, 32, 32, random_body),
    // Model and AI-tool providers.
    row("groq-api-key", kApiKey, "groq", "gsk_", kAlnum, 52, 52),
    row("xai-api-key", kApiKey, "xai", "xai-", kAlnum, 80, 80),
    row("perplexity-api-key", kApiKey, "perplexity", "pplx-", kAlnum, 48, 56),
    row("replicate-token", kApiKey, "replicate", "r8_", kAlnum, 37, 37),
    row("langsmith-personal-key", kApiKey, "langsmith", "lsv2_pt_", kHex | kUnderscore, 40, 60),
    row("langsmith-service-key", kApiKey, "langsmith", "lsv2_sk_", kHex | kUnderscore, 40, 60),
    row("pinecone-api-key", kApiKey, "pinecone", "pcsk_", kBase64Url, 50, 90),
    row("tavily-api-key", kApiKey, "tavily", "tvly-", kBase64Url, 32, 60),
    row("firecrawl-api-key", kApiKey, "firecrawl", "fc-", kHex, 32, 32),
    // Developer platforms and infrastructure.
    row("shopify-access-token", kToken, "shopify", "shpat_", kHex, 32, 32),
    row("shopify-custom-app-token", kToken, "shopify", "shpca_", kHex, 32, 32),
    row("shopify-private-app-token", kToken, "shopify", "shppa_", kHex, 32, 32),
    row("shopify-shared-secret", kToken, "shopify", "shpss_", kHex, 32, 32),
    row("digitalocean-token", kToken, "digitalocean", "dop_v1_", kHex, 64, 64),
    row("digitalocean-oauth-token", kToken, "digitalocean", "doo_v1_", kHex, 64, 64),
    row("digitalocean-refresh-token", kToken, "digitalocean", "dor_v1_", kHex, 64, 64),
    row("linear-api-key", kApiKey, "linear", "lin_api_", kAlnum, 40, 40),
    row("notion-token", kToken, "notion", "ntn_", kAlnum, 40, 60),
    row("notion-integration-secret", kToken, "notion", "secret_", kAlnum, 43, 43, random_body),
    row("postman-api-key", kApiKey, "postman", "PMAK-", kHex | kDash, 59, 59, postman_shape),
    row("databricks-token", kToken, "databricks", "dapi", kHex, 32, 32),
    row("vault-service-token", kToken, "vault", "hvs.", kBase64Url, 90, 200),
    row("vault-batch-token", kToken, "vault", "hvb.", kBase64Url, 90, 300),
    row("atlassian-api-token", kApiKey, "atlassian", "ATATT3", kBase64Url | kEquals, 150, 250),
    row("grafana-cloud-token", kToken, "grafana", "glc_", kBase64Body | kEquals, 32, 400),
    row("grafana-service-account-token", kToken, "grafana", "glsa_", kAlnum | kUnderscore, 41, 41),
    row("newrelic-user-key", kApiKey, "newrelic", "NRAK-", kUpper | kDigit, 27, 27),
    row("sentry-org-token", kToken, "sentry", "sntrys_", kBase64Body | kEquals | kUnderscore, 60, 400),
    row("sentry-user-token", kToken, "sentry", "sntryu_", kHex, 64, 64),
    row("supabase-access-token", kToken, "supabase", "sbp_", kHex, 40, 40),
    row("supabase-secret-key", kApiKey, "supabase", "sb_secret_", kBase64Url, 20, 80),
    row("netlify-token", kToken, "netlify", "nfp_", kAlnum, 36, 40),
    row("flyio-token", kToken, "flyio", "fo1_", kBase64Url, 40, 50),
    row("heroku-api-key", kApiKey, "heroku", "HRKU-", kBase64Url, 50, 70),
    row("doppler-token", kToken, "doppler", "dp.pt.", kAlnum, 40, 48),
    row("square-access-token", kToken, "square", "sq0atp-", kBase64Url, 22, 22),
    row("square-oauth-secret", kToken, "square", "sq0csp-", kBase64Url, 43, 43),
    row("age-secret-key", SecretKind::private_key, "age", "AGE-SECRET-KEY-1", kUpper | kDigit, 58, 58),
    // JSON Web Tokens: header.payload.signature, the header being base64url JSON ("eyJ" is '{"').
    TokenRule{RuleInfo{"jwt", SecretKind::jwt, "", kRankStructure, 3}, "eyJ", kBase64Url | kDot, 27, 16384, kDot,
              jwt_shape},
};

}  // namespace

std::span<const TokenRule> provider_rules() { return kRules; }

}  // namespace agentreel::secrets

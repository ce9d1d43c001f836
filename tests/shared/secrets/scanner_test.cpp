// The scanner's detectors one by one: what each finds, where its range starts and ends, and the near misses it
// must leave alone (failproofai's sanitize-* test vectors included, docs/.../failproofai-policies.md §6).
#include "secrets/scanner.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace agentreel::secrets;

namespace {

struct Hit {
  std::string rule;
  std::string text;  // the bytes of the reported range
};

std::vector<Hit> scan(const std::string& text, ScanOptions options = {}) {
  std::vector<Hit> hits;
  for (const Finding& f : Scanner(std::move(options)).find_secrets(text)) {
    hits.push_back({std::string(f.rule->id), text.substr(size_t(f.begin), size_t(f.end - f.begin))});
  }
  return hits;
}

// The one finding in `text`, which must be of `rule` and cover exactly `secret`.
void expect_one(const std::string& text, const std::string& rule, const std::string& secret) {
  INFO(text);
  const auto hits = scan(text);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].rule == rule);
  CHECK(hits[0].text == secret);
}

void expect_none(const std::string& text) {
  INFO(text);
  const auto hits = scan(text);
  CHECK(hits.empty());
  for (const Hit& hit : hits) INFO(hit.rule + " " + hit.text);
}

const std::string kAnthropic =
    "sk-ant-api03-Jq8vX2mN5bR7tY1wK4pL9sD3fG6hA0zC8xV5nM2bQ7wE1rT4yU9iO3pA6sD0fG8hJ2kL5zX7cV1bN4mQ9wE3rT6yU0iO2pA5s-"
    "Xy9AA";

}  // namespace

TEST_CASE("failproofai's sanitize-* positives are found, its negatives are not", "[secrets]") {
  expect_one(
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
      "jwt",
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U");
  expect_none("alg header eyJhbGciOiJIUzI1NiJ9 only");
  expect_one("openai_key: sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123456789abcdefghijklmnop", "openai-project-key",
             "sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123456789abcdefghijklmnop");
  expect_none("openai_key: sk-test123");
  expect_one("DATABASE_URL: postgres://app:s3cret@db:5432/app", "url-password-postgres", "s3cret");
  expect_none("DATABASE_URL: postgres://db:5432/app");
  expect_none("-----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkq");
  expect_one("> Authorization: Bearer abcdefghijklmnopqrstuvwxyz123456", "bearer-token",
             "abcdefghijklmnopqrstuvwxyz123456");
  expect_none("> Authorization: Basic dXNlcjpwYXNz");  // user:pass: a documentation stand-in
}

TEST_CASE("provider prefixes need a token boundary and their exact body", "[secrets]") {
  expect_none("task-abcdefghijklmnopqrstuvwxyz0123456789ABCD");  // failproofai's known false positive
  expect_one("token=ghp_0123456789abcdefghijABCDEFGHIJ012345;", "github-personal-token",
             "ghp_0123456789abcdefghijABCDEFGHIJ012345");
  expect_none("ghp_0123456789abcdefghijABCDEFGHIJ0123456");  // 37 bytes: not a classic GitHub token
  expect_none("xghp_0123456789abcdefghijABCDEFGHIJ012345");  // glued to a word
  expect_one("key: " + kAnthropic, "anthropic-key", kAnthropic);
  // The 'n' of an escaped newline is not part of a word: "\nsk-ant-..." inside a JSON string.
  expect_one("\"API keys:\\n" + kAnthropic + "\\n\"", "anthropic-key", kAnthropic);
  expect_one("AIzaSyD3x-4kQ8vN2mB7cT1wL9pR6sF0hJ5gK3d", "google-api-key", "AIzaSyD3x-4kQ8vN2mB7cT1wL9pR6sF0hJ5gK3d");
  expect_none("sk-abcdefghijklmnopqrstuvwxyz");  // no digits, no capitals: not generated
}

TEST_CASE("a JWT at the end of a sentence loses the full stop", "[secrets]") {
  const std::string jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9P";
  expect_one("the session token is " + jwt + ".", "jwt", jwt);
}

TEST_CASE("private key blocks cover header to footer through escaped newlines at any depth", "[secrets]") {
  const std::string body = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj";
  const std::string body2 = "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu";
  for (const std::string newline : {"\n", "\\n", "\\\\n", "\r\n"}) {
    const std::string block = "-----BEGIN RSA PRIVATE KEY-----" + newline + body + newline + body2 + newline +
                              "-----END RSA PRIVATE KEY-----";
    expect_one("{\"content\":\"" + block + newline + "\"}", "private-key-rsa", block);
  }
  // Cut off (no footer): up to the last body byte.
  const std::string cut = "-----BEGIN OPENSSH PRIVATE KEY-----\\n" + body + "\\n" + body2;
  expect_one("\"" + cut + "\"", "private-key-openssh", cut);
  // A header without a body is a mention, not a key.
  expect_none("grep -r '-----BEGIN RSA PRIVATE KEY-----' .");
  expect_none("-----BEGIN CERTIFICATE-----\\n" + body + body2 + "\\n-----END CERTIFICATE-----");
}

TEST_CASE("URL credentials: only the password, placeholders and ports excluded", "[secrets]") {
  expect_one("mongodb+srv://svc:Zq81mXr0Pw2@cluster0.x.mongodb.net/prod", "url-password-mongodb", "Zq81mXr0Pw2");
  expect_one("redis://:hunter2hunter2@cache:6379", "url-password-redis", "hunter2hunter2");
  expect_one("\"https:\\/\\/deploy:T0ken-9x@git.internal.test\\/repo\"", "url-password-http", "T0ken-9x");
  expect_none("postgres://user:password@localhost/db");
  expect_none("postgres://${DB_USER}:${DB_PASS}@db/app");
  expect_none("mongodb+srv://<username>:<password>@cluster0.mongodb.net");
  expect_none("http://localhost:8080@proxy");
  expect_one("https://hooks.slack.com/services/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", "slack-webhook",
             "T0AB12CD3/B0AB12CD3/aB3dE5gH7jK9mN1pQ3sT5vX7");
}

TEST_CASE("keyword assignments: env lines, secret fields, OTLP attributes", "[secrets]") {
  expect_one("line\nDB_PASSWORD=hunter22\n", "env-secret-value", "hunter22");
  expect_one("\"     2\xE2\x86\x92JWT_SECRET=q8Zr1mXw0Pk3\\n\"", "env-secret-value", "q8Zr1mXw0Pk3");
  expect_one("export API_TOKEN=9f8e7d6c5b4a39281706f5e4d3c2b1a0\n", "env-secret-value",
             "9f8e7d6c5b4a39281706f5e4d3c2b1a0");
  expect_one("{\"password\": \"Tr0ub4dor&3\"}", "password-field", "Tr0ub4dor&3");
  expect_one("{\"args\":\"{\\\"password\\\":\\\"p\\\\\\\"ss-w0rd\\\"}\"}", "password-field", "p\\\\\\\"ss-w0rd");
  expect_one("{\"client_secret\":\"aQ9zX8wV7uT6sR5qP4oN3mL2kJ1iH0gF\"}", "secret-field",
             "aQ9zX8wV7uT6sR5qP4oN3mL2kJ1iH0gF");
  expect_one("X-Api-Key: 4f3c2b1a09e8d7c6b5a4f3e2d1c0b9a8\n", "key-field", "4f3c2b1a09e8d7c6b5a4f3e2d1c0b9a8");
  expect_one("{\"key\":\"db.password\",\"value\":{\"stringValue\":\"Tr0ub4dor&3\"}}", "password-field", "Tr0ub4dor&3");
  // Not secrets: placeholders, references, code, short words, counts, pagination tokens.
  expect_none("DB_PASSWORD=${DB_PASSWORD}\nAPI_KEY=your-api-key-here\nSECRET=changeme\n");
  expect_none("password = request.form[\"password\"]\nsecret=self.secret\ntoken = get_token()\n");
  expect_none("{\"password\": \"********\", \"api_key\": null, \"max_tokens\": 4096, \"input_tokens\": 12}");
  expect_none("{\"next_page_token\":\"CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA3a3JhM3M2EAE\"}");
  expect_none("{\"type\":\"text\",\"text\":\"the password is short\"}");
  expect_none("PWD=/home/u/project\nOLDPWD=/home/u\n");
}

TEST_CASE("cloud credentials: an AWS key id with the secret that follows it", "[secrets]") {
  const std::string text = "AKIAQ3EGRTZ5WXK7PLMN,Qz8pL2mX9vB4nR7tY1wK3sD6fG0hJ5aC8xE2uI4o\n";
  const auto hits = scan(text);
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].rule == "aws-access-key-id");
  CHECK(hits[0].text == "AKIAQ3EGRTZ5WXK7PLMN");
  CHECK(hits[1].rule == "aws-secret-access-key");
  CHECK(hits[1].text == "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");
  expect_none("aws_access_key_id = AKIAIOSFODNN7EXAMPLE");  // AWS's documentation key
}

TEST_CASE("overlapping findings merge under the best name", "[secrets]") {
  // The env rule and the provider rule cover the same value: the provider names it.
  expect_one("OPENAI_API_KEY=" + std::string("sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123456789abcdefghijklmnop") + "\n",
             "openai-project-key", "sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123456789abcdefghijklmnop");
  // A bearer token that is a JWT is a JWT.
  const std::string jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9P";
  expect_one("Authorization: Bearer " + jwt, "jwt", jwt);
}

TEST_CASE("a placeholder of ours is never a secret: redacted text scans clean", "[secrets]") {
  expect_none(
      "OPENAI_API_KEY=[REDACTED api-key openai #1]\npostgres://app:[REDACTED connection-string #2]@db/app\n"
      "{\"password\": \"[REDACTED secret-field password #3]\"} Bearer [REDACTED bearer-token #4]");
}

TEST_CASE("findings do not depend on where the text starts (the vector loop and its scalar tail agree)", "[secrets]") {
  const std::string text =
      "x DB_PASSWORD=hunter22\n token ghp_0123456789abcdefghijABCDEFGHIJ012345 and "
      "postgres://a:b1c2d3e4@h/db \\nAKIAQ3EGRTZ5WXK7PLMN end";
  const auto reference = scan(text);
  REQUIRE(reference.size() == 4);
  for (size_t pad = 1; pad < 40; ++pad) {
    INFO(pad);
    const auto hits = scan(std::string(pad, ' ') + text);
    REQUIRE(hits.size() == reference.size());
    for (size_t i = 0; i < hits.size(); ++i) {
      CHECK(hits[i].rule == reference[i].rule);
      CHECK(hits[i].text == reference[i].text);
    }
  }
}

namespace {

// A literal-substring pattern: enough to test how the scanner uses PatternMatcher (the CLI uses PCRE2).
class Literal final : public PatternMatcher {
 public:
  explicit Literal(std::string needle) : needle_(std::move(needle)) {}
  void find_all(std::string_view text, size_t from, size_t to,
                std::vector<std::pair<size_t, size_t>>& matches) const override {
    for (size_t at = text.find(needle_, from); at != std::string_view::npos && at < to;
         at = text.find(needle_, at + 1)) {
      matches.emplace_back(at, at + needle_.size());
    }
  }
  bool search(std::string_view value) const override { return value.find(needle_) != std::string_view::npos; }

 private:
  std::string needle_;
};

}  // namespace

TEST_CASE("caller patterns add secrets and allow known-safe ones", "[secrets]") {
  ScanOptions options;
  options.redact_patterns.push_back(std::make_shared<Literal>("myco_7f3k"));
  const auto hits = scan("deploy with myco_7f3k now", options);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].rule == "custom-pattern");
  CHECK(hits[0].text == "myco_7f3k");

  ScanOptions allow;
  allow.allow_patterns.push_back(std::make_shared<Literal>("sk_test_"));
  CHECK(scan("STRIPE=sk_test_4eC39HqLyjWDarjtT1zdp7dc sk_live_4eC39HqLyjWDarjtT1zdp7dc", allow).size() == 1);
}

TEST_CASE("masked previews show the public prefix and at most a quarter of the rest", "[secrets]") {
  const auto findings = Scanner().find_secrets("x ghp_0123456789abcdefghijABCDEFGHIJ012345 y\nDB_PASSWORD=hunter22\n");
  REQUIRE(findings.size() == 2);
  CHECK(masked_preview(findings[0]) ==
        "ghp_01\xE2\x80\xA6"
        "45 (40 chars)");
  CHECK(masked_preview(findings[1]) ==
        "h\xE2\x80\xA6"
        "2 (8 chars)");
  CHECK(label(*findings[0].rule) == "access-token github");
  CHECK(label(*findings[1].rule) == "env-value");
}

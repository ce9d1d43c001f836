// Redaction of the bytes themselves: placeholders by kind and number, the same secret always the same number,
// JSON kept valid (inside strings at any escape depth, base64 payloads re-encoded), and the manifest built from
// the replacements, including a second redaction of already redacted bytes.
#include <catch2/catch.hpp>
#include <string>

#include "core/base64.h"
#include "secrets/manifest_builder.h"
#include "secrets/redactor.h"

using namespace agentreel;
using namespace agentreel::secrets;

namespace {

struct Redacted {
  std::string bytes;
  std::vector<Replacement> replacements;
};

Redacted redact(const Scanner& scanner, PlaceholderBook& book, const std::string& input, size_t chunk = 1 << 20) {
  Redacted out;
  StreamRedactor redactor(scanner, book, [&](std::string_view piece) {
    out.bytes.append(piece);
    return Status::ok();
  });
  for (size_t at = 0; at < input.size(); at += chunk)
    REQUIRE(redactor.feed(std::string_view(input).substr(at, chunk)).is_ok());
  REQUIRE(redactor.finish().is_ok());
  CHECK(redactor.redacted_size() == out.bytes.size());
  out.replacements = redactor.replacements();
  return out;
}

const std::string kGithub = "ghp_0123456789abcdefghijABCDEFGHIJ012345";

}  // namespace

TEST_CASE("each secret becomes a placeholder of its kind, the same secret the same number", "[secrets]") {
  const Scanner scanner;
  PlaceholderBook book;
  const std::string input = "{\"cmd\":\"git push https://x:" + kGithub +
                            "@github.com/a/b\",\"env\":\"DB_PASSWORD=hunter22\\n" + "GH=" + kGithub + "\\n\"}\n";
  const Redacted out = redact(scanner, book, input);
  CHECK(out.bytes ==
        "{\"cmd\":\"git push https://x:[REDACTED access-token github #1]@github.com/a/b\",\"env\":\"" +
            std::string("DB_PASSWORD=[REDACTED env-value #2]\\nGH=[REDACTED access-token github #1]\\n\"}\n"));
  REQUIRE(out.replacements.size() == 3);
  CHECK(out.replacements[0].secret == 0);
  CHECK(out.replacements[0].original_offset == input.find(kGithub));
  CHECK(out.replacements[0].original_length == kGithub.size());
  CHECK(out.replacements[0].redacted_offset == out.bytes.find("[REDACTED access-token github #1]"));
  CHECK(out.replacements[2].secret == 0);
  CHECK(scanner.find_secrets(out.bytes).empty());
  // A second input shares the book: the numbers carry on.
  const Redacted second = redact(scanner, book, "DB_PASSWORD=hunter22\nOTHER_SECRET=q8Zr1mXw0Pk3zz\n");
  CHECK(second.bytes == "DB_PASSWORD=[REDACTED env-value #2]\nOTHER_SECRET=[REDACTED env-value #3]\n");
}

TEST_CASE("a secret in a base64 payload is replaced inside it, the payload stays base64", "[secrets]") {
  const std::string inner = "# config\nNPM_TOKEN=npm_0123456789abcdefghijABCDEFGHIJ012345\nmore text here\n";
  const std::string input = "{\"data\":\"" + base64_encode(inner) + "\"}";
  const Scanner scanner;
  PlaceholderBook book;
  const Redacted out = redact(scanner, book, input);
  const size_t start = out.bytes.find(":\"") + 2;
  const std::string payload = out.bytes.substr(start, out.bytes.rfind('"') - start);
  std::string decoded(payload.size(), '\0');
  Base64Decoder decoder;
  const int64_t made = decoder.feed(payload, reinterpret_cast<uint8_t*>(decoded.data()));
  REQUIRE(made > 0);
  REQUIRE(decoder.finish());
  decoded.resize(size_t(made));
  // Spaces pad the placeholder so the quads after it still decode (a whole number of 3-byte groups).
  CHECK(decoded.find("NPM_TOKEN=[REDACTED access-token npm #1]") != std::string::npos);
  CHECK(decoded.find("npm_0123") == std::string::npos);
  CHECK(decoded.substr(decoded.find("]")).find("\nmore text here\n") != std::string::npos);
  REQUIRE(out.replacements.size() == 1);
  CHECK(out.replacements[0].encoding == Encoding::base64);
  CHECK(scanner.find_secrets(out.bytes).empty());
}

namespace {

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

TEST_CASE("a caller's pattern that runs past a JSON string's end or cuts an escape is kept inside it", "[secrets]") {
  ScanOptions options;
  options.redact_patterns.push_back(std::make_shared<Literal>("acme-7\\"));       // ends on an escape's backslash
  options.redact_patterns.push_back(std::make_shared<Literal>("team-9\", \"x"));  // crosses the closing quote
  const Scanner scanner(options);
  PlaceholderBook book;
  const Redacted out = redact(scanner, book, "{\"a\": \"acme-7\\n\", \"b\": \"team-9\", \"x\": 1}");
  CHECK(out.bytes == "{\"a\": \"[REDACTED custom #1]\", \"b\": \"[REDACTED custom #2]\", \"x\": 1}");
}

TEST_CASE("the manifest lists every replacement and moves earlier ones when bytes are redacted again", "[secrets]") {
  const Scanner scanner;
  PlaceholderBook book;
  const Redacted first = redact(scanner, book, "a\nDB_PASSWORD=hunter22\nb " + kGithub + " c\n");
  ManifestBuilder builder;
  builder.add_input(0, first.replacements);
  const RedactionManifest manifest = builder.finish(book, 0, 0);
  REQUIRE(manifest.secrets.size() == 2);
  CHECK(manifest.secrets[0].label == "env-value");
  CHECK(manifest.secrets[1].rule == "github-personal-token");
  REQUIRE(manifest.occurrences.size() == 2);
  for (const RedactedOccurrence& o : manifest.occurrences) {
    const std::string placeholder =
        "[REDACTED " + manifest.secrets[o.secret].label + " #" + std::to_string(o.secret + 1) + "]";
    CHECK(first.bytes.substr(size_t(o.redacted_offset), o.redacted_length) == placeholder);
  }

  // Redact the redacted bytes again with a pattern of the caller's: the new secret is numbered after the others
  // and the earlier placeholder after it moves by the length difference.
  ScanOptions options;
  options.redact_patterns.push_back(std::make_shared<Literal>("a\n"));
  const Scanner custom(options);
  PlaceholderBook again(uint32_t(manifest.secrets.size()));
  const Redacted second = redact(custom, again, first.bytes);
  CHECK(second.bytes.substr(0, 22) == "[REDACTED custom #3]DB");
  ManifestBuilder rebuild(manifest);
  rebuild.add_input(0, second.replacements);
  const RedactionManifest merged = rebuild.finish(again, 1, 0);
  REQUIRE(merged.secrets.size() == 3);
  CHECK(merged.custom_patterns == 1);
  REQUIRE(merged.occurrences.size() == 3);
  for (const RedactedOccurrence& o : merged.occurrences) {
    const std::string placeholder =
        "[REDACTED " + merged.secrets[o.secret].label + " #" + std::to_string(o.secret + 1) + "]";
    CHECK(second.bytes.substr(size_t(o.redacted_offset), o.redacted_length) == placeholder);
  }
}

TEST_CASE("the manifest encoding round-trips and refuses damaged bytes with their offset", "[secrets]") {
  RedactionManifest manifest;
  manifest.custom_patterns = 2;
  manifest.secrets = {{SecretKind::api_key, "openai-project-key", "api-key openai"},
                      {SecretKind::private_key, "private-key-rsa", "private-key rsa"}};
  manifest.occurrences = {{0, 0, 10, 64, 10, 29, Encoding::plain}, {1, 1, 5, 1700, 5, 33, Encoding::base64}};
  const std::string bytes = encode_manifest(manifest);
  RedactionManifest decoded;
  REQUIRE(decode_manifest(bytes, decoded).is_ok());
  CHECK(decoded.custom_patterns == 2);
  REQUIRE(decoded.secrets.size() == 2);
  CHECK(decoded.secrets[1].label == "private-key rsa");
  REQUIRE(decoded.occurrences.size() == 2);
  CHECK(decoded.occurrences[1].original_length == 1700);
  CHECK(decoded.occurrences[1].encoding == Encoding::base64);

  std::string bad = bytes;
  bad[bad.size() - 33] = 9;  // the last occurrence names secret 9 of 2
  RedactionManifest refused;
  const Status status = decode_manifest(bad, refused);
  CHECK(status.code() == ErrorCode::corrupt_structure);
  CHECK(status.message() ==
        "section RDCT at byte " + std::to_string(bytes.size() - 33) + ": occurrence names secret 9");
  CHECK(decode_manifest(bytes.substr(0, bytes.size() - 1), refused).code() == ErrorCode::corrupt_structure);
  CHECK(decode_manifest(std::string_view("\x02\0\0\0", 4), refused).code() == ErrorCode::unsupported_version);
}

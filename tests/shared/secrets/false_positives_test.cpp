// False positives: the real agent logs under tests/data hold no secrets (their authors sanitized them), so every
// finding there is a false positive. The count is docs/benchmarks.md's ("Secrets scan") and must not grow.
// Left out: secrets/planted (fake secrets planted on purpose), policy/ and audit/ (failproofai's sanitize-* test
// vectors, fake secrets on purpose too).
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "secrets/scanner.h"
#include "test_support.h"

using namespace agentreel;

TEST_CASE("the real samples under tests/data give no findings", "[secrets]") {
  namespace fs = std::filesystem;
  const secrets::Scanner scanner;
  size_t files = 0, bytes = 0, findings = 0;
  for (const auto& entry : fs::recursive_directory_iterator(test::data_path(""))) {
    const std::string path = entry.path().generic_string();
    if (!entry.is_regular_file() || path.find("/secrets/planted/") != std::string::npos ||
        path.find("/secrets/expected.tsv") != std::string::npos || path.find("/data/policy/") != std::string::npos ||
        path.find("/data/audit/") != std::string::npos) {
      continue;
    }
    const std::string text = test::read_file(path);
    for (const secrets::Finding& f : scanner.find_secrets(text)) {
      UNSCOPED_INFO(path << " byte " << f.begin << ": " << f.rule->id << " " << secrets::masked_preview(f));
      ++findings;
    }
    ++files;
    bytes += text.size();
  }
  CHECK(files > 60);
  CHECK(bytes > 5000000);
  CHECK(findings == 0);
}

// PCRE2-backed patterns for the secrets flags (see secret_patterns.h).
#define PCRE2_CODE_UNIT_WIDTH 8
#include "secret_patterns.h"

#include <pcre2.h>

#include <memory>

namespace agentreel::cli {
namespace {

// One compiled pattern. Byte semantics (no UTF mode): logs may hold invalid UTF-8, which UTF mode refuses.
class Pcre2Pattern final : public secrets::PatternMatcher {
 public:
  static std::shared_ptr<const Pcre2Pattern> compile(const std::string& pattern, std::string& error) {
    int code = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code* compiled =
        pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), 0, &code, &offset, nullptr);
    if (!compiled) {
      PCRE2_UCHAR message[256];
      pcre2_get_error_message(code, message, sizeof message);
      error = "pattern \"" + pattern + "\" does not compile at offset " + std::to_string(offset) + ": " +
              reinterpret_cast<const char*>(message);
      return nullptr;
    }
    return std::shared_ptr<const Pcre2Pattern>(new Pcre2Pattern(compiled));
  }
  ~Pcre2Pattern() override {
    pcre2_match_data_free(match_data_);
    pcre2_code_free(code_);
  }

  void find_all(std::string_view text, size_t from, size_t to,
                std::vector<std::pair<size_t, size_t>>& matches) const override {
    size_t start = from;
    while (start < to) {
      const int rc =
          pcre2_match(code_, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), start, 0, match_data_, nullptr);
      if (rc < 0) return;
      const PCRE2_SIZE* range = pcre2_get_ovector_pointer(match_data_);
      if (range[0] >= to) return;
      if (range[1] > range[0]) matches.emplace_back(range[0], range[1]);
      start = range[1] > range[0] ? range[1] : range[0] + 1;
    }
  }

  bool search(std::string_view value) const override {
    return pcre2_match(code_, reinterpret_cast<PCRE2_SPTR>(value.data()), value.size(), 0, 0, match_data_, nullptr) >=
           0;
  }

 private:
  explicit Pcre2Pattern(pcre2_code* code)
      : code_(code), match_data_(pcre2_match_data_create_from_pattern(code, nullptr)) {}
  pcre2_code* code_;
  pcre2_match_data* match_data_;  // reused by every match: one thread scans at a time
};

}  // namespace

bool take_secret_flag(const Args& args, size_t& i, SecretFlags& flags, std::string& error) {
  const std::string& flag = args[i];
  if (flag == "--redact") {
    flags.redact = true;
    return true;
  }
  if ((flag != "--redact-pattern" && flag != "--allow") || i + 1 >= args.size()) return false;
  auto pattern = Pcre2Pattern::compile(args[++i], error);
  if (!pattern) {
    error = flag + ": " + error;
    return true;
  }
  (flag == "--allow" ? flags.scan.allow_patterns : flags.scan.redact_patterns).push_back(std::move(pattern));
  return true;
}

}  // namespace agentreel::cli

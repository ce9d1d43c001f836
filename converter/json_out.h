// Minimal JSON text writer for --json output: correct string escaping (control characters and
// invalid UTF-8 bytes become \u escapes), no trailing commas.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace agentreel::cli {

std::string json_string(std::string_view text);

class JsonOut {
 public:
  JsonOut& begin_object() { comma(); out_ += '{'; first_ = true; return *this; }
  JsonOut& end_object() { out_ += '}'; first_ = false; return *this; }
  JsonOut& begin_array() { comma(); out_ += '['; first_ = true; return *this; }
  JsonOut& end_array() { out_ += ']'; first_ = false; return *this; }
  JsonOut& key(std::string_view name) { comma(); out_ += json_string(name); out_ += ':'; first_ = true; return *this; }
  JsonOut& value(std::string_view text) { comma(); out_ += json_string(text); return *this; }
  JsonOut& value(const char* text) { return value(std::string_view(text)); }
  JsonOut& value(int64_t number) { comma(); out_ += std::to_string(number); return *this; }
  JsonOut& value(uint64_t number) { comma(); out_ += std::to_string(number); return *this; }
  JsonOut& value(uint32_t number) { return value(uint64_t(number)); }
  JsonOut& value(int number) { return value(int64_t(number)); }
  JsonOut& value(bool flag) { comma(); out_ += flag ? "true" : "false"; return *this; }
  const std::string& str() const { return out_; }

 private:
  void comma() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  std::string out_;
  bool first_ = true;
};

}  // namespace agentreel::cli

// A minimal JSON text writer: objects, arrays, keys and scalar values in order, commas placed for the caller,
// strings escaped by json_string.h. Used by every --json output of the CLI and the viewer's state JSON.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/json_string.h"

namespace agentreel {

class JsonWriter {
 public:
  JsonWriter& begin_object() {
    comma();
    out_ += '{';
    first_ = true;
    return *this;
  }
  JsonWriter& end_object() {
    out_ += '}';
    first_ = false;
    return *this;
  }
  JsonWriter& begin_array() {
    comma();
    out_ += '[';
    first_ = true;
    return *this;
  }
  JsonWriter& end_array() {
    out_ += ']';
    first_ = false;
    return *this;
  }
  JsonWriter& key(std::string_view name) {
    comma();
    append_json_string(out_, name);
    out_ += ':';
    first_ = true;
    return *this;
  }
  JsonWriter& value(std::string_view text) {
    comma();
    append_json_string(out_, text);
    return *this;
  }
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(int64_t number) {
    comma();
    out_ += std::to_string(number);
    return *this;
  }
  JsonWriter& value(uint64_t number) {
    comma();
    out_ += std::to_string(number);
    return *this;
  }
  JsonWriter& value(uint32_t number) { return value(uint64_t(number)); }
  JsonWriter& value(int number) { return value(int64_t(number)); }
  JsonWriter& value(bool flag) {
    comma();
    out_ += flag ? "true" : "false";
    return *this;
  }
  // A finite double with up to 17 significant digits (exactly what was stored); NaN and infinities as null.
  JsonWriter& value(double number);
  JsonWriter& null() {
    comma();
    out_ += "null";
    return *this;
  }
  // Text that is already valid JSON (a record's own object, a number kept as its source text).
  JsonWriter& raw(std::string_view json) {
    comma();
    out_ += json;
    return *this;
  }
  const std::string& str() const { return out_; }
  // The text so far; the writer goes on after it (commas and all), so a document can be handed out in pieces.
  std::string take() {
    std::string text = std::move(out_);
    out_.clear();
    return text;
  }

 private:
  void comma() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  std::string out_;
  bool first_ = true;
};

}  // namespace agentreel

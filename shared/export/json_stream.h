// A JsonWriter whose text goes to a ByteSink as it grows: the exports write a document of any size holding at
// most about one flush threshold of it in memory. Header-only; no I/O of its own (the sink does it).
#pragma once

#include <string>

#include "core/byte_io.h"
#include "core/json_writer.h"
#include "core/status.h"

namespace agentreel {

class JsonStream {
 public:
  static constexpr size_t kFlushBytes = 1u << 20;

  explicit JsonStream(ByteSink& sink) : sink_(sink) {}
  JsonWriter& json() { return json_; }
  // Hands the text so far to the sink once it passes kFlushBytes; the first failure sticks and is returned by
  // every later call (and by finish()), so a caller may check once per record.
  Status maybe_flush() {
    if (json_.str().size() >= kFlushBytes) flush();
    return status_;
  }
  // Ends the document with a line feed and hands out the rest.
  Status finish() {
    flush();
    if (status_.is_ok()) status_ = sink_.write("\n", 1);
    return status_;
  }

 private:
  void flush() {
    std::string text = json_.take();
    if (status_.is_ok() && !text.empty()) status_ = sink_.write(text.data(), text.size());
  }
  ByteSink& sink_;
  JsonWriter json_;
  Status status_;
};

}  // namespace agentreel

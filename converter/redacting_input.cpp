// Redacted input feeding (see redacting_input.h).
#include "redacting_input.h"

namespace agentreel::cli {

RedactingInput::RedactingInput(Converter& converter, const secrets::Scanner& scanner, secrets::PlaceholderBook& book,
                               std::string stored_path, Converter::Origin origin, std::string reader)
    : converter_(converter),
      stored_path_(std::move(stored_path)),
      origin_(origin),
      reader_(std::move(reader)),
      redactor_(scanner, book, [this](std::string_view redacted) { return deliver(redacted); }) {}

Status RedactingInput::begin() {
  begun_ = true;
  AGENTREEL_TRY(converter_.begin_input(stored_path_, head_, origin_, reader_));
  Status status = head_.empty() ? Status::ok() : converter_.feed(head_);
  head_.clear();
  head_.shrink_to_fit();
  return status;
}

Status RedactingInput::deliver(std::string_view redacted) {
  if (begun_) return converter_.feed(redacted);
  head_.append(redacted);
  return head_.size() >= kHeadBytes ? begin() : Status::ok();
}

Status RedactingInput::feed(std::string_view chunk) { return redactor_.feed(chunk); }

Status RedactingInput::finish() {
  AGENTREEL_TRY(redactor_.finish());
  if (!begun_) AGENTREEL_TRY(begin());
  return converter_.end_input();
}

}  // namespace agentreel::cli

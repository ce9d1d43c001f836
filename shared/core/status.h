// Errors as values: a stable numbered code plus a message that names where and why.
// Every fallible function in shared/ returns Status or Result<T>; nothing here throws or prints.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace agentreel {

// Stable codes: never renumber, only append (they appear in --json output and docs/errors.md).
enum class ErrorCode : uint16_t {
  ok = 0,
  io = 1,                   // the platform could not read or write
  not_a_bundle = 2,         // magic bytes missing
  unsupported_version = 3,  // bundle major version newer than this reader
  truncated = 4,            // file ends before a structure it announces
  checksum_mismatch = 5,    // a section's stored bytes do not match its XXH64
  corrupt_structure = 6,    // lengths, counts or indices that cannot be right
  decompress_failed = 7,    // zstd refused a block
  limit_exceeded = 8,       // a size beyond the documented caps
  unknown_format = 9,       // no reader recognises the input
  malformed_record = 10,    // a record the reader had to skip (fatal under --strict)
  invalid_argument = 11,    // a caller's mistake (CLI usage, bad index)
  out_of_memory = 12,       // an allocation the platform refused (the web page's 4 GB cap)
};

std::string_view error_code_name(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status ok() { return {}; }

  bool is_ok() const { return code_ == ErrorCode::ok; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "checksum_mismatch: section SPAN at byte 1234: ..." for humans.
  std::string to_string() const;

 private:
  ErrorCode code_ = ErrorCode::ok;
  std::string message_;
};

// Value or error. Access the value only after checking is_ok().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Status error) : state_(std::move(error)) {}

  bool is_ok() const { return std::holds_alternative<T>(state_); }
  T& value() { return std::get<T>(state_); }
  const T& value() const { return std::get<T>(state_); }
  T&& take() { return std::move(std::get<T>(state_)); }
  Status status() const { return is_ok() ? Status::ok() : std::get<Status>(state_); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace agentreel

#define AGENTREEL_TRY(expr)                       \
  do {                                            \
    ::agentreel::Status try_status_ = (expr);     \
    if (!try_status_.is_ok()) return try_status_; \
  } while (0)

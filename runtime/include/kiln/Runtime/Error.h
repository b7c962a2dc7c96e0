//===- Error.h - errors as values for the runtime API ---------------------===//
//
// The runtime never throws across its API: functions return `Status` (success
// or an error message with context) or `Expected<T>` (a value or an error).
// Messages name the thing that failed and the values seen, e.g.
// "in.safetensors: tensor 'x': data_offsets [0, 64] exceed the 32-byte
// buffer".
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RUNTIME_ERROR_H
#define KILN_RUNTIME_ERROR_H

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace kiln::rt {

/// An error message. Cheap to move; compose context with `withContext`.
class Error {
public:
  explicit Error(std::string message) : message_(std::move(message)) {}
  const std::string &message() const { return message_; }
  /// "context: message".
  Error withContext(const std::string &context) const {
    return Error(context + ": " + message_);
  }

private:
  std::string message_;
};

/// Success or an Error.
class [[nodiscard]] Status {
public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}
  static Status ok() { return Status(); }
  explicit operator bool() const { return !error_.has_value(); }
  const Error &error() const { return *error_; }

private:
  std::optional<Error> error_;
};

/// A value of type T or an Error.
template <typename T> class [[nodiscard]] Expected {
public:
  Expected(T value) : storage_(std::move(value)) {}
  Expected(Error error) : storage_(std::move(error)) {}
  Expected(Status status) : storage_(status.error()) {}

  explicit operator bool() const { return storage_.index() == 0; }
  T &operator*() { return std::get<0>(storage_); }
  const T &operator*() const { return std::get<0>(storage_); }
  T *operator->() { return &std::get<0>(storage_); }
  const T *operator->() const { return &std::get<0>(storage_); }
  const Error &error() const { return std::get<1>(storage_); }
  /// The error as a Status (only when !*this).
  Status status() const { return Status(error()); }

private:
  std::variant<T, Error> storage_;
};

} // namespace kiln::rt

#endif // KILN_RUNTIME_ERROR_H

// An id that is only unique within one session (a tool call id, an agent id, an OTLP span id), as one
// map key: the session index and the id side by side, never glued into one string with a separator the id
// itself might contain.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace agentreel {

struct SessionKey {
  uint32_t session = 0;
  std::string id;
  bool operator==(const SessionKey&) const = default;
};

struct SessionKeyHash {
  size_t operator()(const SessionKey& key) const noexcept {
    return std::hash<std::string_view>{}(key.id) ^ (size_t(key.session) * 0x9E3779B97F4A7C15ull);
  }
};

template <class Value>
using SessionKeyMap = std::unordered_map<SessionKey, Value, SessionKeyHash>;

}  // namespace agentreel

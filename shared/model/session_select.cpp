// Session names (see session_select.h).
#include "model/session_select.h"

#include <string>

namespace agentreel {

Result<uint32_t> resolve_session(const Trace& trace, std::string_view name) {
  const size_t count = trace.sessions.size();
  auto list = [&]() {
    std::string out;
    for (size_t i = 0; i < count && i < 5; ++i) {
      out += (i ? ", " : "") + std::string("#") + std::to_string(i + 1) + " " +
             std::string(trace.strings.get(trace.sessions[i].id));
    }
    if (count > 5) out += ", … (" + std::to_string(count) + " in all)";
    return out;
  };
  if (count == 0)
    return Status(ErrorCode::invalid_argument, "no session \"" + std::string(name) + "\": the bundle has no sessions");
  if (name.size() > 1 && name[0] == '#') {
    uint64_t number = 0;
    bool digits = true;
    for (const char c : name.substr(1)) {
      if (c < '0' || c > '9' || number > 1'000'000'000) {
        digits = false;
        break;
      }
      number = number * 10 + uint64_t(c - '0');
    }
    if (digits) {
      if (number >= 1 && number <= count) return uint32_t(number - 1);
      return Status(ErrorCode::invalid_argument, "no session " + std::string(name) + ": the bundle has " +
                                                     std::to_string(count) + " (#1 to #" + std::to_string(count) + ")");
    }
  }
  uint32_t found = UINT32_MAX;
  size_t matches = 0;
  std::string candidates;
  for (uint32_t i = 0; i < count; ++i) {
    const std::string_view id = trace.strings.get(trace.sessions[i].id);
    if (id == name) return i;  // an exact id wins over any prefix match
    if (!name.empty() && id.starts_with(name)) {
      found = i;
      if (++matches <= 5) candidates += (matches > 1 ? ", " : "") + std::string(id);
    }
  }
  if (matches == 1) return found;
  if (matches > 1) {
    return Status(ErrorCode::invalid_argument,
                  "session \"" + std::string(name) + "\" is ambiguous: " + std::to_string(matches) +
                      " sessions start with it (" + candidates + (matches > 5 ? ", …" : "") + ")");
  }
  return Status(ErrorCode::invalid_argument,
                "no session \"" + std::string(name) + "\" (give an id, a unique prefix or #N): " + list());
}

std::string session_label(const Trace& trace, uint32_t session) {
  return "#" + std::to_string(session + 1) + " " + std::string(trace.strings.get(trace.sessions[session].id));
}

}  // namespace agentreel

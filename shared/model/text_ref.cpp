// Text roles and the text column (see text_ref.h).
#include "model/text_ref.h"

#include <algorithm>

namespace agentreel {

namespace {
constexpr std::string_view kRoleNames[kTextRoleCount] = {
    "prompt",   "reply",    "thinking", "input",  "output",  "command", "path",   "pattern", "url",   "description",
    "old_text", "new_text", "error",    "reason", "summary", "query",   "stdout", "stderr",  "title",
};
}  // namespace

std::string_view text_role_name(TextRole role) {
  const auto index = size_t(role);
  return index < size_t(kTextRoleCount) ? kRoleNames[index] : std::string_view("unknown");
}

std::optional<TextRole> text_role_from_name(std::string_view name) {
  for (int i = 0; i < kTextRoleCount; ++i) {
    if (kRoleNames[i] == name) return TextRole(i);
  }
  return std::nullopt;
}

void TextColumns::push_back(const TextRef& ref) {
  span_.push_back(ref.span);
  role_.push_back(ref.role);
  path_.push_back(ref.path);
  record_.push_back(ref.record);
}

std::pair<size_t, size_t> TextColumns::rows_of(uint32_t span) const {
  const auto range = std::equal_range(span_.begin(), span_.end(), span);
  return {size_t(range.first - span_.begin()), size_t(range.second - span_.begin())};
}

std::optional<TextRef> TextColumns::find(uint32_t span, TextRole role) const {
  const auto [first, last] = rows_of(span);
  for (size_t row = first; row < last; ++row) {
    if (role_[row] == role) return (*this)[row];
  }
  return std::nullopt;
}

void TextColumns::shrink_to_fit() {
  span_.shrink_to_fit();
  role_.shrink_to_fit();
  path_.shrink_to_fit();
  record_.shrink_to_fit();
}

size_t TextColumns::memory_bytes() const {
  return span_.capacity() * sizeof(uint32_t) + role_.capacity() + path_.capacity() * sizeof(StringId) +
         record_.memory_bytes();
}

}  // namespace agentreel

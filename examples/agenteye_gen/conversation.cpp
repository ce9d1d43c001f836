// Sliding-window history for model requests; see conversation.h for the bound it guarantees.
// Truncation never splits a UTF-8 sequence, so rendered JSON stays valid UTF-8.
#include "agenteye_gen/conversation.h"

#include <charconv>

#include "agenteye_gen/json_writer.h"

namespace agentreel::gen {

std::string_view utf8_prefix(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;  // back off continuation bytes
  return text.substr(0, end);
}

Conversation::Conversation(size_t window_messages, size_t max_message_bytes)
    : max_message_bytes_(max_message_bytes), window_(window_messages) {}

void Conversation::restart(std::string_view first_user_message) {
  store(first_, Role::user, first_user_message);
  window_next_ = 0;
  window_used_ = 0;
}

void Conversation::add(Role role, std::string_view content) {
  if (window_.empty()) return;
  store(window_[window_next_], role, content);
  window_next_ = (window_next_ + 1) % window_.size();
  if (window_used_ < window_.size()) ++window_used_;
}

void Conversation::store(Message& slot, Role role, std::string_view content) {
  slot.role = role;
  const std::string_view kept = utf8_prefix(content, max_message_bytes_);
  slot.content.assign(kept);
  if (kept.size() == content.size()) return;
  slot.content.append("\n… [");
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, content.size() - kept.size());
  slot.content.append(digits, result.ptr);
  slot.content.append(" more bytes truncated]");
}

void Conversation::append_messages_json(std::string& out) const {
  JsonWriter json(out);
  json.begin_array();
  auto write = [&](const Message& message) {
    json.begin_object().field("role", message.role == Role::user ? "user" : "assistant");
    json.field("content", message.content).end_object();
  };
  write(first_);
  const size_t oldest = (window_next_ + window_.size() - window_used_) % (window_.empty() ? 1 : window_.size());
  for (size_t i = 0; i < window_used_; ++i) write(window_[(oldest + i) % window_.size()]);
  json.end_array();
}

}  // namespace agentreel::gen

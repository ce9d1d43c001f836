// The message history an agent sends with each model_request: its first user message plus a sliding window of
// the latest messages, each cut to a byte limit. Bounded by construction, so requests stop growing after a few
// turns (real agents compact context too) and memory stays flat. Stores raw text; renders JSON on demand.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace agentreel::gen {

enum class Role { user, assistant };

class Conversation {
 public:
  Conversation(size_t window_messages, size_t max_message_bytes);

  void restart(std::string_view first_user_message);
  void add(Role role, std::string_view content);  // oversized content is cut at a UTF-8 boundary with a marker

  // Appends `[{"role":"user","content":"…"},…]`: the first message, then the window oldest first.
  void append_messages_json(std::string& out) const;
  size_t message_count() const { return 1 + window_used_; }

 private:
  struct Message {
    Role role = Role::user;
    std::string content;
  };
  void store(Message& slot, Role role, std::string_view content);

  size_t max_message_bytes_;
  Message first_;
  std::vector<Message> window_;  // ring buffer; storage reused, never reallocated after the first turns
  size_t window_next_ = 0;
  size_t window_used_ = 0;
};

// Longest prefix of `text` not longer than `max_bytes` that does not split a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view text, size_t max_bytes);

}  // namespace agentreel::gen

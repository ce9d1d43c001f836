// The conversation's text cache (see text_cache.h).
#include "app/conversation/text_cache.h"

#include "core/text.h"

namespace agentreel::viewer {
namespace {

// span (32 bits) | role (8) | nth (16) | max_bytes class (8): distinct caps read distinct texts.
uint64_t key_of(uint32_t span, uint32_t role, size_t nth, size_t max_bytes) {
  const uint64_t cap_class = max_bytes >= TextCache::kDefaultMaxBytes ? 0 : 1 + std::min<size_t>(max_bytes / 1024, 250);
  return uint64_t(span) << 32 | uint64_t(role & 0xFF) << 24 | uint64_t(std::min<size_t>(nth, 0xFFFF)) << 8 | cap_class;
}

constexpr uint32_t kSummaryRole = 0xFF;

}  // namespace

RecordReader document_reader(const Document& doc) {
  return [&doc](RecordRef ref) {
    auto bytes = doc.read_record(ref);
    return bytes.is_ok() ? bytes.take() : std::string();
  };
}

const std::string& TextCache::text(const Document& doc, uint32_t span, TextRole role, size_t nth, size_t max_bytes) {
  const uint64_t key = key_of(span, uint32_t(role), nth, max_bytes);
  auto it = entries_.find(key);
  if (it != entries_.end()) return it->second;
  // Outputs keep a terminal's colour codes and carriage returns: shown as the terminal showed them.
  std::string value =
      without_terminal_controls(span_text(doc.trace(), document_reader(doc), span, role, nth, max_bytes).value_or(""));
  bytes_ += value.size() + 64;
  return entries_.emplace(key, std::move(value)).first->second;
}

const std::string& TextCache::summary(const Document& doc, uint32_t span) {
  const uint64_t key = key_of(span, kSummaryRole, 0, kDefaultMaxBytes);
  auto it = entries_.find(key);
  if (it != entries_.end()) return it->second;
  std::string value = call_summary(doc.trace(), document_reader(doc), span, 240);
  bytes_ += value.size() + 64;
  return entries_.emplace(key, std::move(value)).first->second;
}

void TextCache::trim() {
  if (bytes_ > budget_) clear();
}

void TextCache::clear() {
  entries_.clear();
  bytes_ = 0;
}

}  // namespace agentreel::viewer

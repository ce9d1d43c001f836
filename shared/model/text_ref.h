// Text facts: where, inside a span's records, the words a person reads are — the prompt, the assistant's reply,
// a call's command, file, pattern or URL, its arguments and its output — so the conversation view, the details
// panel, the diagnosis and the policy audit read the same normalized facts for every input format. A reader
// records each as a role, a record of the raw stream and a JSON pointer (RFC 6901) into that record; the text
// itself stays in the record (no byte is copied), and record_text.h reads it back. Roles are stored in bundles
// (TEXT section): never renumber, only append.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/string_table.h"
#include "model/record_ref_column.h"

namespace agentreel {

enum class TextRole : uint8_t {
  prompt = 0,        // what a person asked, or the task handed to an agent or subagent
  reply = 1,         // the assistant's visible text
  thinking = 2,      // the model's shown reasoning
  input = 3,         // a tool call's arguments as the model wrote them (JSON)
  output = 4,        // a tool call's result as the model saw it
  command = 5,       // a shell command
  path = 6,          // the file a call reads, writes or edits
  pattern = 7,       // a search pattern or glob
  url = 8,           // a URL fetched
  description = 9,   // what a call or subagent is for, in the agent's words
  old_text = 10,     // an edit's text before
  new_text = 11,     // an edit's text after, or a written file's content
  error = 12,        // what failed, in the harness's or tool's words
  reason = 13,       // why an action was denied or blocked
  summary = 14,      // a compaction's summary, a run's final summary
  query = 15,        // a web search query
  stdout_text = 16,  // a command's standard output, when the log keeps it apart
  stderr_text = 17,  // a command's standard error, when the log keeps it apart
  title = 18,        // a title the harness gave the session
};
constexpr int kTextRoleCount = 19;

std::string_view text_role_name(TextRole role);  // "prompt", "reply", ..., "stdout", "stderr"
std::optional<TextRole> text_role_from_name(std::string_view name);

struct TextRef {
  uint32_t span = 0;
  TextRole role = TextRole::prompt;
  RecordRef record;   // the record holding the text (often the span's begin or end record)
  StringId path = 0;  // JSON pointer into the record, interned ("" = the whole record)
};

// Text facts of a trace, sorted by span (a span's rows keep the order the reader gave them). Columns, with
// the records packed like the span columns' own.
class TextColumns {
 public:
  size_t size() const { return span_.size(); }
  bool empty() const { return span_.empty(); }
  // Rows must come in span order (TraceBuilder and the bundle reader guarantee it).
  void push_back(const TextRef& ref);
  TextRef operator[](size_t row) const { return {span_[row], role_[row], record_[row], path_[row]}; }
  // Rows [first, last) of `span`.
  std::pair<size_t, size_t> rows_of(uint32_t span) const;
  // The first row of `span` with this role.
  std::optional<TextRef> find(uint32_t span, TextRole role) const;
  void shrink_to_fit();
  size_t memory_bytes() const;

  const std::vector<uint32_t>& spans() const { return span_; }
  const std::vector<TextRole>& roles() const { return role_; }
  const std::vector<StringId>& paths() const { return path_; }
  const RecordRefColumn& records() const { return record_; }

 private:
  std::vector<uint32_t> span_;
  std::vector<TextRole> role_;
  std::vector<StringId> path_;
  RecordRefColumn record_;
};

}  // namespace agentreel

// Span texts and call summaries (see span_text.h).
#include "model/span_text.h"

#include "core/text.h"
#include "model/record_text.h"

namespace agentreel {
namespace {

// One line of `text`: its first non-blank line, with " …" when more follows, cut to max_bytes.
std::string one_line(std::string_view text, size_t max_bytes) {
  const std::string_view line = first_line(text, max_bytes);
  std::string out(line);
  const size_t start = text.find_first_not_of(" \t\r\n");
  const bool more = start != std::string_view::npos && text.size() > start + line.size() &&
                    text.substr(start + line.size()).find_first_not_of(" \t\r\n") != std::string_view::npos;
  if (more && out.size() + 4 <= max_bytes) out += " \xE2\x80\xA6";
  return out;
}

}  // namespace

std::string_view span_action(const Trace& trace, uint32_t span) {
  const std::optional<Attribute> action = trace.find_attribute(span, "action");
  if (!action || action->type != AttrType::string) return {};
  return trace.strings.get(StringId(action->value));
}

std::optional<std::string> span_text(const Trace& trace, const RecordReader& read, uint32_t span, TextRole role,
                                     size_t nth, size_t max_bytes) {
  if (!read) return std::nullopt;
  const auto [first, last] = trace.texts.rows_of(span);
  for (size_t row = first; row < last; ++row) {
    if (trace.texts.roles()[row] != role || nth-- > 0) continue;
    const TextRef ref = trace.texts[row];
    const std::string record = read(ref.record);
    if (record.empty()) return std::nullopt;
    return record_text_at(record, trace.strings.get(ref.path), max_bytes);
  }
  return std::nullopt;
}

std::string call_summary(const Trace& trace, const RecordReader& read, uint32_t span, size_t max_bytes) {
  const std::string_view name = trace.name_of(span);
  const std::string_view action = span_action(trace, span);
  auto fact = [&](TextRole role) { return span_text(trace, read, span, role, 0, 4096); };
  auto with = [&](std::string_view verb, const std::optional<std::string>& what) -> std::optional<std::string> {
    if (!what || what->empty()) return std::nullopt;
    return std::string(verb) + one_line(*what, max_bytes);
  };
  std::optional<std::string> line;
  if (action == "shell") {
    line = with("$ ", fact(TextRole::command));
  } else if (action == "read") {
    line = with("Read ", fact(TextRole::path));
  } else if (action == "write") {
    line = with("Write ", fact(TextRole::path));
  } else if (action == "edit") {
    line = with("Edit ", fact(TextRole::path));
  } else if (action == "search") {
    line = with("Search ", fact(TextRole::pattern));
    if (line) {
      if (auto where = fact(TextRole::path); where && !where->empty()) *line += " in " + one_line(*where, max_bytes);
    }
  } else if (action == "list") {
    line = with("List ", fact(TextRole::pattern));
    if (!line) line = with("List ", fact(TextRole::path));
  } else if (action == "fetch") {
    line = with("Fetch ", fact(TextRole::url));
  } else if (action == "web_search") {
    line = with("Search the web: ", fact(TextRole::query));
  } else if (action == "subagent") {
    line = with("Subagent: ", fact(TextRole::description));
    if (!line) line = with("Subagent: ", fact(TextRole::prompt));
  }
  if (!line) {
    // Any other call: its name and the start of its arguments (not the name twice when the arguments are a
    // command line that starts with it, as SWE-agent's `create reproduce.py`).
    std::string out(name);
    std::optional<std::string> args = fact(TextRole::input);
    if (!args || args->empty() || *args == "{}") args = fact(TextRole::command);
    if (args && !args->empty()) {
      const std::string first = one_line(*args, max_bytes);
      const bool repeats_name =
          !name.empty() && first.starts_with(name) && (first.size() == name.size() || first[name.size()] == ' ');
      out = repeats_name ? first : out + ' ' + first;
    }
    line = std::move(out);
  }
  return std::string(utf8_prefix(*line, max_bytes));
}

}  // namespace agentreel

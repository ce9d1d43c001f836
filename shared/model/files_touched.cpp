// Files a session touched (see files_touched.h).
#include "model/files_touched.h"

#include <unordered_map>

#include "model/span_text.h"

namespace agentreel {

std::vector<TouchedFile> files_touched(const Trace& trace, const RecordReader& read, uint32_t session) {
  std::vector<TouchedFile> files;
  if (session >= trace.sessions.size()) return files;
  const Session& s = trace.sessions[session];
  std::unordered_map<std::string, size_t> index;
  for (uint32_t span = s.first_span; span < s.first_span + s.span_count; ++span) {
    if (trace.spans.kind[span] != SpanKind::tool || !trace.texts.find(span, TextRole::path)) continue;
    std::optional<std::string> path = span_text(trace, read, span, TextRole::path, 0, 4096);
    if (!path || path->empty()) continue;
    auto [it, inserted] = index.emplace(*path, files.size());
    if (inserted) files.push_back({*path, 0, 0, 0, 0, 0, {}});
    TouchedFile& file = files[it->second];
    const std::string_view action = span_action(trace, span);
    if (action == "read")
      ++file.reads;
    else if (action == "edit")
      ++file.edits;
    else if (action == "write")
      ++file.writes;
    else
      ++file.other;
    const SpanStatus status = trace.spans.status[span];
    if (status == SpanStatus::error || status == SpanStatus::denied) ++file.failed;
    file.calls.push_back(span);
  }
  return files;
}

}  // namespace agentreel

// The find box's query language and matcher: free words match span names and attribute text (case-insensitive),
// and `tool:NAME`, `name:TEXT`, `kind:model`, `status:error`, `dur>5s` / `dur<=200ms` narrow it; all terms must
// hold. Pure: no ImGui; works on the Trace's columns only (payload bytes are not searched).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/trace.h"

namespace agentreel::viewer {

struct SpanFilter {
  struct Term {
    enum class Type : uint8_t { text, name, tool, kind, status, duration } type = Type::text;
    std::string text;  // lower-case needle (text, name, tool)
    uint8_t value = 0;  // SpanKind / SpanStatus
    char op = '>';      // duration: '>', '<', 'G' (>=), 'L' (<=), '='
    int64_t ns = 0;     // duration threshold
  };
  std::vector<Term> terms;
  std::string error;  // the first term that could not be read ("kind:foo: unknown kind"), empty if none

  // Parses `query`; terms that cannot be read are reported in `error` and ignored.
  static SpanFilter parse(std::string_view query);
  bool empty() const { return terms.empty(); }
  bool matches(const Trace& trace, uint32_t span) const;
};

// Parses "5s", "200ms", "1.5m", "300us", "10ns", "2h" (a bare number is seconds); false if it is none of these.
bool parse_duration(std::string_view text, int64_t& ns);

// The spans of `session` (global indices, ascending = execution order) that match.
std::vector<uint32_t> find_matches(const Trace& trace, uint32_t session, const SpanFilter& filter);

}  // namespace agentreel::viewer

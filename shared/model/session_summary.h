// What tells sessions apart: a title (the harness's own, else the task as the person wrote it), where it ran
// (project, branch), which models answered, tokens by class and their cost, counts, and the assistant's last words. The
// same summary names a session in the viewer's list and header, `agentreel info`, `why`, the page's title and the MCP
// tools.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/model_cost.h"
#include "model/span_text.h"
#include "model/trace.h"

namespace agentreel {

struct TokenTotals {
  int64_t input = 0;  // not read from a cache (docs/facts.md)
  int64_t output = 0;
  int64_t cache_read = 0;
  int64_t cache_creation = 0;
  int64_t reasoning = 0;
  int64_t total() const { return input + output + cache_read + cache_creation; }
};

struct SessionSummary {
  std::string title;    // one line; "" when the session says nothing about its task
  std::string project;  // the last path component of its working directory
  std::string cwd, branch;
  std::vector<std::string> models;  // distinct, in order of first use
  TokenTotals tokens;               // model calls' tokens, each counted once
  CostTotal cost;                   // what those calls cost (model/model_cost.h)
  uint64_t model_calls = 0, tool_calls = 0, errors = 0, denials = 0;
  std::string final_reply;  // the main agent's last reply (first lines), "" when none or not read
};

// The title alone, from the span columns and attributes (a harness title or the `goal` the reader kept), else
// the first prompt read through `read` (may be empty: then no record is read). At most `max_bytes`, one line.
std::string session_title(const Trace& trace, const RecordReader& read, uint32_t session, size_t max_bytes = 160);

// The tokens of the session's model calls by class, each call once (no record is read).
TokenTotals session_tokens(const Trace& trace, uint32_t session);

// The whole summary; reads a few records through `read` (the title and the last reply).
SessionSummary summarize_session(const Trace& trace, const RecordReader& read, uint32_t session);

}  // namespace agentreel

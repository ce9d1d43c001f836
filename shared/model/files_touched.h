// The files a session read, edited and wrote: one row per path with its counts and the calls that touched it,
// in the order the files were first touched. Built from the calls' text facts (TextRole::path) and their
// canonical action (docs/facts.md), read through the caller's RecordReader; shell commands that write a file
// count as writes of it when the reader recorded the file (a `write_hash` without a path is not enough).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/record_reader.h"
#include "model/trace.h"

namespace agentreel {

struct TouchedFile {
  std::string path;
  uint32_t reads = 0, edits = 0, writes = 0, other = 0;  // calls by canonical action
  uint32_t failed = 0;                                   // of those, calls that failed or were denied
  std::vector<uint32_t> calls;                           // the tool spans, in span order
};

// Every file the tool calls of `session` name, first touched first. Subagents' calls count for the session.
std::vector<TouchedFile> files_touched(const Trace& trace, const RecordReader& read, uint32_t session);

}  // namespace agentreel

// What `agentreel mcp` serves: the bundle or logs named on its command line (logs converted in memory by open_run),
// opened on the first tool call and opened again when the logs change on disk (a live session grows), with the
// per-session summaries and diagnoses cached until then. Single-threaded: the server answers one call at a time.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bundle/bundle_reader.h"
#include "core/status.h"
#include "diagnosis/diagnosis.h"
#include "model/record_reader.h"
#include "model/session_summary.h"

namespace agentreel::mcp {

class ServedRun {
 public:
  ServedRun(std::vector<std::string> inputs, std::string format)
      : inputs_(std::move(inputs)), format_(std::move(format)) {}

  const std::vector<std::string>& inputs() const { return inputs_; }
  // The bundle, opened (or opened again when an input changed since) now; an error names the input.
  Result<const Bundle*> bundle();
  // The bundle bundle() last opened, without looking at the inputs again (the tools, within one call: a directory
  // walk per session listed would cost more than the listing).
  const Bundle& opened() const { return *bundle_; }
  // Reads records of the open bundle (call bundle() first).
  RecordReader reader() const;
  const SessionSummary& summary(uint32_t session);
  const diagnosis::SessionDiagnosis& diagnosis(uint32_t session);
  // Diagnoses every session not yet diagnosed, on several threads (list_sessions' verdicts).
  void diagnose_all();

 private:
  std::string fingerprint() const;  // the inputs' paths, sizes and modification times

  std::vector<std::string> inputs_;
  std::string format_;
  std::unique_ptr<Bundle> bundle_;
  std::string opened_fingerprint_;
  std::vector<std::optional<SessionSummary>> summaries_;
  std::vector<std::optional<diagnosis::SessionDiagnosis>> diagnoses_;
};

// Where Claude Code keeps its transcripts: $CLAUDE_CONFIG_DIR/projects, else ~/.claude/projects.
std::string default_claude_projects_dir();

}  // namespace agentreel::mcp
